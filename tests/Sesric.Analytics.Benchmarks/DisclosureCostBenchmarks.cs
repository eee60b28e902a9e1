using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// What the public policy (cell keys summed in SQL, the perturbation table applied per cell) costs against the
/// internal policy (exact values) on the same 1M-row store and the same queries. Target: public at most 1.2x
/// internal's median.
/// </summary>
[Config(typeof(CostConfig))]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DisclosureCostBenchmarks
{
    /// <summary>In process (see <see cref="ShortInProcessConfig"/>), with enough iterations for a ratio of medians.</summary>
    private sealed class CostConfig : ManualConfig
    {
        public CostConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15));
    }

    private static readonly SemanticQuery EditionByState = SemanticQuery.Of("participants", "member_states").By("edition", "member_state");

    private static readonly SemanticQuery YearByGroup = SemanticQuery.Of("participants", "female_share").By("year", "oic_group")
        .Where("year >= 2000 AND modality = \"in_person\"");

    private static readonly SemanticQuery StateByGender = SemanticQuery.Of("participants", "returning_share").By("member_state", "gender");

    private DuckDbAnalyticsStore _store = null!;
    private QueryEngine _engine = null!;

    [Params(1_000_000)]
    public long Rows { get; set; }

    /// <summary>
    /// The generated store is all synthetic, so its results need no synthetic share keys (see <c>SyntheticShareKeys</c>),
    /// like a registry of only real records; the mixed store (half the records synthetic, drawn record by record) needs
    /// them in nearly every result.
    /// </summary>
    [Params(false, true)]
    public bool Mixed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Mixed ? SemanticQueryBenchmarks.PrepareMixedStore(Rows) : SemanticQueryBenchmarks.PrepareStore(Rows);
        _store = DuckDbAnalyticsStore.OpenAsync(path).GetAwaiter().GetResult();
        _engine = OneLevelOrDefault(_store);
    }

    /// <summary>
    /// The engine, writing the one-level statement (distinct aggregates with FILTER clauses, as before the two-level one)
    /// when SESRIC_ONE_LEVEL is set: to compare the two shapes in the same conditions.
    /// </summary>
    internal static QueryEngine OneLevelOrDefault(Storage.IAnalyticsStore store) =>
        new(store, null, twoLevel: string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SESRIC_ONE_LEVEL")));

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("edition x member_state")]
    public int Internal_EditionByMemberState() => Run(EditionByState.WithPolicy(DisclosurePolicy.Internal));

    [Benchmark]
    [BenchmarkCategory("edition x member_state")]
    public int Public_EditionByMemberState() => Run(EditionByState);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("year x oic_group, filtered")]
    public int Internal_YearByGroup() => Run(YearByGroup.WithPolicy(DisclosurePolicy.Internal));

    [Benchmark]
    [BenchmarkCategory("year x oic_group, filtered")]
    public int Public_YearByGroup() => Run(YearByGroup);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("member_state x gender")]
    public int Internal_StateByGender() => Run(StateByGender.WithPolicy(DisclosurePolicy.Internal));

    [Benchmark]
    [BenchmarkCategory("member_state x gender")]
    public int Public_StateByGender() => Run(StateByGender);

    private int Run(SemanticQuery query) => _engine.ExecuteAsync(query).GetAwaiter().GetResult().Rows.Count;
}
