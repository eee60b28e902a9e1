using System.Text;

using Grpc.Core;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>
/// <c>Sesric:MaxConcurrentChartRenders</c>: report calls share the server's chart-render slots instead of each taking every
/// core, and the reports they return are the same bytes whatever the cap.
/// </summary>
public sealed class ChartRenderCapTests
{
    private const string Setting = "Sesric:MaxConcurrentChartRenders";
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);

    [Fact]
    public async Task Concurrent_report_calls_render_at_most_the_configured_charts_at_once_and_return_the_same_report()
    {
        await using var capped = await ServiceHost.StartInMemoryAsync(new Dictionary<string, string?> { [Setting] = "1" });
        await using var wide = await ServiceHost.StartInMemoryAsync(new Dictionary<string, string?> { [Setting] = "4" });

        var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RenderAnnualAsync(capped)));
        var unhindered = await RenderAnnualAsync(wide);

        Assert.All(reports, html => Assert.Equal(unhindered, html));
        Assert.Contains("</html>", unhindered, StringComparison.OrdinalIgnoreCase);
        var cappedSlots = capped.Services.GetRequiredService<ChartRenderSlots>();
        Assert.Equal(1, cappedSlots.Count);
        Assert.Equal(1, cappedSlots.Peak);
        var wideSlots = wide.Services.GetRequiredService<ChartRenderSlots>();
        Assert.Equal(4, wideSlots.Count);
        Assert.InRange(wideSlots.Peak, 1, 4);
    }

    [Fact]
    public async Task The_default_is_half_the_cores_and_below_one_refuses_the_start_naming_the_setting()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), host.Services.GetRequiredService<ChartRenderSlots>().Count);

        using var folder = new TempFolder("server");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = typeof(Program).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sesric:DatabasePath"] = folder.File("analytics.duckdb"),
            ["Sesric:Address"] = "http://127.0.0.1:0",
            ["Sesric:JsonAddress"] = "",
            ["Sesric:MetricsAddress"] = "",
            [Setting] = "0",
        });
        builder.AddSesricAnalyticsServer([]);
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var e = Assert.Throws<ServiceConfigurationException>(() => app.MapSesricAnalytics());
        Assert.Contains(Setting, e.Message, StringComparison.Ordinal);
        Assert.Contains("at least 1", e.Message, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAnnualAsync(ServiceHost host)
    {
        using var call = new ReportService.ReportServiceClient(host.Channel).RenderReport(new RenderReportRequest
        {
            Annual = new AnnualReportRequest { Programme = "programmes/diplomacy-cab", Year = 2022, WithoutForecast = true },
            Language = ReportLanguage.En,
        }, Reader);
        var html = new MemoryStream();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            message.Chunk.WriteTo(html);
        }
        return Encoding.UTF8.GetString(html.ToArray());
    }
}
