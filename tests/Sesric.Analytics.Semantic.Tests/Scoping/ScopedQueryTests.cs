using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Execution;

namespace Sesric.Analytics.Semantic.Tests.Scoping;

/// <summary>Scoped queries on the built-in dataset in DuckDB: answers over the scope only, equal to the figures asked for directly.</summary>
public sealed class ScopedQueryTests(BuiltInStoreFixture fixture) : IClassFixture<BuiltInStoreFixture>
{
    private readonly QueryEngine _engine = fixture.Engine;

    private static long Single(ResultTable table) => (long)Assert.Single(table.Rows)[0].Value!;

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    public async Task An_unfiltered_query_under_a_one_programme_scope_equals_that_programme_asked_for_directly(string policy)
    {
        var runner = new ScopedQueryRunner(_engine, DataScope.FromSlugs(["diplomacy-cab"]));
        var direct = SemanticQuery.FromText(["participants"], null, "programme = \"diplomacy-cab\"", policy: DisclosurePolicy.Parse(policy));

        var scoped = Single(await runner.ExecuteAsync(SemanticQuery.Of("participants").WithPolicy(DisclosurePolicy.Parse(policy))));

        Assert.Equal(Single(await _engine.ExecuteAsync(direct)), scoped);
        Assert.True(scoped < Single(await _engine.ExecuteAsync(SemanticQuery.Of("participants").WithPolicy(DisclosurePolicy.Parse(policy)))));
    }

