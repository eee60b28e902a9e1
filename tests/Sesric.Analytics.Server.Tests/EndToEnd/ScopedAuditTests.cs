using System.Text.Json;

using Grpc.Core;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>Audit lines of calls by scoped keys carry the scope (programmes, member states or both); an unscoped key's carry none.</summary>
public sealed class ScopedAuditTests : IDisposable
{
    private readonly TempFolder _folder = new("scoped-audit");

    public void Dispose() => _folder.Dispose();

    private static Metadata Headers(string key, string requestId) => new() { { ApiKeyAuthInterceptor.Header, key }, { "x-request-id", requestId } };

    [Fact]
    public async Task A_scoped_keys_audited_calls_carry_its_scope_refused_ones_too()
    {
        var audit = _folder.File("audit.jsonl");
        var configuration = ScopedKeys.Configuration();
        configuration["Sesric:Audit:Path"] = audit;
        await using var host = await ServiceHost.StartInMemoryAsync(configuration);
        var query = new QueryRequest { Measures = { "participants" }, Dimensions = { "year" }, Policy = DisclosurePolicy.Internal };

        await host.Stats.QueryAsync(query, Headers(ScopedKeys.CabStateAdmin, "rq-state"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => host.Stats.QueryAsync(
            new QueryRequest(query) { Filter = $"member_state = \"{ScopedKeys.OutsideState}\"" }, Headers(ScopedKeys.CabStateAdmin, "rq-state-refused")).ResponseAsync);
        await host.Stats.QueryAsync(query, Headers(ScopedKeys.PairAdmin, "rq-programmes"));
        await host.Stats.QueryAsync(query, Headers(TestKeys.Admin, "rq-open"));

        var lines = File.ReadAllLines(audit).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(l => l.GetProperty("request_id").GetString()!, l => l);
        Assert.Equal($"diplomacy-cab; member states {ScopedKeys.InsideState}", lines["rq-state"].GetProperty("scope").GetString());
        Assert.Equal("OK", lines["rq-state"].GetProperty("outcome").GetString());
        Assert.Equal($"diplomacy-cab; member states {ScopedKeys.InsideState}", lines["rq-state-refused"].GetProperty("scope").GetString());
        Assert.Equal("PermissionDenied", lines["rq-state-refused"].GetProperty("outcome").GetString());
        Assert.Equal("diplomacy-cab, oic-statcom", lines["rq-programmes"].GetProperty("scope").GetString());
        Assert.False(lines["rq-open"].TryGetProperty("scope", out _));
    }
}
