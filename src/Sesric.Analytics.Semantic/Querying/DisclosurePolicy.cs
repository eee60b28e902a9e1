namespace Sesric.Analytics.Semantic;

/// <summary>
/// How much of a result may be shown. <see cref="Public(int)"/> (k = 3) is the default for anything
/// published; <see cref="Internal"/> shows everything and is for staff with a higher role.
/// </summary>
/// <remarks>The rules are applied by <see cref="DisclosureControl"/>; read its remarks for them.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record DisclosurePolicy
{
    private DisclosurePolicy(string name, int threshold)
    {
        Name = name;
        Threshold = threshold;
    }

    /// <summary>"public" or "internal".</summary>
    public string Name { get; }

    /// <summary>The smallest number of distinct participants a shown cell may count (k); 0 for internal.</summary>
    public int Threshold { get; }

    /// <summary>Whether cells are suppressed at all.</summary>
    public bool Suppresses => Threshold > 0;

    /// <summary>The default public policy, k = 3.</summary>
    public static DisclosurePolicy PublicDefault { get; } = new("public", 3);

    /// <summary>Shows every value: for internal use only.</summary>
    public static DisclosurePolicy Internal { get; } = new("internal", 0);

    /// <summary>A public policy suppressing cells counting fewer than <paramref name="k"/> distinct participants (k between 1 and 1000).</summary>
    public static DisclosurePolicy Public(int k = 3)
    {
        if (k is < 1 or > 1000)
        {
            throw new QueryException(QueryErrorKind.InvalidQuery, $"the disclosure threshold k must be between 1 and 1000, was {k}.", "policy");
        }
        return k == 3 ? PublicDefault : new DisclosurePolicy("public", k);
    }

    /// <summary>Parses <c>public</c>, <c>public:5</c> or <c>internal</c> (case-insensitive).</summary>
    public static DisclosurePolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToLowerInvariant();
        if (t == "internal")
        {
            return Internal;
        }
        if (t == "public")
        {
            return PublicDefault;
        }
        if (t.StartsWith("public:", StringComparison.Ordinal)
            && int.TryParse(t.AsSpan(7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k))
        {
            return Public(k);
        }
        throw new QueryException(QueryErrorKind.InvalidQuery, $"'{text}' is not a disclosure policy; use public, public:K (such as public:5) or internal.", "policy");
    }

    /// <inheritdoc/>
    public override string ToString() => Suppresses && Threshold != 3 ? $"{Name}:{Threshold}" : Name;
}
