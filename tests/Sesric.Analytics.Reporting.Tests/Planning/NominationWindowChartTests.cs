using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Planning;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Tests.Planning;

/// <summary>The nomination window chart: nominations received, and the attendance expected from them in its bands.</summary>
public sealed class NominationWindowChartTests
{
    private static readonly NominationWindowPoint[] Window =
    [
        new(new DateOnly(2026, 7, 1), 12, 10.9, 9, 12, 8, 12),
        new(new DateOnly(2026, 7, 8), 40, 35.6, 32, 39, 30, 40),
        new(new DateOnly(2026, 7, 15), 85, 74.2, 69, 79, 66, 82),
        new(new DateOnly(2026, 7, 22), 118, 101.5, 95, 108, 91, 112),
    ];

    [Fact]
    public void The_chart_draws_the_received_line_and_the_expected_attendance_in_its_bands_and_says_the_figures_are_internal()
    {
        var chart = NominationWindowChart.Build("diplomacy-cab/7", Window);
        var svg = chart.RenderSvg(Theme.Default, Language.English);
        var texts = SvgText.Texts(svg);

        Assert.Contains("Nominations received and expected attendance, diplomacy-cab/7", texts);
        Assert.Contains("Expected attendance (80 % and 95 % intervals)", texts);
        Assert.Contains("Nominations received", texts);
        Assert.Contains("118", texts);
        Assert.Contains(texts, t => t.Contains("internal figures (exact, not for publication)", StringComparison.Ordinal));
        // Without the range, the same line has neither band nor the expected line.
        var plain = ReportRenderer.RenderChecked(chart.Visual, chart.Table, Theme.Default, Language.English, null, ChartFormat.Svg).Svg!;
        Assert.True(Count(svg, "<path") >= Count(plain, "<path") + 3, "two bands and a dashed line are drawn");
        Assert.DoesNotContain("Expected attendance (80 % and 95 % intervals)", SvgText.Texts(plain));
    }

    [Theory]
    [InlineData(Language.Arabic, "الترشيحات الواردة والحضور المتوقع، diplomacy-cab/7")]
    [InlineData(Language.French, "Candidatures reçues et participation attendue, diplomacy-cab/7")]
    public void The_chart_speaks_the_reports_languages_and_renders_the_same_bytes_twice(Language language, string title)
    {
        var chart = NominationWindowChart.Build("diplomacy-cab/7", Window);
        var svg = chart.RenderSvg(Theme.Default, language);

        Assert.Contains(title, SvgText.Texts(svg));
        Assert.Equal(svg, NominationWindowChart.Build("diplomacy-cab/7", Window).RenderSvg(Theme.Default, language));
        Assert.Equal(chart.RenderPng(Theme.Default, language), chart.RenderPng(Theme.Default, language));
    }

    [Fact]
    public void Days_out_of_order_and_intervals_that_are_not_nested_are_refused_naming_them()
    {
        var swapped = new[] { Window[1], Window[0] };
        var order = Assert.Throws<ArgumentException>(() => NominationWindowChart.Build("x/1", swapped));
        Assert.Contains("2026-07-01 follows 2026-07-08", order.Message, StringComparison.Ordinal);

        var wrong = Assert.Throws<ArgumentException>(() => NominationWindowChart.Build("x/1", [Window[0] with { Lower95 = 10 }]));
        Assert.Contains("2026-07-01", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NominationWindowChart.Build("x/1", [Window[0] with { Expected = 20 }]));
        // A whole-number interval need not hold a fractional expectation: one nominee at 0.97 has the 80 % interval [1, 1].
        Assert.NotNull(NominationWindowChart.Build("x/1", [new(new DateOnly(2026, 7, 1), 1, 0.97, 1, 1, 0, 1)]).RenderSvg(Theme.Default, Language.English));
        Assert.Throws<ArgumentException>(() => NominationWindowChart.Build("x/1", []));
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }
}
