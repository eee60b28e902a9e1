using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Scoping;

/// <summary>The SQL a scope adds: its parameterised condition ANDed with the caller's filter, in every statement.</summary>
public sealed class ScopeSqlTests
{
    private static readonly QueryEngine Engine = new(new CannedStore());

    [Fact]
    public void A_scope_of_several_programmes_is_anded_with_the_callers_filter_in_every_statement()
    {
        var scope = DataScope.FromSlugs(["oic-statcom", "diplomacy-cab"]);
        var query = scope.Apply(SemanticQuery.Of("participants", "published_participants").By("year").Where("year = 2020"), SemanticModel.Default);

        var statement = Engine.Compile(query);

        // The scope's ORed equalities on one field become one IN list (one set lookup per row instead of a chain of tests).
        Assert.Contains("WHERE f.is_counted AND (f.year = $1 AND f.programme_id IN ($2, $3))", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("WHERE e.year = $1 AND e.programme_id IN ($2, $3)", statement.Sql, StringComparison.Ordinal);
        Assert.Equal([2020L, "diplomacy-cab", "oic-statcom"], statement.Parameters);
        Assert.DoesNotContain("diplomacy-cab", statement.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrestricted_scope_adds_nothing()
    {
        var query = SemanticQuery.Of("participants").By("year");

        Assert.Equal(Engine.Compile(query).Sql, Engine.Compile(DataScope.All.Apply(query, SemanticModel.Default)).Sql);
        Assert.DoesNotContain("programme_id =", Engine.Compile(query).Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("year = 2019 OR year = 2020 OR year = 2022", "f.year IN ($1, $2, $3)")]
    [InlineData("host_country = \"TUR\" OR host_country = \"EGY\"", "COALESCE(f.host_country IN ($1, $2), FALSE)")]
    [InlineData("year = 2019 OR (year = 2020 OR year = 2022)", "f.year IN ($1, $2, $3)")]
    [InlineData("year = 2019 OR modality = \"online\"", "f.year = $1 OR f.modality = $2")]
    [InlineData("year = 2019 OR year > 2022", "f.year = $1 OR f.year > $2")]
    [InlineData("NOT (year = 2019 OR year = 2020)", "NOT (f.year IN ($1, $2))")]
    public void Ored_equalities_on_one_field_compile_to_an_in_list_and_anything_else_stays_as_written(string filter, string expected)
    {
        var statement = Engine.Compile(SemanticQuery.FromText(["participations"], ["member_state"], filter, policy: DisclosurePolicy.Internal));

        Assert.Contains("WHERE f.is_counted AND (" + expected + ")", statement.Sql, StringComparison.Ordinal);
    }
}
