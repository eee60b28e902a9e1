using System.Text;

namespace Sesric.Analytics.Semantic;

/// <summary>Either side holds.</summary>
/// <param name="Left">The first operand.</param>
/// <param name="Right">The second operand.</param>
public sealed record FilterOr(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    private protected override void Write(StringBuilder s)
    {
        // The parser groups a chain from the left, so a right-hand OR keeps its parentheses to read back equal.
        WriteOperand(s, Left, false);
        s.Append(" OR ");
        WriteOperand(s, Right, Right is FilterOr);
    }
}
