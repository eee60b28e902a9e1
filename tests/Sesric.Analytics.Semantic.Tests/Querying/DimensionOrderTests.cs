namespace Sesric.Analytics.Semantic.Tests.Querying;

public sealed class DimensionOrderTests
{
    [Theory]
    [InlineData("oic-statcom/8", "oic-statcom/11", -1)]
    [InlineData("oic-statcom/14", "oic-statcom-follow-up/1", -1)]
    [InlineData("diplomacy-cab/4", "diplomacy-cab/4", 0)]
    [InlineData("diplomacy-cab/10", "ibnsina-cab-mnch/2", -1)]
    [InlineData("Arab Group", "Asian Group", -1)]
    [InlineData("TUR", "AZE", 1)]
    [InlineData("a/b", "a/10", 1)]
    [InlineData("a/", "a/1", -1)]
    public void Editions_compare_by_programme_then_number_and_other_text_ordinally(string x, string y, int sign)
    {
        Assert.Equal(sign, Math.Sign(DimensionOrder.CompareText(x, y)));
        Assert.Equal(-sign, Math.Sign(DimensionOrder.CompareText(y, x)));
    }
}
