using System.Diagnostics;
using System.Net;

using Grpc.Core;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.Telemetry;

/// <summary>Traces and metrics of real calls over a real gRPC channel, read back through OpenTelemetry's in-memory exporter.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private const string Filter = "programme = \"diplomacy-cab\" AND year = 2020";

    private static QueryRequest Query() => new() { Measures = { "participants", "member_states" }, Dimensions = { "year" }, Filter = Filter };

    [Fact]
    public async Task A_query_produces_one_server_span_with_the_engine_spans_under_it_and_no_filter_value_or_key_in_any_attribute()
    {
        // The in-memory path for small stores off: the statement runs in DuckDB, so its span is there to check.
        await using var capture = await TelemetryCapture.StartAsync(new Dictionary<string, string?> { ["Sesric:InMemoryFactRows"] = "0" });
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var headers = TestKeys.Headers(TestKeys.Reader);
        headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        var gate = capture.Read("sesric.store.gate.wait");

        var response = await capture.Host.Stats.QueryAsync(Query(), headers);
        var spans = await capture.TraceAsync(traceId, atLeast: 6);

        Assert.Equal(81, response.Rows[0].Cells[1].IntegerValue);
        Assert.Equal(gate + 1, capture.Read("sesric.store.gate.wait")); // one statement, one turn at the store's gate
        // The caller's W3C trace context is accepted: the server span continues its trace under its span.
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal(callerSpan, server.ParentSpanId);
        Assert.Equal("StatsService", server.GetTagItem("rpc.service")?.ToString()?.Split('.')[^1]);
        Assert.Equal("Query", server.GetTagItem("rpc.method"));
        Assert.Equal(0, server.GetTagItem("rpc.grpc.status_code"));
        var query = Assert.Single(spans, s => s.OperationName == "sesric.query");
        Assert.Equal(server.SpanId, query.ParentSpanId);
        Assert.Equal("participants,member_states", query.GetTagItem("sesric.query.measures"));
        Assert.Equal("year", query.GetTagItem("sesric.query.dimensions"));
        Assert.Equal(["sesric.query.assemble", "sesric.query.plan", "sesric.sql"], ChildrenOf(spans, query));
        var sql = Assert.Single(spans, s => s.OperationName == "sesric.sql");
        Assert.Equal("duckdb", sql.GetTagItem("db.system.name"));
        Assert.Contains("$1", sql.GetTagItem("db.query.text")?.ToString());
        var assemble = Assert.Single(spans, s => s.OperationName == "sesric.query.assemble");
        Assert.Equal(["sesric.query.disclosure"], ChildrenOf(spans, assemble));

        // Shapes only: neither the filter's values nor the key (nor its hash) appears in any attribute of any span.
        Assert.Empty(Leaks(spans));
        Assert.Contains(spans, s => s.GetTagItem("db.query.text") is not null); // the check above did read the SQL
    }

    [Fact]
    public async Task A_query_answered_in_memory_has_its_in_memory_span_in_place_of_the_statement_and_no_filter_value_or_key_in_any_attribute()
    {
        // The built-in data is within Sesric:InMemoryFactRows by default: the engine answers from the fact rows in memory.
        await using var capture = await TelemetryCapture.StartAsync();
        var traceId = ActivityTraceId.CreateRandom();
        var headers = TestKeys.Headers(TestKeys.Reader);
        headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var gate = capture.Read("sesric.store.gate.wait");

        var response = await capture.Host.Stats.QueryAsync(Query(), headers);
        var spans = await capture.TraceAsync(traceId, atLeast: 6);

        Assert.Equal(81, response.Rows[0].Cells[1].IntegerValue);
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        var query = Assert.Single(spans, s => s.OperationName == "sesric.query");
        Assert.Equal(server.SpanId, query.ParentSpanId);
        Assert.Equal(["sesric.query.assemble", "sesric.query.in_memory", "sesric.query.plan"], ChildrenOf(spans, query));
        Assert.DoesNotContain(spans, s => s.OperationName == "sesric.sql");
        var assemble = Assert.Single(spans, s => s.OperationName == "sesric.query.assemble");
        Assert.Equal(["sesric.query.disclosure"], ChildrenOf(spans, assemble));
        // No statement ran, so the call took no turn at the store's gate.
        Assert.Equal(gate, capture.Read("sesric.store.gate.wait"));
        Assert.Empty(Leaks(spans));
    }

    [Fact]
    public async Task A_calls_log_line_carries_the_trace_and_span_ids_of_its_server_span()
    {
        var logs = new ScopeCapture();
        await using var capture = await TelemetryCapture.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Sesric"] = "Information" }, logs);
        var traceId = ActivityTraceId.CreateRandom();
        var headers = TestKeys.Headers(TestKeys.Reader);
        headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        await Assert.ThrowsAsync<RpcException>(async () => await capture.Host.Stats.QueryAsync(new QueryRequest { Measures = { "no_such_measure" } }, headers));
        var server = Assert.Single(await capture.TraceAsync(traceId, atLeast: 2), s => s.Kind == ActivityKind.Server);

        var line = Assert.Single(logs.Lines, l => l.Category.EndsWith("CallLoggingInterceptor", StringComparison.Ordinal));
        Assert.Contains("InvalidArgument", line.Message);
        Assert.Equal(traceId.ToString(), line.Scope["TraceId"]);
        Assert.Equal(server.SpanId.ToString(), line.Scope["SpanId"]);
        Assert.False(string.IsNullOrEmpty(line.Scope["RequestId"]));
    }

    [Fact]
    public async Task Counters_move_by_exactly_what_the_calls_did()
    {
        await using var capture = await TelemetryCapture.StartAsync(new Dictionary<string, string?>
        {
            ["Sesric:RequestsPerSecondPerKey"] = "1",
            ["Sesric:BurstPerKey"] = "4",
        });
        var reader = TestKeys.Headers(TestKeys.Reader);
        double Read(string name, Func<OpenTelemetry.Metrics.MetricPoint, bool>? match = null) => capture.Read(name, match);
        bool QueryWith(OpenTelemetry.Metrics.MetricPoint p, int status) => TelemetryCapture.Has(p, "rpc.method", "Query") && TelemetryCapture.Has(p, "rpc.grpc.status_code", status);
        var before = new
        {
            Misses = Read("sesric.query.cache.misses"),
            Hits = Read("sesric.query.cache.hits"),
            Engine = Read("sesric.query.duration"),
            Statements = Read("sesric.query.sql_statements"),
            Ok = Read("rpc.server.call.duration", p => QueryWith(p, 0)),
            Invalid = Read("rpc.server.call.duration", p => QueryWith(p, 3)),
            Limited = Read("sesric.rate_limit.refused", p => TelemetryCapture.Has(p, "sesric.key.id", "reader")),
            Gate = Read("sesric.store.gate.wait"),
        };

        await capture.Host.Stats.QueryAsync(Query(), reader);
        await capture.Host.Stats.QueryAsync(Query(), reader); // the same question: from the cache
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await capture.Host.Stats.QueryAsync(new QueryRequest { Measures = { "no_such_measure" } }, reader));
        await capture.Host.Stats.QueryAsync(Query(), reader); // the fourth call spends the burst
        var limited = await Assert.ThrowsAsync<RpcException>(async () => await capture.Host.Stats.QueryAsync(Query(), reader));

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.Equal(before.Misses + 2, Read("sesric.query.cache.misses")); // the first query and the invalid one
        Assert.Equal(before.Hits + 2, Read("sesric.query.cache.hits"));
        Assert.Equal(before.Engine + 1, Read("sesric.query.duration")); // the invalid query fails in the engine before it is timed
        Assert.Equal(before.Statements + 1, Read("sesric.query.sql_statements"));
        Assert.Equal(before.Gate, Read("sesric.store.gate.wait")); // answered in memory: no statement, no turn at the store's gate
        Assert.Equal(before.Ok + 3, Read("rpc.server.call.duration", p => QueryWith(p, 0)));
        Assert.Equal(before.Invalid + 1, Read("rpc.server.call.duration", p => QueryWith(p, 3)));
        Assert.Equal(before.Limited + 1, Read("sesric.rate_limit.refused", p => TelemetryCapture.Has(p, "sesric.key.id", "reader")));
        Assert.Equal(1, Read("sesric.store.state", p => TelemetryCapture.Has(p, "state", "healthy")));
        Assert.Equal(0, Read("sesric.store.state", p => TelemetryCapture.Has(p, "state", "unavailable")));
    }

    [Fact]
    public async Task Imports_count_the_rows_written_and_the_rows_refused()
    {
        await using var capture = await TelemetryCapture.StartAsync();
        var admin = TestKeys.Headers(TestKeys.Admin);
        var imported = capture.Read("sesric.import.rows.imported");
        var rejected = capture.Read("sesric.import.rows.rejected");
        var durations = capture.Read("sesric.import.duration");

        await ImportAsync(capture.Host, "telemetry-1", Row("tel-1"), Row("tel-2"), Row("tel-3"));
        await ImportAsync(capture.Host, "telemetry-1", Row("tel-1"), Row("tel-2"), Row("tel-3")); // a replay writes nothing
        var refused = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(capture.Host, "telemetry-2", Row("tel-4"), Row("tel-5", "XXX"), Row("tel-6", "YYY")));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(imported + 3, capture.Read("sesric.import.rows.imported"));
        Assert.Equal(rejected + 2, capture.Read("sesric.import.rows.rejected"));
        Assert.Equal(durations + 2, capture.Read("sesric.import.duration"));

        async Task ImportAsync(ServiceHost host, string requestId, params ParticipationRow[] rows)
        {
            using var call = host.Ingest.ImportParticipations(admin);
            await call.RequestStream.WriteAsync(new ImportParticipationsRequest { RequestId = requestId, Rows = { rows } });
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        }
    }

    [Fact]
    public async Task The_prometheus_endpoint_serves_the_services_metrics_with_their_units_and_nothing_else()
    {
        await using var capture = await TelemetryCapture.StartAsync();
        await capture.Host.Stats.QueryAsync(Query(), TestKeys.Headers(TestKeys.Reader));
        // Grouped by edition the query runs in DuckDB (the first is answered in memory), so it takes a turn at the store's gate.
        await capture.Host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "edition" } }, TestKeys.Headers(TestKeys.Reader));
        var address = capture.Host.MetricsAddress!;
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var text = await http.GetStringAsync("/metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        var open = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        var exposition = PrometheusText.Parse(text);
        var openMetrics = PrometheusText.Parse(open);

        Assert.Equal("histogram", exposition.Types["sesric_query_duration_seconds"]);
        Assert.Equal("histogram", exposition.Types["rpc_server_call_duration_seconds"]);
        Assert.Equal("counter", exposition.Types["sesric_query_cache_misses_total"]);
        Assert.Equal("gauge", exposition.Types["sesric_store_state"]);
        Assert.Equal(2, exposition.Value("sesric_query_duration_seconds_count"));
        Assert.Equal(1, exposition.Value("sesric_store_gate_wait_seconds_count"));
        Assert.Equal(1, exposition.Value("sesric_store_state", ("state", "healthy")));
        Assert.Equal(0, exposition.Value("sesric_store_state", ("state", "unavailable")));
        Assert.Equal(2, exposition.Value("rpc_server_call_duration_seconds_count", ("rpc_method", "Query"), ("rpc_grpc_status_code", "0")));
        Assert.Contains("Time the semantic engine spent on one query", exposition.Help["sesric_query_duration_seconds"]);
        // Units as OpenMetrics states them.
        Assert.Equal("seconds", openMetrics.Units["sesric_query_duration_seconds"]);
        Assert.Equal("seconds", openMetrics.Units["rpc_server_call_duration_seconds"]);
        Assert.Equal("seconds", openMetrics.Units["sesric_store_gate_wait_seconds"]);
        // The metrics listener serves nothing but /metrics, and the API listeners do not serve /metrics.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/programmes")).StatusCode);
        using var json = new HttpClient { BaseAddress = new Uri(capture.Host.JsonAddress!) };
        Assert.Equal(HttpStatusCode.NotFound, (await json.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Of_aspnetcores_own_metrics_only_the_request_duration_is_exported()
    {
        // Telemetry's cost on a cached call (issue 20): ASP.NET Core's memory pool, Kestrel and routing meters record
        // about 26 measurements per call between them, and nothing reads them; hosting's request duration stays for the
        // dashboard's HTTP panel.
        await using var capture = await TelemetryCapture.StartAsync();
        var reader = TestKeys.Headers(TestKeys.Reader);
        await capture.Host.Stats.QueryAsync(Query(), reader);
        await capture.Host.Stats.QueryAsync(Query(), reader); // answered from the cache
        using var http = new HttpClient { BaseAddress = new Uri(capture.Host.MetricsAddress!) };

        // Hosting records a request's duration just after its answer has gone: scrape until it is there.
        var exposition = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
        for (var attempt = 0; attempt < 50 && !exposition.Types.ContainsKey("http_server_request_duration_seconds"); attempt++)
        {
            await Task.Delay(100);
            exposition = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
        }

        Assert.Equal("histogram", exposition.Types["http_server_request_duration_seconds"]);
        Assert.Equal("histogram", exposition.Types["rpc_server_call_duration_seconds"]);
        Assert.DoesNotContain(exposition.Types.Keys, name =>
            name.StartsWith("kestrel_", StringComparison.Ordinal)
            || name.StartsWith("aspnetcore_", StringComparison.Ordinal)
            || name.StartsWith("http_server_active_requests", StringComparison.Ordinal));
    }

    private static ParticipationRow Row(string id, string state = "TUR") => new()
    {
        ParticipantId = id,
        MemberState = state,
        Edition = "programmes/diplomacy-cab/editions/6",
        Gender = Gender.Female,
        AttendanceStatus = AttendanceStatus.Attended,
    };

    // The filter's values and the key (or its hash) in any attribute of any span.
    private static List<string> Leaks(IEnumerable<Activity> spans)
    {
        var secrets = new[] { "diplomacy-cab", "2020", TestKeys.Reader, ApiKeyRegistry.Hash(TestKeys.Reader) };
        return [.. spans.SelectMany(span => span.TagObjects
            .Where(tag => secrets.Any(secret => (tag.Value?.ToString() ?? "").Contains(secret, StringComparison.OrdinalIgnoreCase)))
            .Select(tag => $"{span.OperationName} {tag.Key}={tag.Value}"))];
    }

    private static string[] ChildrenOf(IEnumerable<Activity> spans, Activity parent) =>
        [.. spans.Where(s => s.ParentSpanId == parent.SpanId).Select(s => s.OperationName).Order(StringComparer.Ordinal)];
}
