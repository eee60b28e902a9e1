using System.Text.RegularExpressions;

namespace Sesric.Analytics.Model;

/// <summary>
/// The stable identifier of a programme: a lower-case slug such as <c>diplomacy-cab</c>.
/// </summary>
/// <remarks>
/// Invariant: 2–64 characters of <c>a-z</c>, <c>0-9</c> and single hyphens, starting with a letter.
/// Slugs appear in resource names (<c>programmes/diplomacy-cab</c>), CSV files and filters, so
/// they never change once published.
/// </remarks>
/// <threadsafety>Immutable value type; safe to share.</threadsafety>
public readonly partial record struct ProgrammeId : IComparable<ProgrammeId>
{
    private readonly string? _value;

    private ProgrammeId(string value) => _value = value;

    /// <summary>The slug.</summary>
    public string Value => _value ?? "";

    /// <summary>Parses a slug, throwing <see cref="FormatException"/> that says what a slug looks like.</summary>
    public static ProgrammeId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is not a programme id (lower-case letters, digits and hyphens, such as diplomacy-cab).");

    /// <summary>Parses a slug without throwing.</summary>
    public static bool TryParse(string? text, out ProgrammeId id)
    {
        id = default;
        if (text is null || text.Length is < 2 or > 64 || !SlugPattern().IsMatch(text))
        {
            return false;
        }
        id = new ProgrammeId(text);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(ProgrammeId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
