using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// One measure as a model file defines it, read and parsed but not yet checked against a model: every kind is
/// reduced to one expression tree (a ratio is <c>a / b</c>, a sum <c>a + b + …</c>), whose operands remember the JSON
/// path they came from for error messages.
/// </summary>
/// <param name="Path">The measure's JSON path (<c>measures[3]</c>).</param>
/// <param name="Name">The measure's name.</param>
/// <param name="Kind">The kind as written (<c>expression</c>, <c>ratio</c>, <c>share</c>, <c>difference</c>, <c>sum</c>).</param>
/// <param name="Expression">The definition as one tree.</param>
/// <param name="Definition">The definition as one line of text, for the model description (<c>a / b</c>).</param>
/// <param name="Label">The column label; Arabic and French default to English.</param>
/// <param name="Description">The precise definition in words.</param>
/// <param name="Format">The format asked for, or null to infer it from the type.</param>
internal sealed record UserMeasureSpec(
    string Path,
    string Name,
    string Kind,
    MeasureExpression Expression,
    string Definition,
    LocalizedText Label,
    string Description,
    ValueFormat? Format)
{
    /// <summary>Whether the kind is <c>share</c>: the division must be a part of a whole, so it stays within 0–100 %.</summary>
    public bool IsShare => Kind == "share";
}

/// <summary>An operand of a measure kind, parsed from its own JSON value: errors inside it name <paramref name="Path"/>.</summary>
internal sealed record OperandExpression(MeasureExpression Inner, string Path) : MeasureExpression(Inner.Position);
