using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using DuckDB.NET.Data;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// The semantic engine against the same SQL typed by hand and run directly on DuckDB, on the scale
/// generator's data: participants and member states by (edition, member_state), and by
/// (year, oic_group) with a filter. Targets: median under 50 ms at 1M participations, under 500 ms
/// at 10M, and within 1.25× of the hand-written SQL.
/// </summary>
/// <remarks>
/// The engine runs under the default public policy (k = 3), so its time includes disclosure control,
/// ratios and building the typed table; the baseline reads the same aggregates into plain arrays.
/// The DuckDB file is generated once per size (ScaleGenerator, seed 7) and kept in
/// <c>$TMPDIR/sesric-bench</c>; later runs reuse it. Run:
/// <c>dotnet run -c Release --project tests/Sesric.Analytics.Benchmarks -- --filter '*SemanticQuery*'</c>
/// </remarks>
[Config(typeof(ShortInProcessConfig))]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SemanticQueryBenchmarks
{
    /// <summary>
    /// One short in-process job: building a separate benchmark executable takes minutes on the shared
    /// 2-core machines (BenchmarkDotNet's 2-minute build timeout was hit), and the comparison that
    /// matters, engine against hand-written SQL, is made inside the same process and run anyway.
    /// </summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private const string HandEditionByState =
        """
        SELECT programme_id, edition_number, iso3,
               COUNT(DISTINCT participant_key) AS participants,
               COUNT(DISTINCT CASE WHEN counts_as_member THEN iso3 END) AS member_states
        FROM participation_fact
        WHERE is_counted
        GROUP BY programme_id, edition_number, iso3
        """;

    /// <summary>
    /// The same question as an expert would type it, knowing that a person attends an edition once and a
    /// cell holds one state: no distinct counts. The fair baseline for the engine, which does the same.
    /// </summary>
    private const string TunedEditionByState =
        """
        SELECT programme_id, edition_number, iso3,
               COUNT(*) AS participants,
               MAX(CASE WHEN counts_as_member THEN 1 ELSE 0 END) AS member_states
        FROM participation_fact
        WHERE is_counted
        GROUP BY programme_id, edition_number, iso3
        """;

    private const string HandYearByGroup =
        """
        SELECT year, oic_group,
               COUNT(DISTINCT participant_key) AS participants,
               COUNT(DISTINCT CASE WHEN counts_as_member THEN iso3 END) AS member_states
        FROM participation_fact
        WHERE is_counted AND year >= 2000 AND modality <> 'virtual'
        GROUP BY year, oic_group
        """;

    /// <summary>
    /// The same as an expert would type it on schema 5: people whose only counted participation that year is this
    /// one (<c>is_single_in_year</c>) counted as rows, a distinct count only over the rest, conditions as FILTER
    /// clauses. What the engine does.
    /// </summary>
    private const string TunedYearByGroup =
        """
        SELECT year, oic_group,
               COUNT(*) FILTER (WHERE is_single_in_year) + COUNT(DISTINCT participant_key) FILTER (WHERE NOT is_single_in_year) AS participants,
               COUNT(DISTINCT iso3) FILTER (WHERE counts_as_member) AS member_states
        FROM participation_fact
        WHERE is_counted AND year >= 2000 AND modality <> 'virtual'
        GROUP BY year, oic_group
        """;

    // Exact values, as the hand-written SQL computes: the public policy's cost is measured in DisclosureCostBenchmarks.
    private static readonly SemanticQuery EditionByState = SemanticQuery.Of("participants", "member_states").By("edition", "member_state").WithPolicy(DisclosurePolicy.Internal);

    private static readonly SemanticQuery YearByGroup = SemanticQuery.Of("participants", "member_states").By("year", "oic_group")
        .Where("year >= 2000 AND modality != \"virtual\"").WithPolicy(DisclosurePolicy.Internal);

    private DuckDbAnalyticsStore _store = null!;
    private QueryEngine _engine = null!;
    private DuckDBConnection _direct = null!;

    /// <summary>Participation rows in the store.</summary>
    [Params(1_000_000, 10_000_000)]
    public long Rows { get; set; }

    /// <summary>Opens (generating on first use) the DuckDB file for <see cref="Rows"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var path = PrepareStore(Rows);
        _store = DuckDbAnalyticsStore.OpenAsync(path).GetAwaiter().GetResult();
        _engine = new QueryEngine(_store);
        _direct = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
        _direct.Open();
    }

    /// <summary>The generated store of <paramref name="rows"/> participations (seed 7), built once and kept under the temp folder.</summary>
    internal static string PrepareStore(long rows)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sesric-bench");
        var path = Path.Combine(folder, $"scale-{rows}.duckdb");
        var ready = path + ".ready";
        if (!File.Exists(ready))
        {
            Directory.CreateDirectory(folder);
            File.Delete(path);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            GenerateAsync(path, rows).GetAwaiter().GetResult();
            File.WriteAllText(ready, $"generated in {clock.Elapsed}");
            Console.WriteLine($"// generated {rows} rows in {clock.Elapsed}");
        }
        return path;
    }

    private static async Task GenerateAsync(string path, long rows, bool mixed = false)
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(path);
        var data = ScaleGenerator.Generate(new ScaleOptions(rows, Seed: 7));
        await store.UpsertProgrammesAsync(data.Catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(data.Catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync(data.Catalogue.Editions.ToArray());
        await store.ImportParticipationsAsync(mixed ? Mixed(data) : data.Participations, ImportRequest.Default);
    }

    /// <summary>
    /// The same store with every person made real and about half the participation records drawn synthetic, record by
    /// record (as <c>SyntheticShareAttackTests</c> does), so nearly every cell mixes synthetic and real records.
    /// </summary>
    internal static string PrepareMixedStore(long rows)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sesric-bench");
        var path = Path.Combine(folder, $"scale-{rows}-mixed.duckdb");
        var ready = path + ".ready";
        if (!File.Exists(ready))
        {
            Directory.CreateDirectory(folder);
            File.Delete(path);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            GenerateAsync(path, rows, mixed: true).GetAwaiter().GetResult();
            File.WriteAllText(ready, $"generated in {clock.Elapsed}");
            Console.WriteLine($"// generated {rows} mixed rows in {clock.Elapsed}");
        }
        return path;
    }

    private static IEnumerable<Model.Participation> Mixed(GeneratedDataset data)
    {
        var people = new Dictionary<Model.ParticipantId, Model.Participant>();
        var flags = new Random(23);
        foreach (var p in data.Participations)
        {
            if (!people.TryGetValue(p.Participant.Id, out var person))
            {
                var g = p.Participant;
                person = data.Catalogue.CreateParticipant(g.Id, g.Country, g.Gender, g.InstitutionType, isSynthetic: false, g.RecordKey);
                people[g.Id] = person;
            }
            yield return data.Catalogue.CreateParticipation(person, p.Edition, p.Status, isSynthetic: flags.Next(2) == 0, p.NominatedOn);
        }
    }

    /// <summary>Closes the store and the direct connection.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _direct.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Hand-written SQL, by (edition, member_state).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("edition x member_state")]
    public int HandSql_EditionByMemberState() => RunDirect(HandEditionByState);

    /// <summary>Hand-written SQL without distinct counts, by (edition, member_state).</summary>
    [Benchmark]
    [BenchmarkCategory("edition x member_state")]
    public int TunedSql_EditionByMemberState() => RunDirect(TunedEditionByState);

    /// <summary>The engine, by (edition, member_state).</summary>
    [Benchmark]
    [BenchmarkCategory("edition x member_state")]
    public int Engine_EditionByMemberState() => _engine.ExecuteAsync(EditionByState).GetAwaiter().GetResult().Rows.Count;

    /// <summary>Hand-written SQL, by (year, oic_group) with a filter.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("year x oic_group, filtered")]
    public int HandSql_YearByGroup() => RunDirect(HandYearByGroup);

    /// <summary>Hand-written SQL with the one-participation split, by (year, oic_group) with a filter.</summary>
    [Benchmark]
    [BenchmarkCategory("year x oic_group, filtered")]
    public int TunedSql_YearByGroup() => RunDirect(TunedYearByGroup);

    /// <summary>The engine, by (year, oic_group) with a filter.</summary>
    [Benchmark]
    [BenchmarkCategory("year x oic_group, filtered")]
    public int Engine_YearByGroup() => _engine.ExecuteAsync(YearByGroup).GetAwaiter().GetResult().Rows.Count;

    private int RunDirect(string sql)
    {
        using var command = _direct.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }
}
