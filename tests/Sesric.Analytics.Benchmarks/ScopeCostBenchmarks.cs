using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// What enforcing a key's scope (<see cref="ScopedQueryRunner"/>: the check of the query, the scope's condition ANDed in
/// SQL) costs on the 1M-row store, against the same query answering the same rows without it. Target: within 5 %.
/// </summary>
/// <remarks>
/// Two pairs, each returning identical tables (checked in the setup): a scope of all 25 programmes against no scope
/// (the worst case for the condition: 25 ORed equalities that exclude nothing), and a one-programme scope against the
/// same programme written as the caller's own filter (the cost of the scope's check alone).
/// </remarks>
[Config(typeof(CostConfig))]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ScopeCostBenchmarks
{
    /// <summary>In process (see <see cref="ShortInProcessConfig"/>), with enough iterations for a ratio of medians.</summary>
    private sealed class CostConfig : ManualConfig
    {
        public CostConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10));
    }

    private static readonly SemanticQuery ByYear = SemanticQuery.Of("participants", "member_states").By("year");

    private DuckDbAnalyticsStore _store = null!;
    private QueryEngine _engine = null!;
    private ScopedQueryRunner _everyProgramme = null!;
    private ScopedQueryRunner _oneProgramme = null!;
    private SemanticQuery _filteredToOne = null!;

    [Params(1_000_000)]
    public long Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = DuckDbAnalyticsStore.OpenAsync(SemanticQueryBenchmarks.PrepareStore(Rows)).GetAwaiter().GetResult();
        _engine = new QueryEngine(_store);
        var programmes = _store.LoadCatalogueAsync().GetAwaiter().GetResult().Programmes.Select(p => p.Id).ToArray();
        _everyProgramme = new ScopedQueryRunner(_engine, DataScope.Of(programmes));
        _oneProgramme = new ScopedQueryRunner(_engine, DataScope.Of([programmes[0]]));
        _filteredToOne = ByYear.Where(FilterExpression.Equal("programme", programmes[0].Value));
        Same(Table(_engine, ByYear), Table(_everyProgramme, ByYear), "every-programme scope");
        Same(Table(_engine, _filteredToOne), Table(_oneProgramme, ByYear), "one-programme scope");
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("every programme")]
    public int Unscoped() => Run(_engine, ByYear);

    [Benchmark]
    [BenchmarkCategory("every programme")]
    public int ScopedToEveryProgramme() => Run(_everyProgramme, ByYear);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("one programme")]
    public int FilteredToOneProgramme() => Run(_engine, _filteredToOne);

    [Benchmark]
    [BenchmarkCategory("one programme")]
    public int ScopedToOneProgramme() => Run(_oneProgramme, ByYear);

    private static int Run(IQueryRunner runner, SemanticQuery query) => runner.ExecuteAsync(query).GetAwaiter().GetResult().Rows.Count;

    private static string[] Table(IQueryRunner runner, SemanticQuery query) =>
        [.. runner.ExecuteAsync(query).GetAwaiter().GetResult().Rows.Select(r => string.Join("|", r.Select(c => c.Value)))];

    private static void Same(string[] expected, string[] actual, string what)
    {
        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidOperationException($"the {what} answered other figures than the unscoped query; the comparison would be meaningless.");
        }
    }
}
