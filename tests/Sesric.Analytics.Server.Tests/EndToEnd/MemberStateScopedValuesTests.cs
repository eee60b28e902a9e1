using System.Net;
using System.Text.Json;

using Grpc.Core;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>
/// What keys scoped to member states are answered, over the gRPC channel, the JSON port and the OData feed: figures of
/// their states' participants only (equal to those states asked for by an unscoped key), member-state lists and coverage
/// showing only their states, editions without the totals that count every state.
/// </summary>
public sealed class MemberStateScopedValuesTests(ScopedServiceHost shared) : IClassFixture<ScopedServiceHost>
{
    private ServiceHost Host => shared.Host;

    private static Metadata State => ScopedKeys.Headers(ScopedKeys.StateReader);

    private static Metadata CabState => ScopedKeys.Headers(ScopedKeys.CabStateAdmin);

    private static Metadata Admin => TestKeys.Headers(TestKeys.Admin);

    private static readonly string InsideFilter = $"member_state = \"{ScopedKeys.InsideState}\"";

    [Fact]
    public async Task An_unfiltered_query_answers_over_the_scopes_states_only_with_the_figures_they_have()
    {
        var request = new QueryRequest { Measures = { "participants", "member_states", "coverage" }, Dimensions = { "year" } };
        var scoped = await Host.Stats.QueryAsync(request, State);
        var direct = await Host.Stats.QueryAsync(new QueryRequest(request) { Filter = InsideFilter }, Admin);
        var everything = await Host.Stats.QueryAsync(request, Admin);
        var combined = await Host.Stats.QueryAsync(new QueryRequest(request) { Policy = DisclosurePolicy.Internal }, CabState);
        var combinedDirect = await Host.Stats.QueryAsync(new QueryRequest(request) { Filter = $"programme = \"diplomacy-cab\" AND {InsideFilter}", Policy = DisclosurePolicy.Internal }, Admin);
        var grouped = await Host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "member_state", "programme" } }, CabState);

        Assert.NotEmpty(scoped.Rows);
        Assert.Equal(direct.Rows, scoped.Rows);
        Assert.NotEqual(everything.Rows, scoped.Rows);
        Assert.True(scoped.Rows.Sum(r => r.Cells[1].IntegerValue) < everything.Rows.Sum(r => r.Cells[1].IntegerValue));
        Assert.All(scoped.Rows, r => Assert.InRange(r.Cells[2].IntegerValue, 0, 1)); // one state represented, at most
        Assert.NotEmpty(combined.Rows);
        Assert.Equal(combinedDirect.Rows, combined.Rows);
        Assert.Equal([$"{ScopedKeys.InsideState}|diplomacy-cab"], grouped.Rows.Select(r => $"{r.Cells[0].StringValue}|{r.Cells[1].StringValue}"));
    }

    [Fact]
    public async Task A_streamed_query_is_scoped_like_a_paged_one()
    {
        var streamed = new List<ResultRow>();
        using (var call = Host.Stats.StreamQuery(new StreamQueryRequest { Measures = { "participants" }, Dimensions = { "year", "gender" } }, State))
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync())
            {
                streamed.AddRange(message.Rows);
            }
        }
        var direct = await Host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "year", "gender" }, Filter = InsideFilter, PageSize = 1000 }, Admin);

        Assert.NotEmpty(streamed);
        Assert.Equal(direct.Rows, streamed);
    }

    [Fact]
    public async Task Member_states_list_only_the_scope_and_editions_come_without_the_totals_that_count_every_state()
    {
        var states = await Host.Catalog.ListMemberStatesAsync(new ListMemberStatesRequest(), State);
        var allStates = await Host.Catalog.ListMemberStatesAsync(new ListMemberStatesRequest(), Admin);
        var editions = await Host.Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/diplomacy-cab", PageSize = 1000 }, State);
        var adminEditions = await Host.Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/diplomacy-cab", PageSize = 1000 }, Admin);
        var edition = (await Host.Catalog.GetEditionAsync(new GetEditionRequest { Name = "programmes/diplomacy-cab/editions/4" }, CabState)).Edition;
        var adminEdition = (await Host.Catalog.GetEditionAsync(new GetEditionRequest { Name = "programmes/diplomacy-cab/editions/4" }, Admin)).Edition;
        var programmes = await Host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), State);
        var allProgrammes = await Host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), Admin);

        Assert.Equal([ScopedKeys.InsideState], states.MemberStates.Select(s => s.Iso3));
        Assert.Equal(1, states.TotalSize);
        Assert.True(allStates.TotalSize > 1);
        Assert.Equal(adminEditions.Editions.Select(e => e.Name), editions.Editions.Select(e => e.Name));
        Assert.All(editions.Editions, e => Assert.True(e.Published is null && e.Registry is null && e.Agreement == Agreement.Unspecified, e.Name));
        Assert.Contains(adminEditions.Editions, e => e.Published is not null && e.Registry is not null);
        Assert.Null(edition.Published);
        Assert.Null(edition.Registry);
        Assert.NotNull(adminEdition.Published);
        Assert.Equal(adminEdition.Theme, edition.Theme); // the description stays
        Assert.Equal(allProgrammes.TotalSize, programmes.TotalSize); // a state scope restricts no programme
    }

    [Fact]
    public async Task Coverage_lists_only_the_scopes_states_with_counts_over_them()
    {
        var scoped = await Host.Stats.GetCoverageAsync(new GetCoverageRequest { Programme = "programmes/diplomacy-cab" }, State);
        var all = await Host.Stats.GetCoverageAsync(new GetCoverageRequest { Programme = "programmes/diplomacy-cab" }, Admin);

        Assert.Equal(all.Coverage.Select(c => (c.Programme, c.Year)), scoped.Coverage.Select(c => (c.Programme, c.Year)));
        var listed = scoped.Coverage.SelectMany(c => c.Groups).SelectMany(g => g.Represented.Concat(g.NotRepresented).Concat(g.NeverRepresented)).Distinct().ToArray();
        Assert.Equal([ScopedKeys.InsideState], listed);
        Assert.All(scoped.Coverage, c => Assert.InRange(c.EligibleCount, 0, 1));
        foreach (var (mine, theirs) in scoped.Coverage.Zip(all.Coverage))
        {
            var represented = theirs.Groups.SelectMany(g => g.Represented).Contains(ScopedKeys.InsideState);
            Assert.Equal(represented ? 1 : 0, mine.RepresentedCount);
        }
        Assert.Contains(scoped.Coverage, c => c.RepresentedCount == 1);
    }

    [Fact]
    public async Task The_json_port_answers_a_state_scoped_key_within_its_states_and_refuses_the_rest_with_403()
    {
        await using var host = await ServiceHost.StartKestrelAsync(ScopedKeys.Configuration());
        using var scoped = new HttpClient { BaseAddress = new Uri(host.JsonAddress!) };
        scoped.DefaultRequestHeaders.Add("x-api-key", ScopedKeys.StateReader);
        using var admin = new HttpClient { BaseAddress = new Uri(host.JsonAddress!) };
        admin.DefaultRequestHeaders.Add("x-api-key", TestKeys.Admin);
        static long Total(string json) =>
            long.Parse(JsonDocument.Parse(json).RootElement.GetProperty("rows")[0].GetProperty("cells")[0].GetProperty("integerValue").GetRawText().Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

        var scopedTotal = Total(await scoped.GetStringAsync("/v1/stats:query?measures=participants"));
        var directTotal = Total(await admin.GetStringAsync("/v1/stats:query?measures=participants&filter=" + Uri.EscapeDataString(InsideFilter)));
        var everything = Total(await admin.GetStringAsync("/v1/stats:query?measures=participants"));
        var outside = await scoped.GetAsync("/v1/stats:query?measures=participants&filter=" + Uri.EscapeDataString($"member_state = \"{ScopedKeys.OutsideState}\""));
        var published = await scoped.GetAsync("/v1/stats:query?measures=published_participants");
        var edition = JsonDocument.Parse(await scoped.GetStringAsync("/v1/programmes/diplomacy-cab/editions/4")).RootElement;

        Assert.Equal(directTotal, scopedTotal);
        Assert.True(scopedTotal < everything);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains($"'{ScopedKeys.OutsideState}' is outside this key's scope", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, published.StatusCode);
        Assert.Contains("covers every member state", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(edition.TryGetProperty("published", out _));
    }

    [Fact]
    public async Task The_odata_feed_gives_a_state_scoped_key_its_states_rows_only_and_refuses_another_state_with_403()
    {
        await using var host = await ServiceHost.StartKestrelAsync(ScopedKeys.Configuration());
        using var scoped = new ODataFeedClient(host.JsonAddress!, ScopedKeys.CabStateAdmin);
        using var admin = new ODataFeedClient(host.JsonAddress!, TestKeys.Admin);
        var model = await scoped.ReadMetadataAsync();

        var rows = (await scoped.ReadAllAsync(model, "InternalStatistics?$select=programme,member_state,participants")).Rows;
        var direct = (await admin.ReadAllAsync(model, $"InternalStatistics?$select=programme,member_state,participants&$filter=programme eq 'diplomacy-cab' and member_state eq '{ScopedKeys.InsideState}'")).Rows;
        var refused = await scoped.GetAsync($"Statistics?$select=participants&$filter=member_state eq '{ScopedKeys.OutsideState}'");
        var published = await scoped.GetAsync("Statistics?$select=year,published_participants");

        Assert.Equal([$"diplomacy-cab|{ScopedKeys.InsideState}"], rows.Select(r => $"{ODataFeedClient.FeedResult.Value(r, "programme")}|{ODataFeedClient.FeedResult.Value(r, "member_state")}"));
        Assert.Equal(direct.Select(r => ODataFeedClient.FeedResult.Value(r, "participants")), rows.Select(r => ODataFeedClient.FeedResult.Value(r, "participants")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("OUT_OF_SCOPE", body, StringComparison.Ordinal);
        Assert.Contains($"member state '{ScopedKeys.OutsideState}' is outside this key's scope", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, published.StatusCode);
    }
}
