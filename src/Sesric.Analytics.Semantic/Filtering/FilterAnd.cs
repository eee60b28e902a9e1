using System.Text;

namespace Sesric.Analytics.Semantic;

/// <summary>Both sides hold.</summary>
/// <param name="Left">The first operand.</param>
/// <param name="Right">The second operand.</param>
public sealed record FilterAnd(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    private protected override void Write(StringBuilder s)
    {
        // AND binds tighter than OR, so only an OR operand needs parentheses.
        WriteOperand(s, Left, Left is FilterOr);
        s.Append(" AND ");
        WriteOperand(s, Right, Right is FilterOr or FilterAnd);
    }
}
