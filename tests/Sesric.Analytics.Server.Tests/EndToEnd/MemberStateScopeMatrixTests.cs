using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>
/// Each key scoped to member states × each method, over the gRPC channel, beside an unscoped admin. A method that names a
/// member state is refused exactly the states outside the key's scope (PERMISSION_DENIED, OUT_OF_SCOPE, naming the
/// state), never answered empty; a method whose figures are edition totals (published totals, forecasts, backtests,
/// annual reports, edition upserts) is refused to every state-scoped key, naming its scope; nothing is refused to the
/// unscoped key for scope; a role too low is still ROLE_TOO_LOW first.
/// </summary>
public sealed class MemberStateScopeMatrixTests(ScopedServiceHost shared) : IClassFixture<ScopedServiceHost>
{
    /// <summary>The programme every call names: inside both state-scoped keys' scopes.</summary>
    private const string Programme = "diplomacy-cab";

    private enum Kind
    {
        /// <summary>Names the state it is given: refused to a state-scoped key when the state is outside.</summary>
        NamesState,

        /// <summary>Answers edition totals, which count every state: refused to every state-scoped key.</summary>
        EveryState,
    }

    private static readonly Dictionary<string, (int Role, Kind Kind, Func<ServiceHost, string, Metadata, Task> Call)> Methods = new()
    {
        ["Query"] = (1, Kind.NamesState, (h, s, m) => h.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Filter = $"member_state = \"{s}\"" }, m).ResponseAsync),
        // An OR of an inside and an outside state cannot smuggle the outside one in (checked before the public grammar).
        ["Query(or)"] = (1, Kind.NamesState, (h, s, m) => h.Stats.QueryAsync(new QueryRequest
        {
            Measures = { "participants" },
            Dimensions = { "member_state" },
            Filter = $"member_state = \"{ScopedKeys.InsideState}\" OR member_state = \"{s}\"",
        }, m).ResponseAsync),
        ["Query(internal, lower case)"] = (2, Kind.NamesState, (h, s, m) => h.Stats.QueryAsync(new QueryRequest
        {
            Measures = { "participants", "coverage" },
            Dimensions = { "year" },
            Filter = $"programme = \"{Programme}\" AND NOT member_state = \"{s.ToLowerInvariant()}\"",
            Policy = DisclosurePolicy.Internal,
        }, m).ResponseAsync),
        ["StreamQuery"] = (1, Kind.NamesState, StreamQueryAsync),
        ["RenderChart"] = (1, Kind.NamesState, (h, s, m) => new ReportService.ReportServiceClient(h.Channel).RenderChartAsync(new RenderChartRequest
        {
            VisualJson = $$"""{"id":"t","mark":"line","measure":"participants","category":"year","filters":[{"dimension":"member_state","op":"eq","values":["{{s}}"]}]}""",
            Format = ChartFormat.Svg,
        }, m).ResponseAsync),
        // Inside the scope the row's participant id is bad, so nothing is written; outside, the state refuses the call.
        ["ImportParticipations"] = (3, Kind.NamesState, ImportOneRowAsync),
        ["Query(published)"] = (1, Kind.EveryState, (h, _, m) => h.Stats.QueryAsync(new QueryRequest { Measures = { "published_participants" }, Dimensions = { "year" }, Filter = $"programme = \"{Programme}\"" }, m).ResponseAsync),
        ["StreamQuery(published)"] = (1, Kind.EveryState, StreamPublishedAsync),
        ["Forecast"] = (1, Kind.EveryState, (h, _, m) => new ForecastService.ForecastServiceClient(h.Channel).ForecastAsync(new ForecastRequest { Programme = $"programmes/{Programme}" }, m).ResponseAsync),
        ["Backtest"] = (1, Kind.EveryState, (h, _, m) => new ForecastService.ForecastServiceClient(h.Channel).BacktestAsync(new BacktestRequest(), m).ResponseAsync),
        ["ForecastAttendance"] = (1, Kind.EveryState, (h, _, m) => new ForecastService.ForecastServiceClient(h.Channel).ForecastAttendanceAsync(
            new ForecastAttendanceRequest { Edition = $"programmes/{Programme}/editions/1", AsOf = "soon" }, m).ResponseAsync),
        ["RenderReport"] = (1, Kind.EveryState, RenderAnnualReportAsync),
        ["RenderChart(published)"] = (1, Kind.EveryState, (h, _, m) => new ReportService.ReportServiceClient(h.Channel).RenderChartAsync(new RenderChartRequest
        {
            VisualJson = """{"id":"t","mark":"line","measure":"published_participants","category":"year"}""",
            Format = ChartFormat.Svg,
        }, m).ResponseAsync),
        // For the unscoped admin the edition has no year, so nothing is written.
        ["UpsertEdition"] = (3, Kind.EveryState, (h, _, m) => h.Ingest.UpsertEditionAsync(
            new UpsertEditionRequest { Edition = new Edition { Name = $"programmes/{Programme}/editions/99", Year = 0 } }, m).ResponseAsync),
    };

    private static readonly (string Name, string Key, int Role, bool Scoped)[] Callers =
    [
        ("state-reader", ScopedKeys.StateReader, 1, true),
        ("cab-state-admin", ScopedKeys.CabStateAdmin, 3, true),
        ("admin", TestKeys.Admin, 3, false),
    ];

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (method, (_, kind, _)) in Methods)
        {
            foreach (var caller in Callers)
            {
                data.Add(method, caller.Name, true);
                if (kind == Kind.NamesState)
                {
                    data.Add(method, caller.Name, false);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_state_scoped_key_is_refused_exactly_the_states_outside_its_scope_and_every_edition_total(string method, string callerName, bool inside)
    {
        var caller = Callers.Single(c => c.Name == callerName);
        var (role, kind, call) = Methods[method];
        var state = inside ? ScopedKeys.InsideState : ScopedKeys.OutsideState;
        Task Run() => call(shared.Host, state, ScopedKeys.Headers(caller.Key));

        if (caller.Role < role)
        {
            var status = await RpcAssert.Fails(StatusCode.PermissionDenied, Run);
            Assert.Equal(ErrorReasons.RoleTooLow, status.Reason());
        }
        else if (caller.Scoped && kind == Kind.EveryState)
        {
            var status = await RpcAssert.Fails(StatusCode.PermissionDenied, Run);
            Assert.Equal(ErrorReasons.OutOfScope, status.Reason());
            Assert.Contains("covers every member state", status.Message, StringComparison.Ordinal);
            Assert.Contains($"member states {ScopedKeys.InsideState})", status.Message, StringComparison.Ordinal);
        }
        else if (caller.Scoped && !inside)
        {
            var status = await RpcAssert.Fails(StatusCode.PermissionDenied, Run);
            Assert.Equal(ErrorReasons.OutOfScope, status.Reason());
            Assert.Contains($"member state '{ScopedKeys.OutsideState}' is outside this key's scope", status.Message, StringComparison.Ordinal);
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

    private static async Task StreamQueryAsync(ServiceHost h, string s, Metadata m)
    {
        using var call = h.Stats.StreamQuery(new StreamQueryRequest { Measures = { "participants" }, Dimensions = { "year" }, Filter = $"member_state = \"{s}\"" }, m);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task StreamPublishedAsync(ServiceHost h, string s, Metadata m)
    {
        using var call = h.Stats.StreamQuery(new StreamQueryRequest { Measures = { "published_member_states" }, Dimensions = { "edition" } }, m);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task RenderAnnualReportAsync(ServiceHost h, string s, Metadata m)
    {
        using var call = new ReportService.ReportServiceClient(h.Channel).RenderReport(
            new RenderReportRequest { Annual = new AnnualReportRequest { Programme = $"programmes/{Programme}", Year = 2020, WithoutForecast = true } }, m);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task ImportOneRowAsync(ServiceHost h, string s, Metadata m)
    {
        using var call = h.Ingest.ImportParticipations(m);
        try
        {
            await call.RequestStream.WriteAsync(new ImportParticipationsRequest
            {
                Rows = { new ParticipationRow { ParticipantId = "not a participant id!", MemberState = s, Edition = $"programmes/{Programme}/editions/1", Gender = Gender.Female } },
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
