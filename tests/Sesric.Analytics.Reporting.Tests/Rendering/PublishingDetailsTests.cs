using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

/// <summary>Details a publication gets right: percentage points, neutral no-change, axes within the measure's domain.</summary>
public sealed class PublishingDetailsTests
{
    private static readonly QueryMetadata Meta = new(0, TimeSpan.Zero, 0, null, "public");

    private static ResultTable Shares(double previous, double current) => new(
        [SampleTables.Year, SampleTables.Coverage],
        [[ResultCell.Of(2021L), ResultCell.Of(previous)], [ResultCell.Of(2022L), ResultCell.Of(current)]],
        Meta);

    [Theory]
    [InlineData(Language.English, "No figures for 2018, 2019.")]
    [InlineData(Language.French, "Aucun chiffre pour 2018, 2019.")]
    public void Years_a_time_axis_skips_are_named_under_the_chart(Language language, string footnote)
    {
        // Editions in 2017 and 2020–2022 only: the axis is spaced by time, so 2018 and 2019 are a visible gap, and said.
        var table = new ResultTable(
            [SampleTables.Year, SampleTables.Participants],
            [.. new[] { (2017L, 35L), (2020L, 81L), (2021L, 112L), (2022L, 95L) }.Select(r => (IReadOnlyList<ResultCell>)[ResultCell.Of(r.Item1), ResultCell.Of(r.Item2)])],
            Meta);
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(new Visual("trend", MarkKind.Line, "participants", "year"), table, Theme.Default, language));
        Assert.Contains(footnote, texts);
    }

    [Fact]
    public void A_waterfall_closes_on_the_last_years_level_not_a_total()
    {
        var waterfall = new Visual("steps", MarkKind.Waterfall, "participants", "year");
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(waterfall, SampleTables.PerEdition(), Theme.Default, Language.English));
        Assert.Contains("2022 (level)", texts);
        Assert.DoesNotContain(texts, t => t.Contains("Total", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_value_label_sits_on_a_halo_so_gridlines_never_cut_its_digits()
    {
        var bars = new Visual("top", MarkKind.Bar, "participants", "member_state");
        var table = SampleTables.TopStates();
        var svg = ReportRenderer.RenderSvg(bars, table, Theme.Default, Language.English);
        // One background patch behind each of the six numbers, painted after the grid and under the digits.
        Assert.Equal(table.Rows.Count, System.Text.RegularExpressions.Regex.Matches(svg, "<rect fill=\"white\" fill-opacity=\"0\\.9").Count);
    }

    [Fact]
    public void A_heatmaps_lowest_value_is_never_drawn_in_the_palest_shade_that_a_blank_cell_resembles()
    {
        var heatmap = new Visual("map", MarkKind.Heatmap, "participants", "member_state", "year");
        var svg = ReportRenderer.RenderSvg(heatmap, SampleTables.StateByYear(), Theme.Default, Language.English);
        Assert.DoesNotContain(Theme.Default.Sequential[0], svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Theme.Default.Sequential[1], svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_change_of_a_percentage_is_in_percentage_points()
    {
        var card = new Visual("card", MarkKind.Card, "coverage", "year");
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(card, Shares(0.570, 0.516), Theme.Default, Language.English));
        var change = Assert.Single(texts, t => t.Contains("vs 2021", StringComparison.Ordinal));
        Assert.Contains("5.4\u00A0pp", change);
        Assert.DoesNotContain("%", change);
    }

    [Fact]
    public void No_change_is_styled_neutral_not_as_a_rise()
    {
        var card = new Visual("card", MarkKind.Card, "coverage", "year");
        var theme = Theme.Default;
        var flat = ReportRenderer.RenderSvg(card, Shares(0.5, 0.5), theme, Language.English);
        var rise = ReportRenderer.RenderSvg(card, Shares(0.5, 0.6), theme, Language.English);
        var rising = theme.Palette[2];
        Assert.Contains(rising, rise, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(rising, flat, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(SvgText.Texts(flat), t => t.StartsWith("±0.0\u00A0pp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MarkKind.Line, 0.59)]
    [InlineData(MarkKind.Line, 0.98)]
    [InlineData(MarkKind.Column, 0.98)]
    public void A_share_axis_never_runs_past_100_percent(MarkKind mark, double top)
    {
        var visual = new Visual("coverage", mark, "coverage", "year");
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(visual, Shares(top / 2, top), Theme.Default, Language.English));
        var ticks = texts.Where(t => t.EndsWith('%') && !t.Contains('.', StringComparison.Ordinal))
            .Select(t => double.Parse(t.TrimEnd('%'), CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(ticks);
        Assert.True(ticks.Max() <= 100, $"ticks {string.Join(", ", ticks)}");
        Assert.True(ticks.Max() >= top * 100, $"ticks {string.Join(", ", ticks)} cover {top:P0}");
    }

    [Fact]
    public void Small_multiples_label_their_years_flat_and_keep_whole_arabic_panel_titles()
    {
        string[] programmes = ["برنامج بناء القدرات في مجال الدبلوماسية", "برنامج بناء القدرات الإحصائية", "برنامج ابن سينا", "برنامج التدريب المهني"];
        var rows = new List<IReadOnlyList<ResultCell>>();
        var programme = new ResultColumn("programme", ColumnRole.Dimension, ColumnType.String, ValueFormat.Text, new("Programme", "البرنامج", "Programme"));
        foreach (var p in programmes)
        {
            for (var year = 2017L; year <= 2022; year++)
            {
                rows.Add([ResultCell.Of(year), ResultCell.Of(p), ResultCell.Of(10L + year - 2017)]);
            }
        }
        var table = new ResultTable([SampleTables.Year, programme, SampleTables.Participants], rows, Meta);
        var visual = new Visual("panels", MarkKind.SmallMultiples, "participants", "year", "programme", Width: 900);
        var drawn = ReportRenderer.Render(visual, table, Theme.Default, Language.Arabic, null, ChartFormat.Svg).Labels;
        Assert.All(drawn, l => Assert.Equal(0, l.Rotation));
        var years = drawn.Where(l => l.Text.Length == 4 && l.Text.StartsWith("20", StringComparison.Ordinal)).ToList();
        Assert.True(years.Count > 2 * programmes.Length, $"{years.Count} year labels for {programmes.Length} panels");
        Assert.DoesNotContain(drawn, l => l.Text.EndsWith('…'));
        foreach (var p in programmes)
        {
            Assert.Contains(p.Split(' ')[^1], string.Join(" ", drawn.Select(l => l.Text)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(6, 40L)]
    [InlineData(6, 6_000L)]
    [InlineData(12, 6_000L)]
    [InlineData(16, 6_000L)]
    [InlineData(24, 40L)]
    [InlineData(60, 40L)]
    public void Stacked_totals_never_run_together_however_long_the_series_or_wide_the_numbers(int years, long perGroup)
    {
        var rows = new List<IReadOnlyList<ResultCell>>();
        for (var year = 2030L - years; year < 2030; year++)
        {
            rows.Add([ResultCell.Of(year), ResultCell.Of("Arab Group"), ResultCell.Of(perGroup + year)]);
            rows.Add([ResultCell.Of(year), ResultCell.Of("Asian Group"), ResultCell.Of(perGroup)]);
        }
        var table = new ResultTable([SampleTables.Year, SampleTables.Group, SampleTables.Participants], rows, Meta);
        var visual = new Visual("stack", MarkKind.StackedColumn, "participants", "year", "oic_group");

        var drawn = ReportRenderer.Render(visual, table, Theme.Default, Language.English, null, ChartFormat.Svg).Labels;

        var totals = rows.Chunk(2).Select(r => r.Sum(c => (long)c[2].Value!).ToString("N0", CultureInfo.InvariantCulture)).ToHashSet();
        var labels = drawn.Where(l => totals.Contains(l.Text) && l.Rotation == 0).OrderBy(l => l.X).ToList();
        if (years <= 6)
        {
            // Room for every total: each is written (so the check below is not vacuous).
            Assert.Equal(years, labels.Count);
        }
        for (var i = 1; i < labels.Count; i++)
        {
            Assert.True(labels[i].X >= labels[i - 1].X + labels[i - 1].Width,
                $"'{labels[i - 1].Text}' ({labels[i - 1].X:F1}+{labels[i - 1].Width:F1}) runs into '{labels[i].Text}' at {labels[i].X:F1}");
        }
    }
}
