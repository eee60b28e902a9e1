using System.Text;

namespace Sesric.Analytics.Semantic;

/// <summary>The operand does not hold.</summary>
/// <param name="Operand">The negated expression.</param>
public sealed record FilterNot(FilterExpression Operand) : FilterExpression
{
    private protected override void Write(StringBuilder s)
    {
        s.Append("NOT ");
        WriteOperand(s, Operand, Operand is FilterAnd or FilterOr);
    }
}
