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

        Assert.Contains("WHERE f.is_counted AND (f.year = $1 AND (f.programme_id = $2 OR f.programme_id = $3))", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("WHERE e.year = $1 AND (e.programme_id = $2 OR e.programme_id = $3)", statement.Sql, StringComparison.Ordinal);
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
}
