using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Scoping;

/// <summary>The SQL a scope adds: one parameterised IN list ANDed with the caller's filter, in every statement.</summary>
public sealed class ScopeSqlTests
{
    private static readonly QueryEngine Engine = new(new CannedStore());

    [Fact]
    public void A_scope_of_several_programmes_is_one_in_list_anded_with_the_callers_filter()
    {
        var scope = DataScope.FromSlugs(["oic-statcom", "diplomacy-cab"]);
        var query = scope.Apply(SemanticQuery.Of("participants", "published_participants").By("year").Where("year = 2020"), SemanticModel.Default);

        var statement = Engine.Compile(query);

        Assert.Contains("WHERE f.is_counted AND (f.year = $1 AND f.programme_id IN ($2, $3))", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("WHERE e.year = $1 AND e.programme_id IN ($2, $3)", statement.Sql, StringComparison.Ordinal);
        Assert.Equal([2020L, "diplomacy-cab", "oic-statcom"], statement.Parameters);
        Assert.DoesNotContain("diplomacy-cab", statement.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Equalities_on_one_field_become_an_in_list_and_anything_else_stays_an_or()
    {
        var list = Engine.Compile(SemanticQuery.Of("participants").Where("member_state = \"TUR\" OR member_state = \"EGY\" OR member_state = \"TUR\"").WithPolicy(DisclosurePolicy.Internal)).Sql;
        var mixed = Engine.Compile(SemanticQuery.Of("participants").Where("member_state = \"TUR\" OR gender = \"female\"").WithPolicy(DisclosurePolicy.Internal)).Sql;

        Assert.Contains("f.iso3 IN ($1, $2)", list, StringComparison.Ordinal);
        Assert.Contains("f.iso3 = $1 OR f.gender = $2", mixed, StringComparison.Ordinal);
    }
}
