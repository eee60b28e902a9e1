using System.Diagnostics;
using System.Net;
using System.Text.Json;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.Telemetry;

/// <summary>A key sent in the feed's <c>api_key</c> parameter never reaches a span, a log line, the audit log or a response.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class ODataFeedSecrecyTests : IDisposable
{
    private readonly TempFolder _folder = new("odata-secrecy");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_key_in_the_query_string_is_in_no_span_no_log_line_no_audit_line_and_no_next_link()
    {
        var audit = _folder.File("audit.jsonl");
        var logs = new ScopeCapture();
        await using var capture = await TelemetryCapture.StartAsync(
            new Dictionary<string, string?>
            {
                ["Sesric:Audit:Path"] = audit,
                // As verbose as a deployment without appsettings.json: ASP.NET's own request logging is on.
                ["Logging:LogLevel:Default"] = "Trace",
            },
            logs);
        using var http = new HttpClient();
        var traceId = ActivityTraceId.CreateRandom();
        var url = $"{capture.Host.JsonAddress}/odata/InternalStatistics?$select=year,member_state,participants&$filter=year ge 2019&api_key={TestKeys.Analyst}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        request.Headers.Add("Prefer", "odata.maxpagesize=5");
        request.Headers.Add("x-request-id", "rq-odata-internal");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var spans = await capture.TraceAsync(traceId, atLeast: 6); // the engine's five and the server span, which ends last

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("@odata.nextLink", body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Analyst, body, StringComparison.Ordinal);
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Null(server.GetTagItem("url.query"));
        var secrets = new[] { TestKeys.Analyst, ApiKeyRegistry.Hash(TestKeys.Analyst) };
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), t => secrets.Any(k => (t.Value?.ToString() ?? "").Contains(k, StringComparison.Ordinal)));
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => secrets.Any(k => l.Message.Contains(k, StringComparison.Ordinal) || l.Scope.Values.Any(v => v?.Contains(k, StringComparison.Ordinal) == true)));
        var auditText = await File.ReadAllTextAsync(audit);
        Assert.DoesNotContain(TestKeys.Analyst, auditText, StringComparison.Ordinal);
        var line = JsonDocument.Parse(auditText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.Contains("rq-odata-internal", StringComparison.Ordinal))).RootElement;
        Assert.Equal("OData/InternalStatistics", line.GetProperty("method").GetString());
        Assert.Equal("config:analyst", line.GetProperty("key_id").GetString());
        Assert.Equal("internal", line.GetProperty("policy").GetString());
        Assert.Equal("year ge 2019", line.GetProperty("filter").GetString());
        Assert.Equal(5, line.GetProperty("rows_returned").GetInt64());
        Assert.Equal("OK", line.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_refused_attempt_at_the_internal_set_is_audited_with_its_outcome()
    {
        var audit = _folder.File("refused.jsonl");
        await using var host = await ServiceHost.StartKestrelAsync(new Dictionary<string, string?> { ["Sesric:Audit:Path"] = audit });
        using var client = new ODataFeedClient(host.JsonAddress!, TestKeys.Reader, keyInQuery: true);

        using var response = await client.GetAsync("InternalStatistics?$select=year,participants");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var line = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(audit))).RootElement;
        Assert.Equal("config:reader", line.GetProperty("key_id").GetString());
        Assert.Equal("403", line.GetProperty("outcome").GetString());
        Assert.DoesNotContain(TestKeys.Reader, await File.ReadAllTextAsync(audit), StringComparison.Ordinal);
    }
}
