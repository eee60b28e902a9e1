using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>
/// Each scoped key × each method that names a programme, over the gRPC channel: naming a programme outside the key's
/// scope is PERMISSION_DENIED (OUT_OF_SCOPE, naming it), never an empty answer; naming one inside is never refused for
/// scope; an unscoped key is never refused for scope; a role too low is still ROLE_TOO_LOW first.
/// </summary>
public sealed class ScopeMatrixTests(ScopedServiceHost shared) : IClassFixture<ScopedServiceHost>
{
    private const string Inside = "diplomacy-cab";

    private static readonly Dictionary<string, (int Role, Func<ServiceHost, string, Metadata, Task> Call)> Methods = new()
    {
        ["GetProgramme"] = (1, (h, p, m) => h.Catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = $"programmes/{p}" }, m).ResponseAsync),
        ["ListEditions"] = (1, (h, p, m) => h.Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = $"programmes/{p}" }, m).ResponseAsync),
        ["GetEdition"] = (1, (h, p, m) => h.Catalog.GetEditionAsync(new GetEditionRequest { Name = $"programmes/{p}/editions/1" }, m).ResponseAsync),
        ["Query"] = (1, (h, p, m) => h.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Filter = $"programme = \"{p}\"" }, m).ResponseAsync),
        // An edition names its programme too; an OR cannot smuggle one in (the scope is checked before the public grammar).
        ["Query(edition)"] = (1, (h, p, m) => h.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Filter = $"edition = \"{p}/1\"" }, m).ResponseAsync),
        ["Query(or)"] = (1, (h, p, m) => h.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "programme" }, Filter = $"programme = \"{Inside}\" OR programme = \"{p}\"" }, m).ResponseAsync),
        ["StreamQuery"] = (1, StreamQueryAsync),
        ["GetCoverage"] = (1, (h, p, m) => h.Stats.GetCoverageAsync(new GetCoverageRequest { Programme = $"programmes/{p}" }, m).ResponseAsync),
        ["Forecast"] = (1, (h, p, m) => new ForecastService.ForecastServiceClient(h.Channel).ForecastAsync(new ForecastRequest { Programme = $"programmes/{p}" }, m).ResponseAsync),
        ["Backtest"] = (1, (h, p, m) => new ForecastService.ForecastServiceClient(h.Channel).BacktestAsync(new BacktestRequest { Programme = $"programmes/{p}" }, m).ResponseAsync),
        // A bad as-of day: inside the scope it fails on the day, after the scope check.
        ["ForecastAttendance"] = (1, (h, p, m) => new ForecastService.ForecastServiceClient(h.Channel).ForecastAttendanceAsync(
            new ForecastAttendanceRequest { Edition = $"programmes/{p}/editions/1", AsOf = "soon" }, m).ResponseAsync),
        ["RenderChart"] = (1, (h, p, m) => new ReportService.ReportServiceClient(h.Channel).RenderChartAsync(new RenderChartRequest
        {
            VisualJson = $$"""{"id":"t","mark":"line","measure":"participants","category":"year","filters":[{"dimension":"programme","op":"eq","values":["{{p}}"]}]}""",
            Format = ChartFormat.Svg,
        }, m).ResponseAsync),
        ["RenderReport"] = (1, RenderAnnualReportAsync),
        // Inside the scope the row's participant id is bad, so nothing is written; outside, the programme refuses the call.
        ["ImportParticipations"] = (3, ImportOneRowAsync),
        // Inside the scope the edition has no year, so nothing is written.
        ["UpsertEdition"] = (3, (h, p, m) => h.Ingest.UpsertEditionAsync(
            new UpsertEditionRequest { Edition = new Edition { Name = $"programmes/{p}/editions/99", Year = p == Inside ? 0 : 2026 } }, m).ResponseAsync),
    };

    private static readonly (string Name, string Key, int Role, bool Scoped)[] Callers =
    [
        ("cab-reader", ScopedKeys.CabReader, 1, true),
        ("pair-admin", ScopedKeys.PairAdmin, 3, true),
        ("admin", TestKeys.Admin, 3, false),
    ];

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var method in Methods.Keys)
        {
            foreach (var caller in Callers)
            {
                data.Add(method, caller.Name, true);
                data.Add(method, caller.Name, false);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_key_is_refused_exactly_the_programmes_outside_its_scope(string method, string callerName, bool inside)
    {
        var caller = Callers.Single(c => c.Name == callerName);
        var (role, call) = Methods[method];
        var programme = inside ? Inside : ScopedKeys.Outside;
        Task Run() => call(shared.Host, programme, ScopedKeys.Headers(caller.Key));

        if (caller.Role < role)
        {
            var status = await RpcAssert.Fails(StatusCode.PermissionDenied, Run);
            Assert.Equal(ErrorReasons.RoleTooLow, status.Reason());
        }
        else if (caller.Scoped && !inside)
        {
            var status = await RpcAssert.Fails(StatusCode.PermissionDenied, Run);
            Assert.Equal(ErrorReasons.OutOfScope, status.Reason());
            Assert.Contains($"'{ScopedKeys.Outside}' is outside this key's scope", status.Message, StringComparison.Ordinal);
        }
        else
        {
            try
            {
                await Run();
            }
            catch (RpcException e)
            {
                // Only the requests built to fail on their content may fail, and never for scope or role.
                Assert.Contains(e.StatusCode, new[] { StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition });
                Assert.True(new[] { "ForecastAttendance", "ImportParticipations", "UpsertEdition" }.Contains(method), $"{method} {callerName} {inside}: {e.Status.Detail}");
            }
        }
    }

    private static async Task StreamQueryAsync(ServiceHost h, string p, Metadata m)
    {
        using var call = h.Stats.StreamQuery(new StreamQueryRequest { Measures = { "participants" }, Filter = $"programme = \"{p}\"" }, m);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task RenderAnnualReportAsync(ServiceHost h, string p, Metadata m)
    {
        using var call = new ReportService.ReportServiceClient(h.Channel).RenderReport(
            new RenderReportRequest { Annual = new AnnualReportRequest { Programme = $"programmes/{p}", Year = 2020, WithoutForecast = true } }, m);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task ImportOneRowAsync(ServiceHost h, string p, Metadata m)
    {
        using var call = h.Ingest.ImportParticipations(m);
        try
        {
            await call.RequestStream.WriteAsync(new ImportParticipationsRequest
            {
                Rows = { new ParticipationRow { ParticipantId = "not a participant id!", MemberState = "TUR", Edition = $"programmes/{p}/editions/1", Gender = Gender.Female } },
            });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may answer (refuse) before the client has finished writing; its answer is the response's status.
        }
        await call.ResponseAsync;
    }
}
