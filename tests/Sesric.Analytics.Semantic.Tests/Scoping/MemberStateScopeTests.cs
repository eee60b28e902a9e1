using System.Text.Json.Nodes;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Execution;
using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Scoping;

/// <summary>
/// Scopes of member states: the value (sorting, printing, intersection), what <see cref="DataScope.Apply"/> refuses (a
/// state outside the scope, published edition totals, a model without the field), and the answers on the built-in
/// dataset in DuckDB (the figures of the scope's states, asked for directly; the membership denominators cut too; the
/// condition always in the statement, never the edition-count probe).
/// </summary>
public sealed class MemberStateScopeTests(BuiltInStoreFixture fixture) : IClassFixture<BuiltInStoreFixture>
{
    private static readonly SemanticModel Model = SemanticModel.Default;

    private static string[] Cells(ResultTable table) =>
        [.. table.Rows.Select(r => string.Join("|", r.Select(c => $"{c.Value}:{c.Status}")))];

    /// <summary>The two states with the most participants in the built-in data, most first.</summary>
    private async Task<string[]> TopStatesAsync()
    {
        var byState = await fixture.Engine.ExecuteAsync(SemanticQuery.FromText(["participants"], ["member_state"], policy: DisclosurePolicy.Internal));
        return [.. byState.Rows.Where(r => r[0].Value is string).OrderByDescending(r => (long)r[1].Value!).Take(2).Select(r => (string)r[0].Value!)];
    }

