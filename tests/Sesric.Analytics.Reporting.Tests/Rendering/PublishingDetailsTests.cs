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
}
