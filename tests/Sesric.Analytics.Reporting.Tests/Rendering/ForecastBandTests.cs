using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

public sealed class ForecastBandTests
{
    private static readonly Visual Line = new("line", MarkKind.Line, "participants", "year", Forecast: true);

    private static string Render(ForecastBand band) =>
        ReportRenderer.RenderSvg(Line, SampleTables.PerEdition(), Theme.Default, Language.English, new ChartOptions(Forecast: band));

    [Fact]
    public void An_outer_interval_adds_a_second_band_around_the_inner_one()
    {
        var inner = Render(new ForecastBand([new ForecastPoint("2023", 100, 80, 121)], 0.8, "drift"));
        var both = Render(new ForecastBand([new ForecastPoint("2023", 100, 80, 121, 60, 150)], 0.8, "drift", OuterLevel: 0.95));

        Assert.NotEqual(inner, both);
        Assert.True(
            FillShapes(both) > FillShapes(inner),
            $"expected more filled shapes with the 95 % band: {FillShapes(both)} vs {FillShapes(inner)}");
    }

    [Fact]
    public void The_outer_band_is_drawn_only_when_every_point_has_one()
    {
        var partial = new ForecastBand(
            [new ForecastPoint("2023", 100, 80, 121, 60, 150), new ForecastPoint("2024", 105, 82, 130)], 0.8, "drift", OuterLevel: 0.95);

        Assert.False(partial.DrawsOuter);
        Assert.True(new ForecastBand([new ForecastPoint("2023", 100, 80, 121, 60, 150)], 0.8, "drift", 0.95).DrawsOuter);
    }

    [Fact]
    public void A_next_edition_forecast_becomes_one_step_with_the_80_band_inside_the_95_band()
    {
        var band = ForecastBand.From(new NextEditionForecast(ProgrammeId.Parse("diplomacy-cab"), "participants", 2026, 98, 80, 120, 60, 150, "ses"))!;

        var point = Assert.Single(band.Points);
        Assert.Equal(new ForecastPoint("2026", 98, 80, 120, 60, 150), point);
        Assert.Equal((0.8, 0.95, "ses"), (band.Level, band.OuterLevel, band.Method));
        Assert.True(band.DrawsOuter);
        Assert.Null(ForecastBand.From(null));
    }

    [Fact]
    public void Identical_80_and_95_intervals_draw_one_band()
    {
        var band = ForecastBand.From(new NextEditionForecast(ProgrammeId.Parse("diplomacy-cab"), "participants", 2023, 98, 0, 255, 0, 255, "ses"))!;
        Assert.False(band.DrawsOuter);
        Assert.True(band.DrawsBand);
    }

    [Fact]
    public void An_interval_resting_on_too_few_points_is_not_drawn_and_the_footnote_says_why()
    {
        var forecast = new NextEditionForecast(ProgrammeId.Parse("diplomacy-cab"), "participants", 2021, 98, 0, 255, 0, 255, "ses")
        {
            IntervalResiduals = 2,
            Interval80TooFewPoints = true,
            Interval95TooFewPoints = true,
            AsOfYear = 2020,
        };
        var band = ForecastBand.From(forecast)!;
        Assert.False(band.DrawsBand);
        var texts = Support.SvgText.Texts(Render(band));
        var footnote = Assert.Single(texts, t => t.StartsWith("Forecast:", StringComparison.Ordinal));
        Assert.Contains("simple exponential smoothing", footnote);
        Assert.Contains("too few past forecast errors (2)", footnote);
        Assert.Contains("trained on editions up to 2020", footnote);
        Assert.DoesNotContain("ses (", footnote);
    }

    [Fact]
    public void The_legend_names_the_series_and_the_band_and_the_forecast_sits_at_its_year()
    {
        var band = new ForecastBand([new ForecastPoint("2025", 100, 80, 121)], 0.8, "ses");
        var texts = Support.SvgText.Texts(Render(band));
        Assert.Contains("Participants", texts);
        Assert.Contains("Forecast, 80.0% interval", texts);

        // Years are spaced by time: 2023 and 2024 get their own ticks before the forecast's 2025.
        var ticks = texts.Where(t => t.Length == 4 && t.StartsWith("20", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"], ticks);
    }

    [Theory]
    [InlineData(85.0, 150.0)]
    [InlineData(60.0, 110.0)]
    public void An_outer_interval_that_does_not_hold_the_inner_one_is_refused(double outerLower, double outerUpper)
    {
        var point = new ForecastPoint("2023", 100, 80, 121, outerLower, outerUpper);

        var error = Assert.Throws<ArgumentException>(() => point.Validated());
        Assert.Contains("outer interval", error.Message);
    }

    private static int FillShapes(string svg) =>
        System.Text.RegularExpressions.Regex.Matches(svg, "fill-opacity|fill=\"#[0-9A-Fa-f]{8}\"|rgba\\(").Count;
}
