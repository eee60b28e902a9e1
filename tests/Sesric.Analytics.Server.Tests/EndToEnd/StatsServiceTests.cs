using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

public sealed class StatsServiceTests(SharedServiceHost shared) : IClassFixture<SharedServiceHost>
{
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);
    private static readonly Metadata Analyst = TestKeys.Headers(TestKeys.Analyst);
    private StatsService.StatsServiceClient Stats => shared.Host.Stats;

    private static QueryRequest SeedFactQuery() => new()
    {
        Measures = { "participants", "member_states" },
        Dimensions = { "year" },
        Filter = "programme = \"diplomacy-cab\" AND year = 2020",
    };

    [Fact]
    public async Task Query_answers_the_seed_fact_with_typed_columns()
    {
        var response = await Stats.QueryAsync(SeedFactQuery(), Reader);

        Assert.Equal(["year", "participants", "member_states"], response.Columns.Select(c => c.Name));
        Assert.Equal(ColumnRole.Dimension, response.Columns[0].Role);
        Assert.Equal(ValueFormat.Year, response.Columns[0].Format);
        Assert.Equal(ColumnType.Integer, response.Columns[1].Type);
        var row = Assert.Single(response.Rows);
        Assert.Equal(2020, row.Cells[0].IntegerValue);
        Assert.Equal(81, row.Cells[1].IntegerValue);
        Assert.Equal(29, row.Cells[2].IntegerValue);
        Assert.Equal("public", response.Metadata.Policy);
        Assert.Equal(1, response.Metadata.TotalRows);
        Assert.Equal("", response.NextPageToken);
    }

    [Fact]
    public async Task Query_pages_round_trip_to_the_same_rows_as_one_page()
    {
        var whole = await Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "member_state" }, Policy = DisclosurePolicy.Internal, PageSize = 10_000 }, Analyst);
        Assert.True(whole.Rows.Count > 10);

        var request = new QueryRequest { Measures = { "participants" }, Dimensions = { "member_state" }, Policy = DisclosurePolicy.Internal, PageSize = 7 };
        var rows = new List<ResultRow>();
        do
        {
            var page = await Stats.QueryAsync(request, Analyst);
            Assert.True(page.Rows.Count <= 7);
            Assert.Equal(whole.Metadata.TotalRows, page.Metadata.TotalRows);
            rows.AddRange(page.Rows);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        Assert.Equal(whole.Rows, rows);
    }

    [Fact]
    public async Task Query_public_policy_perturbs_small_cells_names_its_table_and_never_shows_1_or_2()
    {
        var request = new QueryRequest { Measures = { "participants" }, Dimensions = { "edition", "member_state" }, PageSize = 10_000 };
        var open = await Stats.QueryAsync(new QueryRequest(request) { Policy = DisclosurePolicy.Internal }, Analyst);
        var response = await Stats.QueryAsync(request, Reader);

        Assert.Contains(open.Rows, r => r.Cells[2].IntegerValue is 1 or 2);
        Assert.All(response.Rows, r => Assert.DoesNotContain(r.Cells[2].IntegerValue, new long[] { 1, 2 }));
        Assert.All(response.Rows, r => Assert.Equal(CellStatus.Ok, r.Cells[2].Status));
        Assert.Equal("ptable-v1", response.Metadata.PerturbationTable);
        Assert.Equal(response.Rows.Count, response.Metadata.PerturbedCells);
        Assert.Equal("", open.Metadata.PerturbationTable);
        Assert.True(response.Rows.Zip(open.Rows).Count(p => p.First.Cells[2].IntegerValue != p.Second.Cells[2].IntegerValue) > 0);
    }

    [Fact]
    public async Task Public_counts_of_states_are_withheld_where_the_query_depends_on_gender()
    {
        var response = await Stats.QueryAsync(new QueryRequest { Measures = { "participants", "member_states" }, Dimensions = { "gender" } }, Reader);

        Assert.All(response.Rows, r => Assert.Equal(CellStatus.Suppressed, r.Cells[2].Status));
        Assert.All(response.Rows, r => Assert.Equal(ResultCell.ValueOneofCase.None, r.Cells[2].ValueCase));
        Assert.Equal(response.Rows.Count, response.Metadata.SuppressedCells);
    }

    [Fact]
    public async Task A_public_filter_that_could_single_out_a_person_is_invalid_argument_naming_the_field()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Stats.QueryAsync(
            new QueryRequest { Measures = { "participants" }, Filter = "programme = \"diplomacy-cab\" AND year = 2020 AND member_state != \"GAB\"" }, Reader).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("member_state", e.Status.Detail);
        Assert.Contains("public policy", e.Status.Detail);
    }

    [Fact]
    public async Task StreamQuery_sends_columns_first_metadata_last_and_the_same_rows_as_Query()
    {
        var query = new QueryRequest { Measures = { "participants" }, Dimensions = { "edition", "member_state" }, Policy = DisclosurePolicy.Internal, PageSize = 10_000 };
        var expected = await Stats.QueryAsync(query, Analyst);

        using var call = Stats.StreamQuery(new StreamQueryRequest { Measures = { "participants" }, Dimensions = { "edition", "member_state" }, Policy = DisclosurePolicy.Internal, BatchSize = 50 }, Analyst);
        var messages = new List<StreamQueryResponse>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(message);
        }

        Assert.True(messages.Count > 1);
        Assert.Equal(expected.Columns, messages[0].Columns);
        Assert.All(messages.Skip(1), m => Assert.Empty(m.Columns));
        Assert.All(messages, m => Assert.True(m.Rows.Count <= 50));
        Assert.NotNull(messages[^1].Metadata);
        Assert.All(messages.SkipLast(1), m => Assert.Null(m.Metadata));
        Assert.Equal(expected.Rows, messages.SelectMany(m => m.Rows));
    }

    [Fact]
    public async Task Internal_policy_needs_the_analyst_role()
    {
        var request = SeedFactQuery();
        request.Policy = DisclosurePolicy.Internal;

        var status = await RpcAssert.Fails(StatusCode.PermissionDenied, () => Stats.QueryAsync(request, Reader).ResponseAsync);
        Assert.Equal(ErrorReasons.RoleTooLow, status.Reason());
        Assert.Equal("internal", (await Stats.QueryAsync(request, Analyst)).Metadata.Policy);
        Assert.Equal("internal", (await Stats.QueryAsync(request, TestKeys.Headers(TestKeys.Admin))).Metadata.Policy);
    }

    [Fact]
    public async Task An_unknown_measure_is_invalid_argument_naming_it_and_listing_valid_ones()
    {
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Stats.QueryAsync(new QueryRequest { Measures = { "participantz" } }, Reader).ResponseAsync);

        Assert.Equal(ErrorReasons.InvalidQuery, status.Reason());
        Assert.Contains("participants", status.Message, StringComparison.Ordinal);
        Assert.NotEmpty(status.Fields());
    }

    [Theory]
    [InlineData("year >= 2020 AND (")]
    [InlineData("year = 2020; DROP TABLE participation; --")]
    [InlineData("programme = 'x' OR 1=1")]
    public async Task A_hostile_or_broken_filter_is_invalid_argument_never_a_database_error(string filter)
    {
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Filter = filter }, Reader).ResponseAsync);
        Assert.Equal(ErrorReasons.InvalidQuery, status.Reason());
    }

    [Fact]
    public async Task Query_without_measures_names_the_measures_field()
    {
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Stats.QueryAsync(new QueryRequest { Dimensions = { "year" } }, Reader).ResponseAsync);
        Assert.Equal(["measures"], status.Fields());
    }

    [Fact]
    public async Task GetCoverage_lists_represented_and_missing_member_states_by_group()
    {
        var response = await Stats.GetCoverageAsync(new GetCoverageRequest { Programme = "programmes/diplomacy-cab", Year = 2020 }, Reader);

        var entry = Assert.Single(response.Coverage);
        Assert.Equal(["programmes/diplomacy-cab/editions/4"], entry.Editions);
        Assert.True(entry.HasRegistry);
        Assert.Equal(29, entry.RepresentedCount);
        Assert.Equal(29, entry.Groups.Sum(g => g.Represented.Count));
        Assert.Equal(entry.EligibleCount, entry.Groups.Sum(g => g.Represented.Count + g.NotRepresented.Count));
        Assert.DoesNotContain(entry.Groups.SelectMany(g => g.Represented.Concat(g.NotRepresented)), iso => iso == "SYR");
        Assert.All(entry.Groups, g => Assert.All(g.NeverRepresented, iso => Assert.Contains(iso, g.NotRepresented)));
        Assert.Equal((double)entry.RepresentedCount / entry.EligibleCount, entry.Coverage, 9);
    }

    [Fact]
    public async Task GetCoverage_for_every_programme_covers_every_programme_year()
    {
        var response = await Stats.GetCoverageAsync(new GetCoverageRequest { Programme = "programmes/-" }, Reader);
        var editions = await shared.Host.Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/-", PageSize = 1000 }, Reader);

        var expected = editions.Editions.Select(e => (e.Programme, e.Year)).Distinct().Order().ToArray();
        Assert.Equal(expected, response.Coverage.Select(c => (c.Programme, c.Year)).ToArray());
    }
}
