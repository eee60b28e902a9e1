using System.Text;

using Grpc.Core;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>The forecast and report services over real Kestrel (HTTP/2 on a loopback port), streaming included, and in reflection.</summary>
public sealed class ForecastAndReportKestrelTests : IAsyncLifetime
{
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);
    private ServiceHost? _host;

    private ServiceHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _host = await ServiceHost.StartKestrelAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Forecast_and_streamed_report_work_over_kestrel_and_both_services_are_in_reflection()
    {
        var forecast = await new ForecastService.ForecastServiceClient(Host.Channel)
            .ForecastAsync(new ForecastRequest { Programme = "programmes/diplomacy-cab" }, Reader);
        Assert.InRange(forecast.MemberStates.Point, forecast.MemberStates.Interval95.Lower, forecast.MemberStates.Interval95.Upper);

        using var call = new ReportService.ReportServiceClient(Host.Channel).RenderReport(new RenderReportRequest
        {
            Annual = new AnnualReportRequest { Programme = "programmes/diplomacy-cab", Year = 2020 },
            Language = ReportLanguage.Ar,
        }, Reader);
        var html = new MemoryStream();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            message.Chunk.WriteTo(html);
        }
        Assert.Contains("dir=\"rtl\"", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);

        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(Host.Channel);
        using var listing = reflection.ServerReflectionInfo();
        await listing.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await listing.RequestStream.CompleteAsync();
        Assert.True(await listing.ResponseStream.MoveNext());
        var services = listing.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToArray();
        Assert.Contains("sesric.analytics.v1.ForecastService", services);
        Assert.Contains("sesric.analytics.v1.ReportService", services);
    }
}
