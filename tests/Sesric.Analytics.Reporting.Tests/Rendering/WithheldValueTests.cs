using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

/// <summary>A withheld (suppressed) value is shown as withheld in every mark: never drawn, stacked, shared or summed as 0.</summary>
public sealed class WithheldValueTests
{
    private static readonly QueryMetadata Meta = new(0, TimeSpan.Zero, 1, null, "public");

    private static ResultTable ByGroup() => new(
        [SampleTables.Group, SampleTables.Participants],
        [
            [ResultCell.Of("Arab Group"), ResultCell.Of(37L)],
            [ResultCell.Of("Asian Group"), ResultCell.Of(26L)],
            [ResultCell.Of("African Group"), ResultCell.Suppressed],
        ],
        Meta);

    private static ResultTable GrandTotal(long total) => new([SampleTables.Participants], [[ResultCell.Of(total)]], Meta);

    private static ResultTable StackedByYear() => new(
        [SampleTables.Year, SampleTables.Group, SampleTables.Participants],
        [
            [ResultCell.Of(2017L), ResultCell.Of("Arab Group"), ResultCell.Of(12L)],
            [ResultCell.Of(2017L), ResultCell.Of("Asian Group"), ResultCell.Suppressed],
            [ResultCell.Of(2017L), ResultCell.Of("African Group"), ResultCell.Suppressed],
            [ResultCell.Of(2020L), ResultCell.Of("Arab Group"), ResultCell.Of(30L)],
            [ResultCell.Of(2020L), ResultCell.Of("Asian Group"), ResultCell.Of(28L)],
            [ResultCell.Of(2020L), ResultCell.Of("African Group"), ResultCell.Of(23L)],
        ],
        Meta);

    private static ResultTable TotalsByYear() => new(
        [SampleTables.Year, SampleTables.Participants],
        [[ResultCell.Of(2017L), ResultCell.Of(35L)], [ResultCell.Of(2020L), ResultCell.Of(81L)]],
        Meta);

    [Fact]
    public void A_donut_takes_its_total_and_shares_from_the_engines_total_cell()
    {
        var visual = new Visual("by-group", MarkKind.Donut, "participants", "oic_group");
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(visual, ByGroup(), Theme.Default, Language.English, new ChartOptions(Totals: GrandTotal(81))));
        Assert.Contains("African Group: suppressed", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("African Group: 0", StringComparison.Ordinal));
        Assert.Contains("81", texts);
        Assert.DoesNotContain("63", texts);
        Assert.Contains("Arab Group: 37 (45.7%)", texts);
        Assert.Contains("Asian Group: 26 (32.1%)", texts);
    }

    [Fact]
    public void A_donut_without_the_engines_total_says_its_total_is_of_the_shown_groups()
    {
        var visual = new Visual("by-group", MarkKind.Donut, "participants", "oic_group");
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(visual, ByGroup(), Theme.Default, Language.English));
        Assert.Contains("African Group: suppressed", texts);
        Assert.Contains("63", texts);
        Assert.Contains("total of shown groups", string.Join(" ", texts), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stacked_column_is_labelled_with_the_engines_total_not_the_shown_parts()
    {
        var visual = new Visual("stack", MarkKind.StackedColumn, "participants", "year", "oic_group");
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(visual, StackedByYear(), Theme.Default, Language.English, new ChartOptions(Totals: TotalsByYear())));
        Assert.Contains("35", texts);
        Assert.DoesNotContain("12", texts.Where(t => t != "12"));
        Assert.DoesNotContain(texts, t => t == "12");
        Assert.Contains("81", texts);
    }

    [Fact]
    public void A_stacked_column_without_totals_does_not_sum_withheld_parts_as_zero()
    {
        var visual = new Visual("stack", MarkKind.StackedColumn, "participants", "year", "oic_group");
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(visual, StackedByYear(), Theme.Default, Language.English));
        Assert.DoesNotContain("12", texts);
        Assert.Contains("suppressed", texts);
        Assert.Contains("81", texts);
    }

    [Theory]
    [InlineData(MarkKind.Column)]
    [InlineData(MarkKind.Bar)]
    [InlineData(MarkKind.Waterfall)]
    [InlineData(MarkKind.Table)]
    public void A_withheld_value_is_labelled_withheld_and_never_zero(MarkKind mark)
    {
        var table = new ResultTable(
            [SampleTables.Year, SampleTables.Participants],
            [[ResultCell.Of(2020L), ResultCell.Of(81L)], [ResultCell.Of(2021L), ResultCell.Suppressed], [ResultCell.Of(2022L), ResultCell.Of(95L)]],
            Meta);
        var visual = new Visual("v", mark, "participants", "year");
        var svg = ReportRenderer.RenderSvg(visual, table, Theme.Default, Language.English);
        var texts = SvgText.Texts(svg);
        Assert.Contains("suppressed", texts);
        if (mark is MarkKind.Column or MarkKind.Bar)
        {
            // Two bars for the two shown values; none (not even a zero-height one) for the withheld year.
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, $"<rect fill=\"{Theme.Default.Palette[0]}\"").Count);
        }
        if (mark == MarkKind.Waterfall)
        {
            // 81 to 95 across the withheld year: one step of +14, not −81 then +95.
            Assert.Contains("+14", texts);
        }
    }

    [Fact]
    public void A_combo_draws_no_bar_for_a_withheld_value()
    {
        var table = new ResultTable(
            [SampleTables.Year, SampleTables.Participants, SampleTables.MemberStates],
            [[ResultCell.Of(2020L), ResultCell.Of(81L), ResultCell.Of(29L)], [ResultCell.Of(2021L), ResultCell.Suppressed, ResultCell.Of(33L)]],
            Meta);
        var visual = new Visual("combo", MarkKind.Combo, "participants", "year", LineMeasure: "member_states");
        var svg = ReportRenderer.RenderSvg(visual, table, Theme.Default, Language.English);
        Assert.Contains("suppressed", SvgText.Texts(svg));
        // The legend's swatch and the one shown bar.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, $"<rect fill=\"{Theme.Default.Palette[0]}\"").Count);
    }
}
