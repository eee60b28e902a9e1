using System.Buffers.Binary;
using System.Text;

using Grpc.Core;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>The report service on the built-in data, over a real channel and real rendering.</summary>
public sealed class ReportServiceTests(SharedServiceHost shared) : IClassFixture<SharedServiceHost>
{
    private const string TrendVisual = """{"id":"trend","mark":"line","measure":"participants","category":"year","width":640,"height":360,"title":"Participants per year"}""";
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);
    private ReportService.ReportServiceClient Reports => new(shared.Host.Channel);

    [Fact]
    public async Task RenderChart_png_has_the_png_signature_and_the_requested_size()
    {
        var response = await Reports.RenderChartAsync(new RenderChartRequest { VisualJson = TrendVisual, Format = ChartFormat.Png }, Reader);

        var png = response.Content.ToByteArray();
        Assert.Equal("image/png", response.ContentType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.False(string.IsNullOrEmpty(response.AltTitle));
    }

    [Fact]
    public async Task RenderChart_svg_carries_title_alt_text_in_the_requested_language()
    {
        var response = await Reports.RenderChartAsync(new RenderChartRequest
        {
            VisualJson = TrendVisual,
            Format = ChartFormat.Svg,
            Language = ReportLanguage.Fr,
            Theme = "colorblind",
        }, Reader);

        var svg = response.Content.ToStringUtf8();
        Assert.Equal("image/svg+xml", response.ContentType);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("<title", svg, StringComparison.Ordinal);
        Assert.Contains("</title>", svg, StringComparison.Ordinal);
        Assert.Contains(response.AltTitle, svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderChart_with_a_bad_spec_path_names_the_path()
    {
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Reports.RenderChartAsync(new RenderChartRequest
        {
            VisualJson = """{"id":"trend","mark":"line","measure":"no_such_measure","category":"year"}""",
            Format = ChartFormat.Svg,
        }, Reader).ResponseAsync);

        Assert.Contains(status.Fields(), f => f.StartsWith("visual", StringComparison.Ordinal) && f.Contains("measure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RenderChart_refuses_a_missing_format_and_an_unknown_theme()
    {
        var noFormat = await RpcAssert.Fails(StatusCode.InvalidArgument, () =>
            Reports.RenderChartAsync(new RenderChartRequest { VisualJson = TrendVisual }, Reader).ResponseAsync);
        Assert.Equal(["format"], noFormat.Fields());
        var badTheme = await RpcAssert.Fails(StatusCode.InvalidArgument, () =>
            Reports.RenderChartAsync(new RenderChartRequest { VisualJson = TrendVisual, Format = ChartFormat.Png, Theme = "neon" }, Reader).ResponseAsync);
        Assert.Equal(["theme"], badTheme.Fields());
        await RpcAssert.Fails(StatusCode.Unauthenticated, () =>
            Reports.RenderChartAsync(new RenderChartRequest { VisualJson = TrendVisual, Format = ChartFormat.Png }).ResponseAsync);
    }

    [Fact]
    public async Task RenderReport_streams_the_2020_diplomacy_cab_annual_report_as_html_chunks()
    {
        using var call = Reports.RenderReport(new RenderReportRequest
        {
            Annual = new AnnualReportRequest { Programme = "programmes/diplomacy-cab", Year = 2020 },
            Language = ReportLanguage.En,
        }, Reader);
        var html = new MemoryStream();
        var chunks = 0;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            Assert.True(message.Chunk.Length <= 64 * 1024);
            Assert.Equal(chunks == 0 ? "text/html; charset=utf-8" : "", message.ContentType);
            message.Chunk.WriteTo(html);
            chunks++;
        }

        var text = Encoding.UTF8.GetString(html.ToArray());
        Assert.True(chunks >= 1);
        Assert.StartsWith("<!DOCTYPE html>", text.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("</html>", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("81", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderReport_annual_draws_the_next_edition_forecast_band_as_the_cli_does()
    {
        var html = await RenderAnnualAsync("programmes/diplomacy-cab", 2022);
        var next = await new ForecastService.ForecastServiceClient(shared.Host.Channel).ForecastAsync(
            new ForecastRequest { Programme = "programmes/diplomacy-cab" }, Reader);

        // The footnote and legend entry ChartComposer draws only when a band is given (the CLI's report draws the
        // same through ForecastBand.From and AsOfForecast). The report's forecast is as of 2022, trained on editions up to
        // 2022 only, so its model may differ from ForecastService's (trained on every edition); both are named plainly.
        var trend = Figure(html, Sesric.Analytics.Reporting.AnnualReport.ForecastVisualId);
        Assert.Contains(">Forecast: ", trend, StringComparison.Ordinal);
        Assert.DoesNotContain($">Forecast: {next.Participants.Model} (", trend, StringComparison.Ordinal);
        Assert.Contains("trained on editions up to 2022</text>", trend, StringComparison.Ordinal);
        Assert.Contains(">Forecast", trend, StringComparison.Ordinal);
        Assert.DoesNotContain(">Forecast", Figure(html, "coverage-trend"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderReport_annual_without_forecast_leaves_the_band_out_and_keeps_the_rest()
    {
        var html = await RenderAnnualAsync("programmes/diplomacy-cab", 2022, withoutForecast: true);

        var trend = Figure(html, Sesric.Analytics.Reporting.AnnualReport.ForecastVisualId);
        Assert.DoesNotContain(">Forecast", trend, StringComparison.Ordinal);
        Assert.Contains("<svg", trend, StringComparison.Ordinal);
        Assert.Contains("id=\"coverage-trend\"", html, StringComparison.Ordinal);
    }

    private async Task<string> RenderAnnualAsync(string programme, int year, bool withoutForecast = false)
    {
        using var call = Reports.RenderReport(new RenderReportRequest
        {
            Annual = new AnnualReportRequest { Programme = programme, Year = year, WithoutForecast = withoutForecast },
            Language = ReportLanguage.En,
        }, Reader);
        var html = new MemoryStream();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            message.Chunk.WriteTo(html);
        }
        return Encoding.UTF8.GetString(html.ToArray());
    }

    /// <summary>The HTML of one visual's figure (its inline SVG and caption).</summary>
    private static string Figure(string html, string visualId)
    {
        var start = html.IndexOf($"id=\"{visualId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no figure {visualId} in the report");
        var end = html.IndexOf("</figure>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [Fact]
    public async Task RenderReport_for_a_year_without_an_edition_names_the_years_that_have_one()
    {
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, async () =>
        {
            using var call = Reports.RenderReport(new RenderReportRequest
            {
                Annual = new AnnualReportRequest { Programme = "programmes/diplomacy-cab", Year = 2016, WithoutForecast = true },
            }, Reader);
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });
        Assert.Equal(["annual.year"], status.Fields());
        Assert.Contains("held no edition in 2016; its editions are in 2017, 2018, 2019, 2020, 2021, 2022.", status.Message);
    }

    [Fact]
    public async Task RenderReport_refuses_a_bad_spec_and_an_unknown_programme()
    {
        var badSpec = await RpcAssert.Fails(StatusCode.InvalidArgument, async () =>
        {
            using var call = Reports.RenderReport(new RenderReportRequest
            {
                ReportJson = """{"title":"T","pages":[{"title":"P","visuals":[{"id":"a","mark":"no-such-mark","measure":"participants","category":"year"}]}]}""",
            }, Reader);
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });
        Assert.Contains(badSpec.Fields(), f => f.Contains("pages[0].visuals[0]", StringComparison.Ordinal));

        await RpcAssert.Fails(StatusCode.NotFound, async () =>
        {
            using var call = Reports.RenderReport(new RenderReportRequest
            {
                Annual = new AnnualReportRequest { Programme = "programmes/no-such-programme", Year = 2020 },
            }, Reader);
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });
    }
}