    [Fact]
    public void A_state_scope_sorts_normalises_and_deduplicates_its_codes_and_compares_by_value()
    {
        var scope = DataScope.FromSlugs(null, ["tur", "EGY", " TUR "]);
        var both = DataScope.FromSlugs(["diplomacy-cab"], ["TUR"]);

        Assert.Equal(["EGY", "TUR"], scope.MemberStates!.Select(s => s.Value));
        Assert.Null(scope.Programmes);
        Assert.False(scope.IsUnrestricted);
        Assert.Equal(DataScope.OfMemberStates([CountryCode.Parse("TUR"), CountryCode.Parse("EGY")]), scope);
        Assert.Equal(DataScope.FromSlugs(null, ["EGY", "TUR"]).GetHashCode(), scope.GetHashCode());
        Assert.NotEqual(DataScope.FromSlugs(["diplomacy-cab"]), both);
        Assert.Equal("member states EGY, TUR", scope.ToString());
        Assert.Equal("diplomacy-cab; member states TUR", both.ToString());
        Assert.Equal("member_state = \"EGY\" OR member_state = \"TUR\"", scope.Filter!.ToString());
        Assert.Equal("programme = \"diplomacy-cab\" AND member_state = \"TUR\"", both.Filter!.ToString());
        Assert.True(scope.AllowsMemberState(CountryCode.Parse("EGY")));
        Assert.False(scope.AllowsMemberState(CountryCode.Parse("SAU")));
        Assert.True(DataScope.FromSlugs(["diplomacy-cab"]).AllowsMemberState(CountryCode.Parse("SAU")));
        Assert.Contains("'TURKEY'", Assert.Throws<FormatException>(() => DataScope.FromSlugs(null, ["TURKEY"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DataScope.OfMemberStates([]));
    }

    [Fact]
    public void Scopes_intersect_per_part_and_a_query_never_gets_wider_than_either()
    {
        var cab = DataScope.FromSlugs(["diplomacy-cab"]);
        var states = DataScope.FromSlugs(null, ["EGY", "TUR"]);
        var turkey = DataScope.FromSlugs(null, ["TUR"]);

        Assert.Equal(DataScope.FromSlugs(["diplomacy-cab"], ["EGY", "TUR"]), cab.Intersect(states));
        Assert.Equal(turkey, states.Intersect(turkey));
        Assert.Equal(turkey, turkey.Apply(states.Apply(SemanticQuery.Of("participants"), Model), Model).Scope);
        var refused = Assert.Throws<OutOfScopeException>(() => DataScope.FromSlugs(null, ["SAU"]).Intersect(turkey));
        Assert.Equal("TUR", refused.MemberState?.Value);
    }

    [Theory]
    [InlineData("member_state = \"SAU\"")]
    [InlineData("member_state = \"sau\"")]
    [InlineData("member_state = \"TUR\" OR member_state = \"SAU\"")]
    [InlineData("member_state != \"SAU\"")]
    [InlineData("NOT member_state = \"SAU\" AND year = 2020")]
    public void A_filter_naming_a_state_outside_the_scope_is_refused_naming_it_never_answered_empty(string filter)
    {
        var scope = DataScope.FromSlugs(null, ["EGY", "TUR"]);

        var refused = Assert.Throws<OutOfScopeException>(() => scope.Apply(SemanticQuery.FromText(["participants"], null, filter), Model));

        Assert.Equal("SAU", refused.MemberState?.Value);
        Assert.Null(refused.Programme);
        Assert.Equal("member state 'SAU' is outside this key's scope (member states EGY, TUR); ask for those member states only.", refused.Message);
    }

    [Fact]
    public void A_filter_on_the_host_country_names_no_participants_state_and_is_not_refused()
    {
        var scope = DataScope.FromSlugs(null, ["TUR"]);

        var scoped = scope.Apply(SemanticQuery.FromText(["participants"], null, "host_country = \"SAU\" AND member_state = \"TUR\""), Model);

        Assert.Equal(scope, scoped.Scope);
    }

    [Theory]
    [InlineData("published_participants")]
    [InlineData("published_member_states")]
    [InlineData("yoy_change(published_participants)")]
    public void Published_edition_totals_are_refused_to_a_state_scope_naming_the_scope(string measure)
    {
        var query = SemanticQuery.FromText([measure], ["year"]);

        var refused = Assert.Throws<OutOfScopeException>(() => DataScope.FromSlugs(["diplomacy-cab"], ["TUR"]).Apply(query, Model));

        Assert.Contains("(a published edition total) covers every member state", refused.Message, StringComparison.Ordinal);
        Assert.Contains("this key's scope (diplomacy-cab; member states TUR)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(query, DataScope.FromSlugs(["diplomacy-cab"]).Apply(query, Model) with { Scope = DataScope.All }); // a programme scope still answers them
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    public async Task A_one_state_scope_answers_what_the_state_asked_for_directly_gives_membership_denominators_included(string policy)
    {
        var state = (await TopStatesAsync())[0];
        var runner = new ScopedQueryRunner(fixture.Engine, DataScope.FromSlugs(null, [state]));
        var measures = new[] { "participants", "member_states", "coverage", "female_share", "new_member_states" };
        var direct = await fixture.Engine.ExecuteAsync(SemanticQuery.FromText(measures, ["year"], $"member_state = \"{state}\"", policy: DisclosurePolicy.Parse(policy)));
        var everything = await fixture.Engine.ExecuteAsync(SemanticQuery.FromText(measures, ["year"], policy: DisclosurePolicy.Parse(policy)));

        var scoped = await runner.ExecuteAsync(SemanticQuery.FromText(measures, ["year"], policy: DisclosurePolicy.Parse(policy)));

        Assert.NotEmpty(scoped.Rows);
        Assert.Equal(Cells(direct), Cells(scoped));
        Assert.NotEqual(Cells(everything), Cells(scoped));
        // One state: at most one state represented in any year, and the coverage's denominator is that state alone.
        Assert.All(scoped.Rows, r => Assert.True(r[2].Value is null or 0L or 1L, $"member_states {r[2].Value}"));
        Assert.All(scoped.Rows, r => Assert.True(r[3].Value is null or 0.0 or 1.0, $"coverage {r[3].Value}"));
    }

    [Fact]
    public async Task A_two_state_scope_sums_its_states_exactly_under_the_internal_policy_and_grouping_shows_only_them()
    {
        var states = await TopStatesAsync();
        var runner = new ScopedQueryRunner(fixture.Engine, DataScope.FromSlugs(null, states));
        var byState = await fixture.Engine.ExecuteAsync(SemanticQuery.FromText(["participations"], ["member_state"], policy: DisclosurePolicy.Internal));

        var total = await runner.ExecuteAsync(SemanticQuery.Of("participations").WithPolicy(DisclosurePolicy.Internal));
        var grouped = await runner.ExecuteAsync(SemanticQuery.FromText(["participants"], ["member_state"]));

        Assert.Equal(byState.Rows.Where(r => states.Contains(r[0].Value)).Sum(r => (long)r[1].Value!), (long)Assert.Single(total.Rows)[0].Value!);
        Assert.Equal(states.Order(StringComparer.Ordinal), grouped.Rows.Select(r => (string)r[0].Value!));
    }

    [Fact]
    public async Task A_state_scope_keeps_its_condition_even_when_it_excludes_nothing_never_the_edition_count_probe()
    {
        var engine = new QueryEngine(fixture.Store);
        var catalogue = await fixture.Store.LoadCatalogueAsync();
        var everyState = DataScope.FromSlugs(catalogue.Programmes.Select(p => p.Id.Value), catalogue.Countries.Select(c => c.Code.Value));
        var runner = new ScopedQueryRunner(engine, everyState);
        var query = SemanticQuery.FromText(["participants", "coverage"], ["year"], policy: DisclosurePolicy.Internal);
        using var recorder = new StatementRecorder();

        ResultTable scoped = null!;
        var statements = await recorder.Record(async () => scoped = await runner.ExecuteAsync(query));
        var again = await recorder.Record(() => runner.ExecuteAsync(query));

        Assert.Equal(Cells(await engine.ExecuteAsync(query)), Cells(scoped));
        foreach (var statement in statements.Concat(again))
        {
            Assert.DoesNotContain("sesric_outside_scope", statement, StringComparison.Ordinal);
            Assert.Contains("f.iso3 IN", statement, StringComparison.Ordinal);
            Assert.Contains("c.iso3 IN", statement, StringComparison.Ordinal); // the membership denominators too
        }
        Assert.Single(statements);
    }

    private static JsonObject Builtin() => JsonNode.Parse(SemanticModel.BuiltinModelJson())!.AsObject();

    private static SemanticModel Without(string dimension)
    {
        var file = Builtin();
        var dimensions = file["dimensions"]!.AsArray();
        dimensions.Remove(dimensions.Single(d => (string)d!["name"]! == dimension));
        return SemanticModel.FromFile(ModelExtension.Parse(file.ToJsonString()));
    }

    [Theory]
    [InlineData("programme", "diplomacy-cab", null, "no 'programme' dimension naming programmes")]
    [InlineData("member_state", null, "TUR", "no 'member_state' dimension identifying the participant's state")]
    public async Task A_complete_model_without_the_scopes_field_refuses_every_scoped_query_with_a_clear_message(string dropped, string? programme, string? state, string expected)
    {
        var model = Without(dropped);
        var runner = new ScopedQueryRunner(new QueryEngine(fixture.Store, model), DataScope.FromSlugs(programme is null ? null : [programme], state is null ? null : [state]));

        var refused = await Assert.ThrowsAsync<OutOfScopeException>(() => runner.ExecuteAsync(SemanticQuery.FromText(["participants"], ["year"])));
        var unscoped = await new QueryEngine(fixture.Store, model).ExecuteAsync(SemanticQuery.FromText(["participants"], ["year"]));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be held to", refused.Message, StringComparison.Ordinal);
        Assert.NotEmpty(unscoped.Rows); // the model itself serves unscoped keys
    }

    [Fact]
    public async Task A_complete_model_whose_programme_field_names_something_else_is_refused_not_held_to_the_wrong_column()
    {
        var file = Builtin();
        var dimensions = file["dimensions"]!.AsArray();
        var programme = dimensions.Single(d => (string)d!["name"]! == "programme")!;
        programme["column"] = "gender";
        programme.AsObject().Remove("names");
        programme["values"] = "\"female\", \"male\" or \"unknown\"";
        var model = SemanticModel.FromFile(ModelExtension.Parse(file.ToJsonString()));
        var runner = new ScopedQueryRunner(new QueryEngine(fixture.Store, model), DataScope.FromSlugs(["diplomacy-cab"]));

        var refused = await Assert.ThrowsAsync<OutOfScopeException>(() => runner.ExecuteAsync(SemanticQuery.Of("participants")));

        Assert.Contains("no 'programme' dimension naming programmes", refused.Message, StringComparison.Ordinal);
    }
}
