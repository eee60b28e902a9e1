namespace Sesric.Analytics.Semantic;

/// <summary>A filter comparison checked against its field once, when the query is planned.</summary>
/// <param name="Dimension">The field compared.</param>
/// <param name="SqlOperator">The SQL comparison (<c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>…).</param>
/// <param name="Value">The typed parameter value (a normalised code, a whole number, a date).</param>
internal sealed record BoundComparison(DimensionDefinition Dimension, string SqlOperator, object Value);
