namespace Sesric.Analytics.Semantic;

/// <summary>A parsed user measure expression (see <see cref="MeasureExpressionParser"/>), before it is checked against a model.</summary>
/// <param name="Position">Where the node starts in the expression text (0-based character position).</param>
internal abstract record MeasureExpression(int Position);

/// <summary>A numeric literal such as <c>100</c> or <c>0.5</c>.</summary>
internal sealed record NumberLiteral(double Value, bool IsWhole, int Position) : MeasureExpression(Position);

/// <summary>A measure by name, optionally restricted: <c>participants</c>, <c>participants[attendance = "completed"]</c>.</summary>
internal sealed record MeasureReferenceExpression(string Name, IReadOnlyList<RestrictionExpression> Restrictions, int Position) : MeasureExpression(Position);

/// <summary>One <c>dimension = value</c> condition inside a restriction's brackets.</summary>
internal sealed record RestrictionExpression(string Dimension, FilterValue Value, int Position, int ValuePosition);

/// <summary><c>left op right</c> with op one of <c>+ - * /</c>.</summary>
internal sealed record BinaryExpression(char Operator, MeasureExpression Left, MeasureExpression Right, int Position) : MeasureExpression(Position);

/// <summary><c>-operand</c>.</summary>
internal sealed record NegateExpression(MeasureExpression Operand, int Position) : MeasureExpression(Position);
