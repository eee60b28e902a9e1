namespace Sesric.Analytics.Semantic;

/// <summary>A parsed filter: a tree of comparisons joined by AND, OR and NOT.</summary>
/// <remarks>Field names are as written; they are checked against the model when the query is compiled.</remarks>
public abstract record FilterExpression;

/// <summary><c>field op value</c>.</summary>
/// <param name="Field">The field name as written.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The literal.</param>
/// <param name="Position">Where the field name starts in the filter text.</param>
public sealed record FilterComparison(string Field, FilterOperator Operator, FilterValue Value, int Position) : FilterExpression;

/// <summary>Both sides hold.</summary>
/// <param name="Left">The first operand.</param>
/// <param name="Right">The second operand.</param>
public sealed record FilterAnd(FilterExpression Left, FilterExpression Right) : FilterExpression;

/// <summary>Either side holds.</summary>
/// <param name="Left">The first operand.</param>
/// <param name="Right">The second operand.</param>
public sealed record FilterOr(FilterExpression Left, FilterExpression Right) : FilterExpression;

/// <summary>The operand does not hold.</summary>
/// <param name="Operand">The negated expression.</param>
public sealed record FilterNot(FilterExpression Operand) : FilterExpression;

/// <summary>A comparison operator.</summary>
public enum FilterOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}

/// <summary>A literal in a filter.</summary>
/// <param name="Kind">Text, number or date.</param>
/// <param name="Text">The text of a string (unquoted, escapes resolved), or the digits of a number or date.</param>
/// <param name="Position">Where the literal starts in the filter text.</param>
public sealed record FilterValue(FilterValueKind Kind, string Text, int Position);

/// <summary>The kinds of filter literal.</summary>
public enum FilterValueKind
{
    /// <summary>A quoted string: <c>"diplomacy-cab"</c> or <c>'Arab Group'</c>.</summary>
    String,

    /// <summary>A whole number: <c>2020</c>.</summary>
    Number,

    /// <summary>A date, <c>2020-09-14</c>.</summary>
    Date,
}
