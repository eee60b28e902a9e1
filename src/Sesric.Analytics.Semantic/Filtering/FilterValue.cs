using System.Globalization;

namespace Sesric.Analytics.Semantic;

/// <summary>A literal in a filter.</summary>
/// <param name="Kind">Text, number or date.</param>
/// <param name="Text">The text of a string (unquoted, escapes resolved), or the digits of a number or date.</param>
/// <param name="Position">Where the literal starts in the filter text, or -1 for a value built in code.</param>
/// <remarks>Equality compares kind and text, never <paramref name="Position"/>.</remarks>
public sealed record FilterValue(FilterValueKind Kind, string Text, int Position = -1)
{
    /// <summary>A text value, such as a programme slug or an ISO3 code.</summary>
    public static FilterValue Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(FilterValueKind.String, text);
    }

    /// <summary>A whole number, such as a year.</summary>
    public static FilterValue Of(long number) => new(FilterValueKind.Number, number.ToString(CultureInfo.InvariantCulture));

    /// <summary>A calendar date.</summary>
    public static FilterValue Of(DateOnly date) => new(FilterValueKind.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>True when both are the same kind of literal with the same text.</summary>
    public bool Equals(FilterValue? other) => other is not null && Kind == other.Kind && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Text));

    /// <summary>" (position N)" for a parsed literal, empty for one built in code.</summary>
    internal string At => Position < 0 ? "" : $" (position {Position})";
}