    [Fact]
    public async Task A_several_programme_scope_is_allowed_under_the_public_policy_and_sums_its_programmes_exactly_internally()
    {
        var scope = DataScope.FromSlugs(["diplomacy-cab", "oic-statcom"]);
        var runner = new ScopedQueryRunner(_engine, scope);
        var byProgramme = await _engine.ExecuteAsync(SemanticQuery.FromText(["participants"], ["programme"], policy: DisclosurePolicy.Internal));
        var expected = byProgramme.Rows.Where(r => r[0].Value is "diplomacy-cab" or "oic-statcom").Sum(r => (long)r[1].Value!);

        var internalTotal = Single(await runner.ExecuteAsync(SemanticQuery.Of("participants").WithPolicy(DisclosurePolicy.Internal)));
        // Public, filtered below the edition (gender): the caller's filter is held to the public grammar, the scope's OR is not.
        var publicWomen = await runner.ExecuteAsync(SemanticQuery.FromText(["participants"], ["programme"], "gender = \"female\""));

        Assert.Equal(expected, internalTotal);
        Assert.Equal(["diplomacy-cab", "oic-statcom"], publicWomen.Rows.Select(r => (string)r[0].Value!));
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    public async Task A_user_measure_under_a_scope_equals_the_same_measure_asked_for_the_programme_directly(string policy)
    {
        // The scope's programme, the caller's filter and the user measure's restriction each bind parameters of their own.
        var model = SemanticModelFile.Load(Tests.Model.Extension.ModelFiles.Sample);
        var engine = new QueryEngine(fixture.Store, model);
        var runner = new ScopedQueryRunner(engine, DataScope.FromSlugs(["diplomacy-cab"]));
        var measures = new[] { "completion_rate", "participants" };
        var direct = await engine.ExecuteAsync(SemanticQuery.FromText(measures, ["year"], "programme = \"diplomacy-cab\" AND year >= 2017", policy: DisclosurePolicy.Parse(policy)));

        var scoped = await runner.ExecuteAsync(SemanticQuery.FromText(measures, ["year"], "year >= 2017", policy: DisclosurePolicy.Parse(policy)));

        Assert.NotEmpty(scoped.Rows);
        Assert.Equal(direct.Rows.Select(r => r.Select(c => c.Value)), scoped.Rows.Select(r => r.Select(c => c.Value)));
        Assert.Contains(scoped.Rows, r => r[1].Value is double rate && rate is > 0 and <= 1);
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    public void A_one_programme_scope_compiles_to_the_statement_the_callers_own_filter_gives(string policy)
    {
        // Why a one-programme scope costs what the caller's own filter costs: the database runs the same statement.
        var query = SemanticQuery.Of("participants", "member_states").By("year").WithPolicy(DisclosurePolicy.Parse(policy));
        var scope = DataScope.FromSlugs(["diplomacy-cab"]);

        var scoped = _engine.Compile(scope.Apply(query, _engine.Model));
        var filtered = _engine.Compile(query.Where(FilterExpression.Equal("programme", "diplomacy-cab")));

        Assert.Equal(filtered.Sql, scoped.Sql);
        Assert.Equal(filtered.Parameters, scoped.Parameters);
    }

    [Fact]
    public async Task The_callers_own_filter_is_still_held_to_the_public_grammar_under_a_scope()
    {
        var runner = new ScopedQueryRunner(_engine, DataScope.FromSlugs(["diplomacy-cab", "oic-statcom"]));

        var refused = await Assert.ThrowsAsync<QueryException>(() => runner.ExecuteAsync(SemanticQuery.FromText(["participants"], null, "gender = \"female\" OR year = 2020")));

        Assert.Equal(QueryErrorKind.InvalidQuery, refused.Kind);
    }

    [Fact]
    public async Task Grouping_by_programme_or_edition_returns_only_the_scopes_rows()
    {
        var runner = new ScopedQueryRunner(_engine, DataScope.FromSlugs(["oic-statcom"]));

        var programmes = await runner.ExecuteAsync(SemanticQuery.FromText(["participants"], ["programme"], policy: DisclosurePolicy.Internal));
        var editions = await runner.ExecuteAsync(SemanticQuery.FromText(["editions"], ["edition"], policy: DisclosurePolicy.Internal));

        Assert.Equal(["oic-statcom"], programmes.Rows.Select(r => (string)r[0].Value!));
        Assert.NotEmpty(editions.Rows);
        Assert.All(editions.Rows, r => Assert.StartsWith("oic-statcom/", (string)r[0].Value!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_naming_another_programme_is_refused_before_the_store_is_touched()
    {
        var runner = new ScopedQueryRunner(_engine, DataScope.FromSlugs(["oic-statcom"]));

        var refused = await Assert.ThrowsAsync<OutOfScopeException>(() => runner.ExecuteAsync(SemanticQuery.FromText(["participants"], null, "programme = \"diplomacy-cab\"")));

        Assert.Equal("diplomacy-cab", refused.Programme?.Value);
    }

    [Fact]
    public async Task A_scope_of_every_programme_but_one_answers_without_that_programmes_rows_and_refuses_it()
    {
        var byProgramme = SemanticQuery.FromText(["participations"], ["programme"], policy: DisclosurePolicy.Internal);
        var all = (await _engine.ExecuteAsync(byProgramme)).Rows.Select(r => (string)r[0].Value!).ToArray();
        Assert.True(all.Length > 2, "the built-in dataset should have several programmes");
        var excluded = all[^1];
        var runner = new ScopedQueryRunner(_engine, DataScope.FromSlugs(all[..^1]));

        var scoped = await runner.ExecuteAsync(byProgramme);
        var total = Single(await runner.ExecuteAsync(SemanticQuery.Of("participations").WithPolicy(DisclosurePolicy.Internal)));

        Assert.Equal(all[..^1], scoped.Rows.Select(r => (string)r[0].Value!));
        var everyone = Single(await _engine.ExecuteAsync(SemanticQuery.Of("participations").WithPolicy(DisclosurePolicy.Internal)));
        var ofExcluded = Single(await _engine.ExecuteAsync(SemanticQuery.FromText(["participations"], null, $"programme = \"{excluded}\"", policy: DisclosurePolicy.Internal)));
        Assert.True(ofExcluded > 0);
        Assert.Equal(everyone - ofExcluded, total);
        var refused = await Assert.ThrowsAsync<OutOfScopeException>(() => runner.ExecuteAsync(SemanticQuery.FromText(["participations"], null, $"programme = \"{excluded}\"", policy: DisclosurePolicy.Internal)));
        Assert.Equal(excluded, refused.Programme?.Value);
    }
}
