using System.Text.Json;

using Grpc.Core;

using Sesric.Analytics.Api.Auditing;
using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>The audit log's lines for each audited method, refused attempts and key changes; never a secret or a participant id.</summary>
public sealed class AuditLogTests : IDisposable
{
    private readonly TempFolder _folder = new("audit");

    public void Dispose() => _folder.Dispose();

    private static Metadata Headers(string key, string requestId) => new() { { ApiKeyAuthInterceptor.Header, key }, { "x-request-id", requestId } };

    private static List<JsonElement> Lines(string path) =>
        [.. File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement)];

    private static JsonElement Line(string path, string requestId) =>
        Assert.Single(Lines(path), l => l.TryGetProperty("request_id", out var id) && id.GetString() == requestId);

    [Fact]
    public async Task Each_audited_method_writes_one_line_with_key_id_request_id_filter_rows_and_outcome()
    {
        var audit = _folder.File("audit.jsonl");
        var keyFile = _folder.File("keys.json");
        var (etl, etlSecret) = KeyFileEntry.Create("etl", Role.Admin, DateTimeOffset.UtcNow, null);
        KeyFile.Save(keyFile, [etl]);
        await using var host = await ServiceHost.StartInMemoryAsync(new Dictionary<string, string?>
        {
            ["Sesric:Audit:Path"] = audit,
            ["Sesric:KeyFile"] = keyFile,
            ["Sesric:KeyFileReloadSeconds"] = "0.1",
        });
        const string filter = "programme = \"diplomacy-cab\" AND year >= 2019";
        var forecasts = new ForecastService.ForecastServiceClient(host.Channel);

        var query = await host.Stats.QueryAsync(
            new QueryRequest { Measures = { "participants" }, Dimensions = { "year" }, Filter = filter, Policy = DisclosurePolicy.Internal }, Headers(TestKeys.Analyst, "rq-internal"));
        await host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Filter = filter }, Headers(TestKeys.Analyst, "rq-public"));
        await Assert.ThrowsAsync<RpcException>(() => host.Stats.QueryAsync(
            new QueryRequest { Measures = { "participants" }, Policy = DisclosurePolicy.Internal }, Headers(TestKeys.Reader, "rq-denied")).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => host.Stats.QueryAsync(
            new QueryRequest { Measures = { "participants" }, Policy = DisclosurePolicy.Internal }, Headers("not-a-key", "rq-unknown")).ResponseAsync);
        long streamed = 0;
        using (var stream = host.Stats.StreamQuery(
            new StreamQueryRequest { Measures = { "participants" }, Dimensions = { "year", "member_state" }, Filter = filter, Policy = DisclosurePolicy.Internal }, Headers(TestKeys.Analyst, "rq-stream")))
        {
            await foreach (var page in stream.ResponseStream.ReadAllAsync())
            {
                streamed += page.Rows.Count;
            }
        }
        using (var import = host.Ingest.ImportParticipations(Headers(etlSecret, "rq-import")))
        {
            await import.RequestStream.WriteAsync(new ImportParticipationsRequest
            {
                RequestId = "batch-1",
                Rows =
                {
                    new ParticipationRow { ParticipantId = "p-audit-secret-1", MemberState = "TUR", Edition = "programmes/diplomacy-cab/editions/6", Gender = Gender.Female, AttendanceStatus = AttendanceStatus.Attended },
                    new ParticipationRow { ParticipantId = "p-audit-secret-2", MemberState = "MYS", Edition = "programmes/diplomacy-cab/editions/6", Gender = Gender.Male, AttendanceStatus = AttendanceStatus.Attended },
                },
            });
            await import.RequestStream.CompleteAsync();
            await import.ResponseAsync;
        }
        await host.Ingest.UpsertEditionAsync(new UpsertEditionRequest { Edition = new Edition { Name = "programmes/oic-statcom/editions/15", Year = 2026 } }, Headers(TestKeys.Admin, "rq-upsert"));
        var retrain = await forecasts.RetrainAsync(new RetrainRequest(), Headers(TestKeys.Admin, "rq-retrain"));

        var internalLine = Line(audit, "rq-internal");
        Assert.Equal("call", internalLine.GetProperty("event").GetString());
        Assert.Equal("config:analyst", internalLine.GetProperty("key_id").GetString());
        Assert.Equal("StatsService/Query", internalLine.GetProperty("method").GetString());
        Assert.Equal("internal", internalLine.GetProperty("policy").GetString());
        Assert.Equal(filter, internalLine.GetProperty("filter").GetString());
        Assert.Equal(query.Rows.Count, internalLine.GetProperty("rows_returned").GetInt64());
        Assert.Equal("OK", internalLine.GetProperty("outcome").GetString());
        Assert.True(DateTimeOffset.UtcNow - internalLine.GetProperty("time").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(Lines(audit), l => l.TryGetProperty("request_id", out var id) && id.GetString() == "rq-public");

        var denied = Line(audit, "rq-denied");
        Assert.Equal(("config:reader", "PermissionDenied"), (denied.GetProperty("key_id").GetString(), denied.GetProperty("outcome").GetString()));
        var unknown = Line(audit, "rq-unknown");
        Assert.False(unknown.TryGetProperty("key_id", out _));
        Assert.Equal("Unauthenticated", unknown.GetProperty("outcome").GetString());

        var streamLine = Line(audit, "rq-stream");
        Assert.Equal("StatsService/StreamQuery", streamLine.GetProperty("method").GetString());
        Assert.True(streamed > 1);
        Assert.Equal(streamed, streamLine.GetProperty("rows_returned").GetInt64());

        var imported = Line(audit, "rq-import");
        Assert.Equal((etl.Id, "IngestService/ImportParticipations", 2L), (imported.GetProperty("key_id").GetString(), imported.GetProperty("method").GetString(), imported.GetProperty("rows_written").GetInt64()));
        Assert.Contains("received 2", imported.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var upsert = Line(audit, "rq-upsert");
        Assert.Equal(1, upsert.GetProperty("rows_written").GetInt64());
        Assert.Equal("created programmes/oic-statcom/editions/15", upsert.GetProperty("detail").GetString());
        var retrained = Line(audit, "rq-retrain");
        Assert.Equal("ForecastService/Retrain", retrained.GetProperty("method").GetString());
        Assert.Contains(retrain.ModelVersion, retrained.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Key changes seen by the running service are audited too.
        KeyFile.Save(keyFile, [etl with { Revoked = DateTimeOffset.UtcNow }]);
        for (var i = 0; i < 100 && !Lines(audit).Any(l => l.GetProperty("event").GetString() == "key_revoked"); i++)
        {
            await Task.Delay(100);
        }
        var revokedLine = Assert.Single(Lines(audit), l => l.GetProperty("event").GetString() == "key_revoked");
        Assert.Equal((etl.Id, "KeyFile"), (revokedLine.GetProperty("key_id").GetString(), revokedLine.GetProperty("method").GetString()));

        var text = await File.ReadAllTextAsync(audit);
        foreach (var secret in new[] { TestKeys.Reader, TestKeys.Analyst, TestKeys.Admin, etlSecret, "p-audit-secret-1", "p-audit-secret-2", etl.Sha256 })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_file_is_rotated_by_size_and_only_the_configured_number_of_old_files_is_kept()
    {
        var path = _folder.File("audit.jsonl");
        using (var log = new AuditLog(new AuditOptions { Path = path, MaxBytes = 1000, Keep = 2 }))
        {
            for (var i = 0; i < 40; i++)
            {
                log.Write(new AuditRecord(DateTimeOffset.UnixEpoch, "call", "config:x", "StatsService/Query", $"rq-{i}", "internal", null, i, null, "OK", null));
            }
        }

        var files = new[] { path, path + ".1", path + ".2" };
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 1000));
        Assert.False(File.Exists(path + ".3"));
        var kept = files.Reverse().SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("request_id").GetString()).ToList();
        // The newest lines survive, in order, with nothing lost between the kept files.
        Assert.Equal("rq-39", kept[^1]);
        Assert.Equal(Enumerable.Range(40 - kept.Count, kept.Count).Select(i => $"rq-{i}"), kept);
    }

    [Fact]
    public void Key_file_changes_become_created_revoked_changed_and_removed_records()
    {
        var now = DateTimeOffset.UnixEpoch;
        var (a, _) = KeyFileEntry.Create("a", Role.Reader, now, null);
        var (b, _) = KeyFileEntry.Create("b", Role.Reader, now, null);
        var (c, _) = KeyFileEntry.Create("c", Role.Reader, now, null);
        var (d, _) = KeyFileEntry.Create("d", Role.Admin, now, now.AddDays(1));

        var records = KeyChangeAudit.Records([a, b, c], [a with { Revoked = now }, b with { Role = Role.Admin }, d], now);

        Assert.Equal(
            [("key_revoked", a.Id), ("key_changed", b.Id), ("key_created", d.Id), ("key_removed", c.Id)],
            records.Select(r => (r.Event, r.KeyId)));
        Assert.Equal("d, admin, expires 1970-01-02 00:00Z", records[2].Detail);
    }
}
