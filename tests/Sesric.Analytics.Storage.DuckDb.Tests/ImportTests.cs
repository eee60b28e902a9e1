using Sesric.Analytics.Import;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

public sealed class ImportTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    private Task<DuckDbAnalyticsStore> OpenAsync() => TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));

    [Fact]
    public async Task A_first_import_inserts_and_a_second_changes_nothing()
    {
        await using var store = await OpenAsync();

        var first = await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        var second = await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        Assert.Equal(new ImportOutcome(new WriteOutcome(9, 0, 0), new WriteOutcome(7, 0, 0)) { ImportId = 1 }, first);
        Assert.False(first.WasNoOp);
        Assert.Equal(new ImportOutcome(new WriteOutcome(0, 0, 9), new WriteOutcome(0, 0, 7)), second);
        Assert.True(second.WasNoOp);
        Assert.False(second.WasReplay);
        Assert.Equal(9, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task Changed_rows_are_updated_in_place_by_natural_key()
    {
        await using var store = await OpenAsync();
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        Participation[] changes =
        [
            TestData.Row("p6", "MYS", TestData.D1, AttendanceStatus.Attended), // no-show corrected to attended
            TestData.Row("p8", "TUR", TestData.D2),                            // new participant
            TestData.Row("p2", "EGY", TestData.D1, gender: Gender.Female),     // participant corrected
        ];
        var outcome = await store.ImportParticipationsAsync(changes, ImportRequest.Default);

        Assert.Equal(new WriteOutcome(1, 1, 1), outcome.Participations);
        Assert.Equal(new WriteOutcome(1, 1, 1), outcome.Participants); // p8 new, p2 corrected, p6 the same person
        Assert.Equal(10, await store.CountParticipationsAsync());
        var d1 = (await store.GetEditionStatisticsAsync()).Single(s => s.Edition == TestData.D1);
        Assert.Equal(6, d1.RegistryParticipants);
        Assert.Equal(3, d1.RegistryMemberStates);
    }

    [Fact]
    public async Task Rows_that_throw_after_the_last_one_write_nothing()
    {
        await using var store = await OpenAsync();
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        var problem = new ImportProblem(7, "country", "XYZ", "unknown member state 'XYZ'");

        // More rows than one progress interval, so the appender has flushed into the staging table before the throw.
        var e = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            store.ImportParticipationsAsync(ThenThrow(TestData.Many(60_000), new ImportRejectedException([problem])), ImportRequest.Default));

        Assert.Same(problem, Assert.Single(e.Problems));
        Assert.Equal(TestData.Registry.Count, await store.CountParticipationsAsync());
        Assert.Equal(0L, (await store.QueryAsync(Querying.SqlStatement.Of("SELECT COUNT(*) FROM participant WHERE participant_id LIKE 'm%'"))).Rows[0][0]);
    }

    [Fact]
    public async Task A_cancelled_import_writes_nothing()
    {
        await using var store = await OpenAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new Recorder(n =>
        {
            if (n >= 50_000)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.ImportParticipationsAsync(TestData.Many(60_000), new ImportRequest(Progress: progress), cancel.Token));

        Assert.Equal(0, await store.CountParticipationsAsync());
        Assert.Equal(50_000, progress.Reports.First());
    }

    [Fact]
    public async Task Progress_is_reported_every_fifty_thousand_rows_and_at_the_end()
    {
        await using var store = await OpenAsync();
        var progress = new Recorder();

        var outcome = await store.ImportParticipationsAsync(TestData.Many(80_000), new ImportRequest(Progress: progress));

        Assert.Equal(120_000, outcome.Participations.Inserted);
        Assert.Equal(80_000, outcome.Participants.Inserted);
        Assert.Equal([50_000L, 100_000L, 120_000L], progress.Reports);
    }

    [Fact]
    public async Task A_repeated_request_id_with_the_same_rows_returns_the_first_outcome_and_writes_nothing()
    {
        await using var store = await OpenAsync();
        var first = await store.ImportParticipationsAsync(TestData.Registry, new ImportRequest("req-1"));

        var replay = await store.ImportParticipationsAsync(TestData.Registry, new ImportRequest("req-1"));

        Assert.True(replay.WasReplay);
        Assert.True(replay.WasNoOp);
        Assert.Equal(first.Participations, replay.Participations);
        Assert.Equal(first.Participants, replay.Participants);
        Assert.Equal(9, await store.CountParticipationsAsync());

        var other = await store.ImportParticipationsAsync([TestData.Row("p9", "TUR", TestData.D2)], new ImportRequest("req-2"));
        Assert.False(other.WasReplay);
        Assert.Equal(10, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_repeated_request_id_with_other_rows_is_refused_and_writes_nothing()
    {
        await using var store = await OpenAsync();
        await store.ImportParticipationsAsync(TestData.Registry, new ImportRequest("req-1"));

        var e = await Assert.ThrowsAsync<ImportRequestConflictException>(() =>
            store.ImportParticipationsAsync([TestData.Row("p9", "TUR", TestData.D2)], new ImportRequest("req-1")));

        Assert.Contains("'req-1' was already used for other rows", e.Message, StringComparison.Ordinal);
        Assert.Equal(9, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_failed_request_is_not_remembered_so_its_retry_runs()
    {
        await using var store = await OpenAsync();
        await Assert.ThrowsAsync<ImportRejectedException>(() =>
            store.ImportParticipationsAsync(ThenThrow(TestData.Registry, new ImportRejectedException([])), new ImportRequest("req-x")));

        var retry = await store.ImportParticipationsAsync(TestData.Registry, new ImportRequest("req-x"));

        Assert.False(retry.WasReplay);
        Assert.Equal(9, retry.Participations.Inserted);
    }

    [Fact]
    public async Task The_same_participation_twice_in_one_import_is_refused_naming_it()
    {
        await using var store = await OpenAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.ImportParticipationsAsync([TestData.Row("p1", "TUR", TestData.D1), TestData.Row("p1", "TUR", TestData.D1, AttendanceStatus.NoShow)], ImportRequest.Default));

        Assert.Contains("p1 in diplomacy-cab/1", e.Message);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task One_participant_with_two_countries_in_one_import_is_refused()
    {
        await using var store = await OpenAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.ImportParticipationsAsync([TestData.Row("p1", "TUR", TestData.D1), TestData.Row("p1", "EGY", TestData.D2)], ImportRequest.Default));

        Assert.Contains("p1", e.Message);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task Rows_for_an_edition_the_store_does_not_hold_are_refused()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("bare.duckdb"));
        await store.UpsertProgrammesAsync(TestData.Programmes);
        await store.UpsertCountriesAsync(TestData.Countries);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default));

        Assert.Contains("diplomacy-cab/1", e.Message);
        Assert.Contains("import the editions first", e.Message);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task Rows_for_a_country_the_store_does_not_hold_are_refused()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("no-observer.duckdb"));
        await store.UpsertProgrammesAsync(TestData.Programmes);
        await store.UpsertCountriesAsync(TestData.Countries.Where(c => c.Code.Value != "BIH").ToList());
        await store.UpsertEditionsAsync(TestData.Editions);

        // Every edition is stored, so the check that reads the rows' distinct (edition, country) pairs finds only p5's BIH.
        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default));

        Assert.Contains("country code(s) BIH are not in the store", e.Message);
        Assert.Contains("import the member states first", e.Message);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task Reading_back_streams_every_row_in_programme_edition_participant_order()
    {
        await using var store = await OpenAsync();
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        var back = new List<Participation>();
        await foreach (var p in store.ReadParticipationsAsync(await store.LoadCatalogueAsync()))
        {
            back.Add(p);
        }

        var expected = TestData.Registry.OrderBy(p => p.Edition).ThenBy(p => p.Participant.Id).ToList();
        // The rows came without record keys: the store drew one per person, and reads it back with every row.
        Assert.Equal(expected.Select(WithoutKey), back.Select(WithoutKey));
        Assert.All(back, p => Assert.InRange(p.Participant.RecordKey!.Value, 0, RecordKey.Modulus - 1));
        Assert.All(back.GroupBy(p => p.Participant.Id), person => Assert.Single(person.Select(p => p.Participant.RecordKey).Distinct()));
    }

    [Fact]
    public async Task Record_keys_given_with_the_rows_are_kept_and_a_stored_key_never_changes()
    {
        var keyed = TestData.Registry.Select((p, i) => WithKey(p, 1000 + Math.Abs(p.Participant.Id.Value.GetHashCode() % 1000))).ToList();
        await using var store = await OpenAsync();
        await store.ImportParticipationsAsync(keyed, ImportRequest.Default);
        // A later file that gives other keys for the same people changes nothing about their keys.
        await store.ImportParticipationsAsync(keyed.Select(p => WithKey(p, 7)).ToList(), ImportRequest.Default);

        var back = new List<Participation>();
        await foreach (var p in store.ReadParticipationsAsync(await store.LoadCatalogueAsync()))
        {
            back.Add(p);
        }

        Assert.Equal(keyed.ToDictionary(p => (p.Participant.Id, p.Edition), p => p.Participant.RecordKey), back.ToDictionary(p => (p.Participant.Id, p.Edition), p => p.Participant.RecordKey));
    }

    [Fact]
    public async Task Exported_rows_imported_into_a_new_store_keep_their_record_keys()
    {
        await using var first = await OpenAsync();
        await first.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        var catalogue = await first.LoadCatalogueAsync();
        var exported = new StringWriter();
        await ParticipationCsv.WriteAsync(exported, first.ReadParticipationsAsync(catalogue));

        await using var second = await TestData.OpenWithCatalogueAsync(_folder.File("second.duckdb"));
        await second.ImportParticipationsAsync(ParticipationCsv.Read(new StringReader(exported.ToString()), catalogue).ToList(), ImportRequest.Default);
        var again = new StringWriter();
        await ParticipationCsv.WriteAsync(again, second.ReadParticipationsAsync(catalogue));

        Assert.Equal(exported.ToString(), again.ToString());
        Assert.Contains(",record_key", exported.ToString());
    }

    private static Participation WithoutKey(Participation p) => WithKey(p, null);

    private static Participation WithKey(Participation p, int? key)
    {
        var person = p.Participant;
        var catalogue = TestData.Catalogue;
        return catalogue.CreateParticipation(
            catalogue.CreateParticipant(person.Id, person.Country, person.Gender, person.InstitutionType, person.IsSynthetic, key), p.Edition, p.Status, p.IsSynthetic);
    }

    [Fact]
    public async Task Reads_run_while_an_import_is_in_progress_and_see_the_last_committed_state()
    {
        await using var store = await OpenAsync();
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        var started = new TaskCompletionSource();
        var import = store.ImportParticipationsAsync(
            TestData.Many(60_000),
            new ImportRequest(Progress: new Recorder(_ => started.TrySetResult())));

        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var during = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.CountParticipationsAsync()));
        await import;

        Assert.All(during, n => Assert.True(n is 9 or 90_009, $"a reader saw {n} rows, neither before nor after"));
        Assert.Equal(90_009, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task An_in_memory_store_shares_one_database_between_operations()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(":memory:");
        await store.UpsertProgrammesAsync(TestData.Programmes);
        await store.UpsertCountriesAsync(TestData.Countries);
        await store.UpsertEditionsAsync(TestData.Editions);

        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        Assert.Equal(":memory:", store.Description.Location);
        Assert.Equal(9, await store.CountParticipationsAsync());
    }

    private static IEnumerable<Participation> ThenThrow(IEnumerable<Participation> rows, Exception exception)
    {
        foreach (var row in rows)
        {
            yield return row;
        }
        throw exception;
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post to the thread pool and race the assertions).</summary>
    private sealed class Recorder(Action<long>? onReport = null) : IProgress<long>
    {
        public List<long> Reports { get; } = [];

        public void Report(long value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
            onReport?.Invoke(value);
        }
    }
}
