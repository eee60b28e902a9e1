using Sesric.Analytics.Model;

namespace Sesric.Analytics.Querying;

/// <summary>One column of a <see cref="ResultTable"/>.</summary>
/// <param name="Name">The model name (<c>year</c>, <c>participants</c>).</param>
/// <param name="Role">Dimension or measure.</param>
/// <param name="Type">The values' type.</param>
/// <param name="Format">How values are shown.</param>
/// <param name="Label">The column's label in English, Arabic and French.</param>
public sealed record ResultColumn(string Name, ColumnRole Role, ColumnType Type, ValueFormat Format, LocalizedText Label);
