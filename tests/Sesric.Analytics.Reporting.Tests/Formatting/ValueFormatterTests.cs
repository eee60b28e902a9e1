using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;

namespace Sesric.Analytics.Reporting.Tests.Formatting;

public sealed class ValueFormatterTests
{
    [Theory]
    [InlineData(Language.English, 2020.0, ValueFormat.Year, "2020")]
    [InlineData(Language.French, 2020.0, ValueFormat.Year, "2020")]
    [InlineData(Language.English, 12345.0, ValueFormat.Integer, "12,345")]
    [InlineData(Language.French, 12345.0, ValueFormat.Integer, "12\u202F345")]
    [InlineData(Language.English, 0.4812, ValueFormat.Percent, "48.1%")]
    [InlineData(Language.French, 0.4812, ValueFormat.Percent, "48,1\u202F%")]
    [InlineData(Language.Arabic, 0.4812, ValueFormat.Percent, "48.1\u066A")]
    [InlineData(Language.English, -15.0, ValueFormat.SignedInteger, "\u221215")]
    [InlineData(Language.English, 31.0, ValueFormat.SignedInteger, "+31")]
    [InlineData(Language.English, 0.383, ValueFormat.SignedPercent, "+38.3%")]
    [InlineData(Language.French, 12.25, ValueFormat.Decimal, "12,3")]
    public void Formats_by_language(Language language, double value, ValueFormat format, string expected) =>
        Assert.Equal(expected, new ValueFormatter(language).Format(value, format));

    [Fact]
    public void Suppressed_and_unknown_cells_are_words_never_zero()
    {
        var fmt = new ValueFormatter(Language.French);
        Assert.Equal("masqué", fmt.Format(ResultCell.Suppressed, ValueFormat.Integer));
        Assert.Equal("inconnu", fmt.Format(ResultCell.Unknown, ValueFormat.Integer));
    }
}
