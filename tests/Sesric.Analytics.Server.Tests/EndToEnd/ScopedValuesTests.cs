using Grpc.Core;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>
/// What scoped keys are answered, over the gRPC channel: figures over their programmes only (equal to those programmes'
/// figures asked for by an unscoped key), and lists, coverage and backtests showing only their programmes.
/// </summary>
public sealed class ScopedValuesTests(ScopedServiceHost shared) : IClassFixture<ScopedServiceHost>
{
    private ServiceHost Host => shared.Host;

    private static Metadata Cab => ScopedKeys.Headers(ScopedKeys.CabReader);

    private static Metadata Pair => ScopedKeys.Headers(ScopedKeys.PairAdmin);

    private static Metadata Admin => TestKeys.Headers(TestKeys.Admin);

    private async Task<long> TotalAsync(Metadata key, string filter = "", DisclosurePolicy policy = DisclosurePolicy.Public)
    {
        var response = await Host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Filter = filter, Policy = policy }, key);
        return Assert.Single(response.Rows).Cells[0].IntegerValue;
    }

    [Fact]
    public async Task An_unfiltered_query_answers_over_the_scope_only_with_the_figures_the_programmes_have()
    {
        var cabPublic = await TotalAsync(Cab);
        var cabDirect = await TotalAsync(Admin, "programme = \"diplomacy-cab\"");
        var everything = await TotalAsync(Admin);
        var pairInternal = await TotalAsync(Pair, policy: DisclosurePolicy.Internal);
        var byProgramme = await Host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "programme" }, Policy = DisclosurePolicy.Internal }, Admin);
        var pairExpected = byProgramme.Rows.Where(r => r.Cells[0].StringValue is "diplomacy-cab" or "oic-statcom").Sum(r => r.Cells[1].IntegerValue);
        var cabGrouped = await Host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "programme" } }, Cab);

        Assert.Equal(cabDirect, cabPublic);
        Assert.True(cabPublic > 0 && cabPublic < everything, $"{cabPublic} of {everything}");
        Assert.Equal(pairExpected, pairInternal);
        Assert.Equal(4, byProgramme.Rows.Count);
        Assert.Equal(["diplomacy-cab"], cabGrouped.Rows.Select(r => r.Cells[0].StringValue));
    }

    [Fact]
    public async Task A_streamed_query_is_scoped_like_a_paged_one()
    {
        var streamed = new List<ResultRow>();
        using (var call = Host.Stats.StreamQuery(new StreamQueryRequest { Measures = { "participants" }, Dimensions = { "year" }, Policy = DisclosurePolicy.Internal }, Pair))
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync())
            {
                streamed.AddRange(message.Rows);
            }
        }
        var direct = await Host.Stats.QueryAsync(new QueryRequest
        {
            Measures = { "participants" },
            Dimensions = { "year" },
            Filter = "programme = \"diplomacy-cab\" OR programme = \"oic-statcom\"",
            Policy = DisclosurePolicy.Internal,
        }, Admin);

        Assert.Equal(direct.Rows, streamed);
    }

    [Fact]
    public async Task Catalogue_lists_show_only_the_scope_and_editions_only_its_programmes()
    {
        var cabProgrammes = await Host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), Cab);
        var pairProgrammes = await Host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), Pair);
        var cabEditions = await Host.Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/-", PageSize = 1000 }, Cab);
        var adminCabEditions = await Host.Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/diplomacy-cab", PageSize = 1000 }, Admin);
        var memberStates = await Host.Catalog.ListMemberStatesAsync(new ListMemberStatesRequest(), Cab);
        var allMemberStates = await Host.Catalog.ListMemberStatesAsync(new ListMemberStatesRequest(), Admin);

        Assert.Equal(["programmes/diplomacy-cab"], cabProgrammes.Programmes.Select(p => p.Name));
        Assert.Equal(1, cabProgrammes.TotalSize);
        Assert.Equal(["programmes/diplomacy-cab", "programmes/oic-statcom"], pairProgrammes.Programmes.Select(p => p.Name).Order());
        Assert.Equal(adminCabEditions.Editions.Select(e => e.Name), cabEditions.Editions.Select(e => e.Name));
        Assert.Equal(adminCabEditions.TotalSize, cabEditions.TotalSize);
        Assert.Equal(allMemberStates.TotalSize, memberStates.TotalSize); // not programme data
    }

    [Fact]
    public async Task Coverage_without_a_programme_covers_the_scopes_programmes_only()
    {
        var scoped = await Host.Stats.GetCoverageAsync(new GetCoverageRequest { Programme = "programmes/-" }, Cab);
        var direct = await Host.Stats.GetCoverageAsync(new GetCoverageRequest { Programme = "programmes/diplomacy-cab" }, Admin);
        var all = await Host.Stats.GetCoverageAsync(new GetCoverageRequest { Programme = "programmes/-" }, Admin);

        Assert.NotEmpty(scoped.Coverage);
        Assert.Equal(direct.Coverage, scoped.Coverage);
        Assert.True(all.Coverage.Count > scoped.Coverage.Count);
    }

    [Fact]
    public async Task A_backtest_lists_only_the_scopes_programmes()
    {
        var forecasts = new ForecastService.ForecastServiceClient(Host.Channel);

        var scoped = await forecasts.BacktestAsync(new BacktestRequest(), Pair);
        var all = await forecasts.BacktestAsync(new BacktestRequest(), Admin);

        var shown = scoped.Participants.ByProgramme.Select(s => s.Programme).Distinct().Order().ToArray();
        Assert.Equal(["programmes/diplomacy-cab", "programmes/oic-statcom"], shown);
        Assert.Contains(all.Participants.ByProgramme, s => s.Programme == $"programmes/{ScopedKeys.Outside}");
        Assert.Equal(all.Participants.ByProgramme.Where(s => shown.Contains(s.Programme)), scoped.Participants.ByProgramme);
    }

    [Fact]
    public async Task A_chart_split_by_programme_draws_only_the_scopes_programmes()
    {
        var reports = new ReportService.ReportServiceClient(Host.Channel);
        var request = new RenderChartRequest { VisualJson = """{"id":"t","mark":"bar","measure":"participants","category":"programme"}""", Format = ChartFormat.Svg };
        var statcom = (await Host.Catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = "programmes/oic-statcom" }, Admin)).Programme.ShortName;

        var scoped = (await reports.RenderChartAsync(request, Cab)).Content.ToStringUtf8();
        var all = (await reports.RenderChartAsync(request, Admin)).Content.ToStringUtf8();

        Assert.Contains(statcom, all, StringComparison.Ordinal);
        Assert.DoesNotContain(statcom, scoped, StringComparison.Ordinal);
    }
}
