using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Formatting;

namespace Sesric.Analytics.Reporting.Tests.Formatting;

public sealed class CountedNounTests
{
    [Theory]
    [InlineData(1, "قيمة واحدة")]
    [InlineData(2, "قيمتان")]
    [InlineData(3, "3 قيم")]
    [InlineData(10, "10 قيم")]
    [InlineData(11, "11 قيمة")]
    [InlineData(99, "99 قيمة")]
    [InlineData(100, "100 قيمة")]
    [InlineData(102, "102 قيمة")]
    [InlineData(103, "103 قيم")]
    [InlineData(111, "111 قيمة")]
    [InlineData(1000, "1,000 قيمة")]
    public void Arabic_counts_take_the_singular_dual_or_plural_the_number_asks_for(long count, string expected) =>
        Assert.Equal(expected, Phrases.Values.Format(count, new ValueFormatter(Language.Arabic)));

    [Theory]
    [InlineData(1, "خلية واحدة محجوبة لحماية الخصوصية")]
    [InlineData(2, "خليتان محجوبتان لحماية الخصوصية")]
    [InlineData(7, "7 خلايا محجوبة لحماية الخصوصية")]
    [InlineData(11, "11 خلية محجوبة لحماية الخصوصية")]
    public void Suppressed_cells_agree_in_arabic(long count, string expected) =>
        Assert.Equal(expected, Phrases.SuppressedCells.Format(count, new ValueFormatter(Language.Arabic)));

    [Theory]
    [InlineData(Language.English, 1, "1 value")]
    [InlineData(Language.English, 0, "0 values")]
    [InlineData(Language.English, 1234, "1,234 values")]
    [InlineData(Language.French, 0, "0 valeur")]
    [InlineData(Language.French, 1, "1 valeur")]
    [InlineData(Language.French, 2, "2 valeurs")]
    [InlineData(Language.French, 1234, "1\u202F234 valeurs")]
    public void English_and_french_counts_take_singular_or_plural(Language language, long count, string expected) =>
        Assert.Equal(expected, Phrases.Values.Format(count, new ValueFormatter(language)));

    [Fact]
    public void Every_chart_kind_has_a_name_in_every_language_and_none_is_english_outside_english()
    {
        foreach (var kind in Enum.GetValues<MarkKind>())
        {
            var name = ChartTypeNames.All[kind];
            Assert.NotNull(name.Arabic);
            Assert.NotNull(name.French);
            Assert.DoesNotMatch("[A-Za-z]", name.Arabic);
            Assert.NotEqual(name.English, name.French);
        }
    }

    [Theory]
    [InlineData(Language.English, "Source: SESRIC; a, b")]
    [InlineData(Language.French, "Source\u00A0: SESRIC\u202F; a, b")]
    [InlineData(Language.Arabic, "Source: SESRIC؛ a، b")]
    public void Punctuation_follows_each_language(Language language, string expected) =>
        Assert.Equal(expected, Punctuation.JoinClauses([Punctuation.Labelled("Source", "SESRIC", language), Punctuation.JoinList(["a", "b"], language)], language));
}
