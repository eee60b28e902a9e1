using System.Text;

namespace Sesric.Analytics.Semantic;

/// <summary><c>field op value</c>.</summary>
/// <param name="Field">The field name as written.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The literal.</param>
/// <param name="Position">Where the field name starts in the filter text, or -1 for a filter built in code.</param>
/// <remarks>Equality compares field, operator and value, never <paramref name="Position"/>.</remarks>
public sealed record FilterComparison(string Field, FilterOperator Operator, FilterValue Value, int Position = -1) : FilterExpression
{
    /// <summary>True when both compare the same field with the same operator and value.</summary>
    public bool Equals(FilterComparison? other) =>
        other is not null && string.Equals(Field, other.Field, StringComparison.Ordinal) && Operator == other.Operator && Value.Equals(other.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Field), Operator, Value);

    /// <summary>" at position N" for a parsed comparison, empty for one built in code.</summary>
    internal string At => Position < 0 ? "" : $" at position {Position}";

    private protected override void Write(StringBuilder s) =>
        s.Append(Field).Append(' ').Append(OperatorText(Operator)).Append(' ').Append(Literal(Value));
}
