using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>Each role × each method: no key and a wrong key are UNAUTHENTICATED, a role too low is PERMISSION_DENIED, enough passes.</summary>
public sealed class AuthMatrixTests(SharedServiceHost shared) : IClassFixture<SharedServiceHost>
{
    private static readonly Dictionary<string, Func<ServiceHost, Metadata, Task>> Methods = new()
    {
        ["ListProgrammes"] = (h, m) => h.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), m).ResponseAsync,
        ["GetProgramme"] = (h, m) => h.Catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = "programmes/diplomacy-cab" }, m).ResponseAsync,
        ["ListEditions"] = (h, m) => h.Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/-" }, m).ResponseAsync,
        ["GetEdition"] = (h, m) => h.Catalog.GetEditionAsync(new GetEditionRequest { Name = "programmes/diplomacy-cab/editions/4" }, m).ResponseAsync,
        ["ListMemberStates"] = (h, m) => h.Catalog.ListMemberStatesAsync(new ListMemberStatesRequest(), m).ResponseAsync,
        ["Query"] = (h, m) => h.Stats.QueryAsync(new QueryRequest { Measures = { "participants" } }, m).ResponseAsync,
        ["Query(internal)"] = (h, m) => h.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Policy = DisclosurePolicy.Internal }, m).ResponseAsync,
        ["StreamQuery"] = async (h, m) =>
        {
            using var call = h.Stats.StreamQuery(new StreamQueryRequest { Measures = { "participants" } }, m);
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        },
        ["StreamQuery(internal)"] = async (h, m) =>
        {
            using var call = h.Stats.StreamQuery(new StreamQueryRequest { Measures = { "participants" }, Policy = DisclosurePolicy.Internal }, m);
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        },
        ["GetCoverage"] = (h, m) => h.Stats.GetCoverageAsync(new GetCoverageRequest { Programme = "programmes/diplomacy-cab" }, m).ResponseAsync,
        // An empty import and an invalid edition: they pass authorisation and change nothing.
        ["ImportParticipations"] = async (h, m) =>
        {
            using var call = h.Ingest.ImportParticipations(m);
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        },
        ["UpsertEdition"] = (h, m) => h.Ingest.UpsertEditionAsync(new UpsertEditionRequest { Edition = new Edition() }, m).ResponseAsync,
        ["Forecast"] = (h, m) => new ForecastService.ForecastServiceClient(h.Channel).ForecastAsync(new ForecastRequest { Programme = "programmes/diplomacy-cab" }, m).ResponseAsync,
        ["Backtest"] = (h, m) => new ForecastService.ForecastServiceClient(h.Channel).BacktestAsync(new BacktestRequest(), m).ResponseAsync,
        ["Retrain"] = (h, m) => new ForecastService.ForecastServiceClient(h.Channel).RetrainAsync(new RetrainRequest(), m).ResponseAsync,
        // A bad as-of day: it passes authorisation (and the policy check) and trains nothing.
        ["ForecastAttendance"] = (h, m) => new ForecastService.ForecastServiceClient(h.Channel).ForecastAttendanceAsync(
            new ForecastAttendanceRequest { Edition = "programmes/diplomacy-cab/editions/6", AsOf = "soon" }, m).ResponseAsync,
        ["ForecastAttendance(internal)"] = (h, m) => new ForecastService.ForecastServiceClient(h.Channel).ForecastAttendanceAsync(
            new ForecastAttendanceRequest { Edition = "programmes/diplomacy-cab/editions/6", AsOf = "soon", Policy = DisclosurePolicy.Internal }, m).ResponseAsync,
        ["RenderChart"] = (h, m) => new ReportService.ReportServiceClient(h.Channel).RenderChartAsync(
            new RenderChartRequest { VisualJson = """{"id":"t","mark":"line","measure":"participants","category":"year"}""", Format = ChartFormat.Svg }, m).ResponseAsync,
        ["GetModel"] = (h, m) => new ModelService.ModelServiceClient(h.Channel).GetModelAsync(new GetModelRequest(), m).ResponseAsync,
        // A report spec that fails validation: it passes authorisation and renders nothing, so the matrix stays fast.
        ["RenderReport"] = async (h, m) =>
        {
            using var call = new ReportService.ReportServiceClient(h.Channel).RenderReport(new RenderReportRequest { ReportJson = "{}" }, m);
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        },
    };

    private static readonly Dictionary<string, int> Needed = new()
    {
        ["ListProgrammes"] = 1,
        ["GetProgramme"] = 1,
        ["ListEditions"] = 1,
        ["GetEdition"] = 1,
        ["ListMemberStates"] = 1,
        ["Query"] = 1,
        ["Query(internal)"] = 2,
        ["StreamQuery"] = 1,
        ["StreamQuery(internal)"] = 2,
        ["GetCoverage"] = 1,
        ["ImportParticipations"] = 3,
        ["UpsertEdition"] = 3,
        ["Forecast"] = 1,
        ["Backtest"] = 1,
        ["Retrain"] = 3,
        ["ForecastAttendance"] = 1,
        ["ForecastAttendance(internal)"] = 2,
        ["RenderChart"] = 1,
        ["RenderReport"] = 1,
        ["GetModel"] = 1,
    };

    private static readonly (string Name, string? Key, int Level)[] Callers =
    [
        ("none", null, 0), ("wrong", "not-a-configured-key", 0),
        ("reader", TestKeys.Reader, 1), ("analyst", TestKeys.Analyst, 2), ("admin", TestKeys.Admin, 3),
    ];

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in Methods.Keys)
        {
            foreach (var caller in Callers)
            {
                data.Add(method, caller.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_exactly_the_methods_its_role_allows(string method, string callerName)
    {
        var caller = Callers.Single(c => c.Name == callerName);
        var call = () => Methods[method](shared.Host, TestKeys.Headers(caller.Key));

        if (caller.Level == 0)
        {
            var status = await RpcAssert.Fails(StatusCode.Unauthenticated, call);
            Assert.Equal(caller.Key is null ? ErrorReasons.ApiKeyMissing : ErrorReasons.ApiKeyInvalid, status.Reason());
        }
        else if (caller.Level < Needed[method])
        {
            var status = await RpcAssert.Fails(StatusCode.PermissionDenied, call);
            Assert.Equal(ErrorReasons.RoleTooLow, status.Reason());
        }
        else
        {
            try
            {
                await call();
            }
            catch (RpcException e)
            {
                Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
                Assert.Contains(method, new[] { "UpsertEdition", "RenderReport", "ForecastAttendance", "ForecastAttendance(internal)" });
            }
        }
    }

    [Fact]
    public async Task Health_and_reflection_are_open_without_a_key()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(shared.Host.Channel);
        var check = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, check.Status);

        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(shared.Host.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToArray();
        Assert.Contains("sesric.analytics.v1.StatsService", services);
        Assert.Contains("sesric.analytics.v1.CatalogService", services);
        Assert.Contains("sesric.analytics.v1.IngestService", services);
    }
}
