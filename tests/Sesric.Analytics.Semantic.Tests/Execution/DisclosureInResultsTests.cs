using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>How suppression carries into derived measures, ordering and metadata, on rows the test chooses.</summary>
public class DisclosureInResultsTests
{
    private static SqlRows YearRows(params (long Year, long People, long? PrevPeople)[] cells) => new(
        ["year", "people", "participations", "synthetic", "prev_people", "prev_participations", "prev_synthetic"],
        cells.Select(c => new object?[] { c.Year, c.People, c.People, 0L, c.PrevPeople, c.PrevPeople, c.PrevPeople is null ? null : 0L }).ToArray());

    [Fact]
    public async Task Suppression_carries_into_year_over_year_and_running_totals_and_sorts_last()
    {
        var engine = new QueryEngine(new CannedStore(YearRows((2021, 12, 10), (2019, 2, null), (2020, 10, 2), (2022, 15, 12))));

        var table = await engine.ExecuteAsync(SemanticQuery.Of("participants", "yoy_change(participants)", "running_total(participants)")
            .By("year").OrderedBy("participants desc"));

        // 2019 (2 people) is below k = 3; the smallest other year, 2020, goes with it so 2019 cannot be
        // recovered from the total. 2021's change needs 2020; running totals include 2019.
        static string Show(ResultCell c) => c.Status == CellStatus.Ok ? c.Value!.ToString()! : c.Status.ToString();
        Assert.Equal(
            [
                "2022 15 3 Suppressed",
                "2021 12 Suppressed Suppressed",
                "2019 Suppressed Suppressed Suppressed",
                "2020 Suppressed Suppressed Suppressed",
            ],
            table.Rows.Select(r => string.Join(" ", r.Select(Show))));
        Assert.Equal(9, table.Metadata.SuppressedCells);
        Assert.Equal(0.0, table.Metadata.SyntheticShare);
    }

    [Fact]
    public async Task Internal_policy_shows_everything_and_paging_keeps_the_total()
    {
        var engine = new QueryEngine(new CannedStore(YearRows((2019, 2, null), (2020, 10, 2), (2021, 12, 10))));

        var table = await engine.ExecuteAsync(SemanticQuery.Of("participants", "yoy_pct(participants)", "running_total(participants)")
            .By("year").WithPolicy(DisclosurePolicy.Internal).Page(2, 1));

        Assert.Equal(3, table.Metadata.TotalRows);
        Assert.Equal(0, table.Metadata.SuppressedCells);
        Assert.Equal("internal", table.Metadata.Policy);
        Assert.Equal([2020L, 2021L], table.Column("year").Select(c => c.Value));
        Assert.Equal([4.0, 0.2], table.Column("yoy_pct(participants)").Select(c => Math.Round(c.AsDouble()!.Value, 9)));
        Assert.Equal([12L, 24L], table.Column("running_total(participants)").Select(c => c.Value));
    }
}
