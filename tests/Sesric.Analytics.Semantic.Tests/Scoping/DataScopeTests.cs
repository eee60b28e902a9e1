using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic.Tests.Scoping;

/// <summary>The scope value: what it allows, how it refuses a query naming another programme, and that no caller widens it.</summary>
public sealed class DataScopeTests
{
    private static readonly SemanticModel Model = SemanticModel.Default;
    private static readonly DataScope Cab = DataScope.Of([ProgrammeId.Parse("diplomacy-cab")]);
    private static readonly DataScope CabAndStatcom = DataScope.FromSlugs(["oic-statcom", "diplomacy-cab", "oic-statcom"]);

    [Fact]
    public void A_scope_sorts_and_deduplicates_its_programmes_and_compares_by_value()
    {
        Assert.Equal(["diplomacy-cab", "oic-statcom"], CabAndStatcom.Programmes!.Select(p => p.Value));
        Assert.Equal(DataScope.FromSlugs(["diplomacy-cab", "oic-statcom"]), CabAndStatcom);
        Assert.Equal(DataScope.FromSlugs(["diplomacy-cab", "oic-statcom"]).GetHashCode(), CabAndStatcom.GetHashCode());
        Assert.NotEqual(Cab, CabAndStatcom);
        Assert.Same(DataScope.All, DataScope.FromSlugs(null));
        Assert.Same(DataScope.All, DataScope.FromSlugs([]));
        Assert.Equal("diplomacy-cab, oic-statcom", CabAndStatcom.ToString());
        Assert.Equal("programme = \"diplomacy-cab\" OR programme = \"oic-statcom\"", CabAndStatcom.Filter!.ToString());
        Assert.Null(DataScope.All.Filter);
    }

    [Fact]
    public void A_bad_slug_or_an_empty_scope_is_refused_by_name()
    {
        var bad = Assert.Throws<FormatException>(() => DataScope.FromSlugs(["Diplomacy CaB"]));
        Assert.Contains("'Diplomacy CaB'", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DataScope.Of([]));
    }

    [Fact]
    public void Allows_and_require_follow_the_programmes()
    {
        Assert.True(CabAndStatcom.Allows(ProgrammeId.Parse("oic-statcom")));
        Assert.False(CabAndStatcom.Allows(ProgrammeId.Parse("oic-statcom-follow-up")));
        Assert.True(DataScope.All.Allows(ProgrammeId.Parse("anything-else")));
        var refused = Assert.Throws<OutOfScopeException>(() => Cab.Require(ProgrammeId.Parse("oic-statcom")));
        Assert.Equal("oic-statcom", refused.Programme?.Value);
        Assert.Contains("'oic-statcom' is outside this key's scope (diplomacy-cab)", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("programme = \"oic-statcom\"")]
    [InlineData("programme = \"diplomacy-cab\" OR programme = \"oic-statcom\"")]
    [InlineData("NOT programme = \"oic-statcom\"")]
    [InlineData("programme != \"oic-statcom\"")]
    [InlineData("year = 2020 AND edition = \"oic-statcom/3\"")]
    public void A_filter_naming_a_programme_outside_the_scope_is_refused_naming_it(string filter)
    {
        var query = SemanticQuery.FromText(["participants"], null, filter);

        var refused = Assert.Throws<OutOfScopeException>(() => Cab.Apply(query, Model));

        Assert.Equal("oic-statcom", refused.Programme?.Value);
    }

    [Fact]
    public void A_query_within_the_scope_carries_the_scope_and_keeps_its_own_filter()
    {
        var query = SemanticQuery.FromText(["participants"], ["year"], "programme = \"diplomacy-cab\" AND gender = \"female\"");

        var scoped = CabAndStatcom.Apply(query, Model);

        Assert.Equal(query.Filter, scoped.Filter);
        Assert.Equal(CabAndStatcom, scoped.Scope);
        Assert.NotEqual(query, scoped); // the result cache must not serve one to the other
        Assert.Same(query, DataScope.All.Apply(query, Model));
    }

    [Fact]
    public void A_query_that_already_carries_a_scope_keeps_the_intersection_never_the_wider_scope()
    {
        var narrowed = Cab.Apply(SemanticQuery.Of("participants"), Model);

        Assert.Equal(Cab, CabAndStatcom.Apply(narrowed, Model).Scope);
        Assert.Equal(Cab, DataScope.All.Apply(narrowed, Model).Scope);
        var statcom = DataScope.FromSlugs(["oic-statcom"]);
        Assert.Throws<OutOfScopeException>(() => statcom.Apply(narrowed, Model));
    }
}
