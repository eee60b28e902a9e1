using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>
/// <c>prior_year(m)</c> under the public policy, on the built-in data in a real DuckDB store: it publishes the previous
/// year's figure exactly as that year's own row publishes it (the same noise, never the true count), and a figure the
/// policy withholds stays withheld, never 0.
/// </summary>
public sealed class PriorYearDisclosureTests(BuiltInStoreFixture fixture) : IClassFixture<BuiltInStoreFixture>
{
    private readonly QueryEngine _engine = fixture.Engine;

    [Theory]
    [InlineData("participants", "oic_group")]
    [InlineData("participations", "member_state")]
    [InlineData("female_share", "member_state")]
    [InlineData("returning_share", "oic_group")]
    public async Task Prior_year_of_year_y_equals_the_published_value_of_year_y_minus_1_in_the_same_cell(string measure, string other)
    {
        var prior = $"prior_year({measure})";
        var table = await _engine.ExecuteAsync(SemanticQuery.Of(measure, prior).By("year", other));
        var truth = await _engine.ExecuteAsync(SemanticQuery.Of(measure, prior).By("year", other).WithPolicy(DisclosurePolicy.Internal));

        var published = table.Rows.ToDictionary(r => ((long)r[0].Value!, r[1].Value), r => r[2]);
        var compared = 0;
        foreach (var row in table.Rows)
        {
            var cell = row[3];
            if (published.TryGetValue(((long)row[0].Value! - 1, row[1].Value), out var lastYear))
            {
                Assert.Equal(lastYear.Status, cell.Status);
                Assert.Equal(lastYear.Value, cell.Value);
                compared++;
            }
            else
            {
                Assert.Equal(CellStatus.Unknown, cell.Status);
            }
        }
        Assert.True(compared > 5, $"only {compared} cells have a previous year");
        // Below whole editions the counts are perturbed: the published previous year is not the true one everywhere.
        Assert.True(table.Metadata.PerturbedCells > 0);
        Assert.Contains(table.Rows.Zip(truth.Rows), p => p.First[3].Status == CellStatus.Ok && !Equals(p.First[3].Value, p.Second[3].Value));
    }

    [Fact]
    public async Task A_withheld_previous_year_stays_withheld_never_0()
    {
        // Split by gender, counts of states would show that a woman of some state came: withheld, in either year.
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("participants", "member_states", "prior_year(member_states)", "prior_year(participants)").By("year", "gender"));

        Assert.NotEmpty(table.Rows);
        Assert.All(table.Column("prior_year(member_states)"), c => Assert.Equal(CellStatus.Suppressed, c.Status));
        Assert.All(table.Column("prior_year(member_states)"), c => Assert.Null(c.Value));
        Assert.All(table.Column("member_states"), c => Assert.Equal(CellStatus.Suppressed, c.Status));
        Assert.Equal(2 * table.Rows.Count, table.Metadata.SuppressedCells);
        // The people count beside it is published (perturbed) for the year before.
        Assert.Contains(table.Column("prior_year(participants)"), c => c.Status == CellStatus.Ok);
    }
}
