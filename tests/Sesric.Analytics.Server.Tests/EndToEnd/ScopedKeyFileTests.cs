using System.Net;
using System.Text.Json;

using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>Scopes from the key file change without a restart; the JSON port is scoped by the same path as gRPC.</summary>
public sealed class ScopedKeyFileTests : IDisposable
{
    private readonly TempFolder _folder = new("scoped-keys");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_key_file_reload_that_widens_a_scope_takes_effect_without_a_restart()
    {
        var path = _folder.File("keys.json");
        var (entry, secret) = KeyFileEntry.Create("partner", Role.Reader, DateTimeOffset.UtcNow, null, ["diplomacy-cab"]);
        KeyFile.Save(path, [entry]);
        await using var host = await ServiceHost.StartInMemoryAsync(new Dictionary<string, string?> { ["Sesric:KeyFile"] = path, ["Sesric:KeyFileReloadSeconds"] = "0.1" });
        var key = TestKeys.Headers(secret);
        var statcom = new QueryRequest { Measures = { "participants" }, Filter = "programme = \"oic-statcom\"" };

        var before = await host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), key);
        var refused = await RpcAssert.Fails(StatusCode.PermissionDenied, () => host.Stats.QueryAsync(statcom, key).ResponseAsync);
        KeyFile.Save(path, [entry with { Programmes = ["diplomacy-cab", "oic-statcom"] }]);
        var after = before;
        for (var i = 0; i < 100 && after.TotalSize == before.TotalSize; i++)
        {
            await Task.Delay(100);
            after = await host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), key);
        }
        var answered = await host.Stats.QueryAsync(statcom, key);
        KeyFile.Save(path, [entry with { Programmes = ["oic-statcom"] }]);
        Google.Rpc.Status? narrowed = null;
        for (var i = 0; i < 100 && narrowed is null; i++)
        {
            await Task.Delay(100);
            try
            {
                await host.Catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = "programmes/diplomacy-cab" }, key);
            }
            catch (RpcException)
            {
                narrowed = await RpcAssert.Fails(StatusCode.PermissionDenied, () => host.Catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = "programmes/diplomacy-cab" }, key).ResponseAsync);
            }
        }

        Assert.Equal(1, before.TotalSize);
        Assert.Equal(ErrorReasons.OutOfScope, refused.Reason());
        Assert.Equal(["programmes/diplomacy-cab", "programmes/oic-statcom"], after.Programmes.Select(p => p.Name).Order());
        Assert.True(Assert.Single(answered.Rows).Cells[0].IntegerValue > 0);
        Assert.NotNull(narrowed);
        Assert.Equal(ErrorReasons.OutOfScope, narrowed!.Reason());
    }

    [Fact]
    public async Task The_json_port_answers_a_scoped_key_within_its_scope_and_refuses_the_rest_with_403()
    {
        await using var host = await ServiceHost.StartKestrelAsync(ScopedKeys.Configuration());
        using var scoped = new HttpClient { BaseAddress = new Uri(host.JsonAddress!) };
        scoped.DefaultRequestHeaders.Add("x-api-key", ScopedKeys.CabReader);
        using var admin = new HttpClient { BaseAddress = new Uri(host.JsonAddress!) };
        admin.DefaultRequestHeaders.Add("x-api-key", TestKeys.Admin);
        static long Total(string json) =>
            long.Parse(JsonDocument.Parse(json).RootElement.GetProperty("rows")[0].GetProperty("cells")[0].GetProperty("integerValue").GetRawText().Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

        var scopedTotal = Total(await scoped.GetStringAsync("/v1/stats:query?measures=participants"));
        var directTotal = Total(await admin.GetStringAsync("/v1/stats:query?measures=participants&filter=" + Uri.EscapeDataString("programme = \"diplomacy-cab\"")));
        var programmes = JsonDocument.Parse(await scoped.GetStringAsync("/v1/programmes")).RootElement.GetProperty("programmes");
        var outside = await scoped.GetAsync("/v1/programmes/oic-statcom");
        var outsideQuery = await scoped.GetAsync("/v1/stats:query?measures=participants&filter=" + Uri.EscapeDataString("programme = \"oic-statcom\""));

        Assert.Equal(directTotal, scopedTotal);
        Assert.Equal(["programmes/diplomacy-cab"], programmes.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outsideQuery.StatusCode);
        Assert.Contains("'oic-statcom' is outside this key's scope", await outsideQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_odata_feed_gives_a_scoped_key_its_programmes_rows_only_and_refuses_another_programme_with_403()
    {
        await using var host = await ServiceHost.StartKestrelAsync(ScopedKeys.Configuration());
        using var scoped = new ODataFeedClient(host.JsonAddress!, ScopedKeys.PairAdmin);
        using var admin = new ODataFeedClient(host.JsonAddress!, TestKeys.Admin);
        var model = await scoped.ReadMetadataAsync();
        const string ByProgramme = "InternalStatistics?$select=programme,participants";

        var rows = (await scoped.ReadAllAsync(model, ByProgramme)).Rows;
        var all = (await admin.ReadAllAsync(model, ByProgramme)).Rows;
        var refused = await scoped.GetAsync("Statistics?$select=participants&$filter=programme eq 'oic-statcom-follow-up'");

        Assert.Equal(["diplomacy-cab", "oic-statcom"], rows.Select(r => (string)ODataFeedClient.FeedResult.Value(r, "programme")!));
        Assert.Equal(
            all.Where(r => ODataFeedClient.FeedResult.Value(r, "programme") is "diplomacy-cab" or "oic-statcom").Select(r => ODataFeedClient.FeedResult.Value(r, "participants")),
            rows.Select(r => ODataFeedClient.FeedResult.Value(r, "participants")));
        Assert.Equal(4, all.Count);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("OUT_OF_SCOPE", body, StringComparison.Ordinal);
        Assert.Contains("'oic-statcom-follow-up' is outside this key's scope", body, StringComparison.Ordinal);
    }
}
