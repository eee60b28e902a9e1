namespace Sesric.Analytics.Semantic;

/// <summary>
/// How much of a result may be shown. <see cref="PublicDefault"/> is the default for anything published;
/// <see cref="Internal"/> shows exact values and is for staff with a higher role.
/// </summary>
/// <remarks>
/// The public policy protects every person-derived figure by the cell key method (see
/// <see cref="PerturbationTable"/> and the README's disclosure section), restricts filters below the whole edition to
/// <c>field = value</c> conditions joined by AND, and names the perturbation table version in every result.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record DisclosurePolicy
{
    private DisclosurePolicy(string name, PerturbationTable? table)
    {
        Name = name;
        Table = table;
    }

    /// <summary>"public" or "internal".</summary>
    public string Name { get; }

    /// <summary>The perturbation table the public policy applies; null for internal.</summary>
    public PerturbationTable? Table { get; }

    /// <summary>Whether figures are protected (perturbed or withheld) at all.</summary>
    public bool Protects => Table is not null;

    /// <summary>The public policy with the current perturbation table.</summary>
    public static DisclosurePolicy PublicDefault { get; } = new("public", PerturbationTable.Current);

    /// <summary>Shows every value exactly: for internal use only.</summary>
    public static DisclosurePolicy Internal { get; } = new("internal", null);

    /// <summary>Parses <c>public</c> or <c>internal</c> (case-insensitive).</summary>
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
        if (t.StartsWith("public:", StringComparison.Ordinal))
        {
            throw new QueryException(QueryErrorKind.InvalidQuery, $"'{text}': the public policy no longer takes a threshold; it protects every count by the cell key method ({PerturbationTable.Current.Version}). Use public or internal.", "policy");
        }
        throw new QueryException(QueryErrorKind.InvalidQuery, $"'{text}' is not a disclosure policy; use public or internal.", "policy");
    }

    /// <inheritdoc/>
    public bool Equals(DisclosurePolicy? other) => other is not null && Name == other.Name && Table?.Version == other.Table?.Version;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Table?.Version);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
