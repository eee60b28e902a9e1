using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Model;

public sealed class CountryCodeTests
{
    [Theory]
    [InlineData("TUR", "TUR")]
    [InlineData(" tur ", "TUR")]
    [InlineData("Sau", "SAU")]
    public void Parse_normalises_valid_codes(string text, string expected) =>
        Assert.Equal(expected, CountryCode.Parse(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("TU")]
    [InlineData("TURK")]
    [InlineData("T1R")]
    [InlineData("ÄBC")]
    public void Parse_rejects_invalid_codes(string text)
    {
        var error = Assert.Throws<FormatException>(() => CountryCode.Parse(text));
        Assert.Contains("ISO 3166", error.Message);
    }
}
