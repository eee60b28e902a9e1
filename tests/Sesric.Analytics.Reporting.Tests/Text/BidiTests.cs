using Sesric.Analytics.Reporting.Text;

namespace Sesric.Analytics.Reporting.Tests.Text;

public sealed class BidiTests
{
    private static string Visual(string text, bool rtl)
    {
        var levels = Bidi.ResolveLevels(text, rtl);
        return string.Concat(Bidi.VisualRuns(levels).Select(r =>
        {
            var s = text.Substring(r.Start, r.Length);
            return r.Level % 2 == 1 ? new string([.. s.Reverse()]) : s;
        }));
    }

    [Theory]
    [InlineData("abc 123", false, "abc 123")]
    [InlineData("אבג 123", true, "123 גבא")]
    [InlineData("אבג def ghi", true, "def ghi גבא")]
    [InlineData("abc אבג דהו xyz", false, "abc והד גבא xyz")]
    [InlineData("אבג 12.5% ה", true, "ה 12.5% גבא")]
    [InlineData("(אבג)", true, ")גבא(")] // HarfBuzz mirrors the brackets when it shapes the run right to left
    public void Runs_come_out_in_visual_order(string text, bool rtl, string expected) =>
        Assert.Equal(expected, Visual(text, rtl));

    [Fact]
    public void Brackets_around_figures_in_an_arabic_label_stay_around_them()
    {
        // The forecast legend of issue 14, drawn "(ses (80.0٪, 95.0٪ :التوقع" before rule N0: the closing bracket
        // took the line's direction and jumped to the far end. Paired, both brackets follow the Latin text inside.
        Assert.Equal("ses (80.0٪، 95.0٪)" + " :عقوتلا", Visual("التوقع: ses (80.0٪، 95.0٪)", rtl: true));
    }

    [Fact]
    public void European_digits_after_an_arabic_letter_are_arabic_numbers_but_stay_in_order()
    {
        var levels = Bidi.ResolveLevels("سنة 2024", rtl: true);
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2], levels);
    }
}
