using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Execution;

namespace Sesric.Analytics.Semantic.Tests.Model.Extension;

/// <summary>The sample file's measures queried on the built-in data: computed as defined, parameterised, and protected like built-in ones.</summary>
public sealed class UserMeasureQueryTests(BuiltInStoreFixture fixture) : IClassFixture<BuiltInStoreFixture>
{
    private static readonly SemanticModel Model = SemanticModelFile.Load(ModelFiles.Sample);

    private readonly QueryEngine _engine = new(fixture.Store, Model);

    [Fact]
    public async Task Completion_rate_by_year_is_completers_over_participants_under_the_internal_policy()
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("completion_rate", "completers", "participants").By("year").WithPolicy(DisclosurePolicy.Internal));
        var completed = await _engine.ExecuteAsync(SemanticQuery.Of("participants").By("year").Where("attendance = \"completed\"").WithPolicy(DisclosurePolicy.Internal));
        var completedByYear = completed.Rows.ToDictionary(r => r[0].Value!, r => (long)r[1].Value!);

        Assert.NotEmpty(table.Rows);
        Assert.Contains(table.Rows, r => r[2].Value is long completers && completers > 0);
        foreach (var row in table.Rows)
        {
            var completers = completedByYear.GetValueOrDefault(row[0].Value!);
            Assert.Equal(completers, row[2].Value);
            Assert.Equal((double)completers / (long)row[3].Value!, (double)row[1].Value!, 12);
        }
    }

    [Fact]
    public async Task A_restriction_value_travels_as_a_parameter_never_in_the_sql_text()
    {
        var statement = _engine.Compile(SemanticQuery.Of("completion_rate").By("year"));

        Assert.DoesNotContain("completed", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("f.attendance = $1", statement.Sql, StringComparison.Ordinal);
        Assert.Equal(["completed"], statement.Parameters);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_restriction_and_a_filter_on_the_same_value_share_one_parameter()
    {
        var statement = _engine.Compile(SemanticQuery.Of("completers").By("year").Where("attendance = \"completed\" AND gender = \"female\""));

        Assert.Equal(["completed", "female"], statement.Parameters);
        Assert.Contains("f.attendance = $1", statement.Sql, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("year")]
    [InlineData("member_state")]
    [InlineData("edition")]
    [InlineData("gender")]
    public async Task Under_the_public_policy_completion_rate_is_a_share_of_perturbed_counts_within_0_and_100_percent(string dimension)
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("completion_rate", "completers", "women_completion_share").By(dimension).WithPolicy(DisclosurePolicy.PublicDefault));
        var exact = await _engine.ExecuteAsync(SemanticQuery.Of("completers").By(dimension).WithPolicy(DisclosurePolicy.Internal));

        Assert.All(table.Rows, r =>
        {
            Assert.True(r[1].Value is null || r[1].AsDouble() is >= 0 and <= 1, $"{r[0].Value}: {r[1].Value}");
            Assert.True(r[3].Value is null || r[3].AsDouble() is >= 0 and <= 1, $"{r[0].Value}: {r[3].Value}");
        });
        // The restricted count is perturbed even where the cell is whole editions (a subset of a published total is not published).
        Assert.True(table.Metadata.PerturbedCells > 0);
        var published = table.Rows.Select(r => r[2].Value).ToArray();
        var raw = exact.Rows.Select(r => r[1].Value).ToArray();
        Assert.NotEqual(raw, published);
    }

    [Fact]
    public async Task A_user_count_over_member_states_is_withheld_by_gender_as_the_built_in_one_is()
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("participations_per_member_state", "member_states").By("gender").WithPolicy(DisclosurePolicy.PublicDefault));

        Assert.All(table.Rows, r => Assert.Equal(CellStatus.Suppressed, r[1].Status));
        Assert.All(table.Rows, r => Assert.Equal(CellStatus.Suppressed, r[2].Status));
    }

    [Fact]
    public async Task Time_intelligence_applies_to_a_user_measure()
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("completers", "yoy_change(completers)", "running_total(completers)").By("year").WithPolicy(DisclosurePolicy.Internal));

        var rows = table.Rows.Where(r => r[1].Value is long).ToArray();
        for (var i = 1; i < rows.Length; i++)
        {
            if ((long)rows[i][0].Value! == (long)rows[i - 1][0].Value! + 1)
            {
                Assert.Equal((long)rows[i][1].Value! - (long)rows[i - 1][1].Value!, rows[i][2].Value);
            }
        }
        Assert.Equal(rows.Sum(r => (long)r[1].Value!), rows[^1][3].Value);
    }

    [Fact]
    public async Task Sum_and_difference_compute_as_written()
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("attended_only", "participants", "completers", "african_and_arab_participants").WithPolicy(DisclosurePolicy.Internal));
        var groups = await _engine.ExecuteAsync(SemanticQuery.Of("participants").By("oic_group").WithPolicy(DisclosurePolicy.Internal));
        var row = Assert.Single(table.Rows);

        Assert.Equal((long)row[1].Value! - (long)row[2].Value!, row[0].Value);
        var expected = groups.Rows.Where(r => r[0].Value is "African Group" or "Arab Group").Sum(r => (long)r[1].Value!);
        Assert.Equal(expected, row[3].Value);
    }
}
