namespace Sesric.Analytics.Semantic.Tests.Querying;

/// <summary>
/// The engine's resolved plans (<see cref="PlanCache"/>): an equal question, however spelled, reuses its plan; the probe and
/// share-key choices are part of the key; a refused query is refused again with its own position; the cache stays within
/// its bound. (That a cached plan still sees a write is <see cref="Execution.InMemoryEvaluationTests"/>'
/// A_write_is_seen_by_the_next_query_in_memory: one engine, one query, before and after a write.)
/// </summary>
public class PlanCacheTests
{
    [Fact]
    public void An_equal_query_however_spelled_reuses_the_plan_and_each_choice_has_its_own()
    {
        var cache = new PlanCache(SemanticModel.Default);
        var first = SemanticQuery.FromText(["participants", "female_share"], ["year"], "year >= 2015 AND gender = \"female\"");
        var respelled = SemanticQuery.FromText(["participants", "female_share"], ["year"], "year>=2015  AND  gender=\"female\"");

        var plan = cache.Resolve(first, probeScope: false, shareKeys: false);

        Assert.Same(plan, cache.Resolve(respelled, probeScope: false, shareKeys: false));
        var withKeys = cache.Resolve(first, probeScope: false, shareKeys: true);
        Assert.NotSame(plan, withKeys);
        Assert.True(withKeys.HasShareKeys);
        Assert.False(plan.HasShareKeys);
        Assert.NotSame(plan, cache.Resolve(first.WithPolicy(DisclosurePolicy.Internal), probeScope: false, shareKeys: false));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void A_refused_query_is_refused_again_at_its_own_position()
    {
        var cache = new PlanCache(SemanticModel.Default);

        var first = Assert.Throws<QueryException>(() => cache.Resolve(SemanticQuery.FromText(["participants"], null, "colour = \"red\""), false, false));
        var second = Assert.Throws<QueryException>(() => cache.Resolve(SemanticQuery.FromText(["participants"], null, "   colour = \"red\""), false, false));

        Assert.Equal((0, 3), (first.Position, second.Position));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void When_full_it_starts_again_and_still_answers_each_query_with_its_own_plan()
    {
        var cache = new PlanCache(SemanticModel.Default, capacity: 2);
        string[] dimensions = ["year", "programme", "gender", "oic_group", "member_state"];

        foreach (var dimension in dimensions)
        {
            var plan = cache.Resolve(SemanticQuery.Of("participants").By(dimension), false, false);

            Assert.Equal(dimension, Assert.Single(plan.Dimensions).Name);
            Assert.InRange(cache.Count, 1, 2);
        }
    }
}
