using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.StoreConformance;

/// <summary>
/// Undoing imports (schema 11: a row names the import that inserted it, the journal keeps the values updates replaced):
/// a store journalled before version 11 stays undoable exactly; a later import that touched the same people, by an insert
/// alone or by an update of a row an earlier import inserted, is undone first; an import is undone once. Each check
/// compares every row of the registry, fact and journal tables, read with the store closed.
/// </summary>
public abstract class ImportUndoConformance
{
    /// <summary>The engine under test.</summary>
    protected abstract IStoreFactory Factory { get; }

    [Fact]
    public async Task A_store_journalled_at_version_10_upgrades_to_11_and_undoing_its_imports_restores_it_exactly()
    {
        var data = ConformanceData.Create(seed: 11);
        var location = Factory.NewLocation();
        await WithStoreAsync(location, data.WriteCatalogueAsync);
        var empty = await DumpAsync(location);
        var first = await WithStoreAsync(location, store => store.ImportParticipationsAsync(data.Participations, ImportRequest.Default));
        var afterFirst = await DumpAsync(location);
        var changes = new Changes(data);
        var second = await WithStoreAsync(location, store => store.ImportParticipationsAsync(changes.Mixed(), new ImportRequest("second") { Source = "mixed.csv" }));
        Assert.Equal(new WriteOutcome(3, 1, changes.MixedUnchanged), second.Participations);
        Assert.Equal(new WriteOutcome(1, 1, 2), second.Participants);
        var afterSecond = await DumpAsync(location);

        // What a version-10 store held after the same imports: every inserted row journalled as an 'insert' change row.
        await Factory.ExecuteSqlAsync(location, Factory.BackToVersion10Sql);
        Assert.Equal("10", await QueryAsync(location, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal("0", await QueryAsync(location, "SELECT COUNT(*) FROM information_schema.columns WHERE column_name = 'inserted_by_import'"));
        Assert.Equal(
            $"insert|{first.Participations.Inserted + second.Participations.Inserted}\nupdate|1",
            await QueryAsync(location, "SELECT change, COUNT(*) FROM import_participation_change GROUP BY change ORDER BY change"));
        Assert.Equal(
            $"insert|{first.Participants.Inserted + second.Participants.Inserted}\nupdate|1",
            await QueryAsync(location, "SELECT change, COUNT(*) FROM import_participant_change GROUP BY change ORDER BY change"));

        // Opening upgrades it to exactly what version 11 wrote: the rows carry their import, the journal its updates only.
        await WithStoreAsync(location, store =>
        {
            Assert.Equal(DuckDbAnalyticsStore.SupportedSchemaVersion, store.Description.SchemaVersion);
            return Task.FromResult(0);
        });
        Assert.Equal(afterSecond, await DumpAsync(location));
        Assert.Equal(
            $"1|{first.Participations.Inserted}\n2|{second.Participations.Inserted}",
            await QueryAsync(location, "SELECT inserted_by_import, COUNT(*) FROM participation GROUP BY inserted_by_import ORDER BY inserted_by_import"));

        var undone = await WithStoreAsync(location, store => Journal(store).UndoImportAsync(2));
        Assert.Equal((second.Participations with { Unchanged = 0 }, second.Participants with { Unchanged = 0 }), (undone.Participations, undone.Participants));
        Assert.Equal("mixed.csv", undone.Source);
        Assert.Equal(afterFirst, await DumpAsync(location));

        await WithStoreAsync(location, store => Journal(store).UndoImportAsync(1));
        Assert.Equal(empty, await DumpAsync(location));
        var imports = await WithStoreAsync(location, store => Journal(store).ListImportsAsync());
        Assert.Equal([1L, 2L], imports.Select(i => i.Id));
        Assert.All(imports, i => Assert.True(i.IsUndone));
        Assert.Equal(first.Participations with { Unchanged = 0 }, imports[0].Participations);
        Assert.Equal(first.Participants with { Unchanged = 0 }, imports[0].Participants);
        // The request id no longer stands for rows in the store.
        Assert.Equal("0", await QueryAsync(location, "SELECT COUNT(*) FROM ingest_request"));
    }

    [Fact]
    public async Task A_later_import_that_only_inserts_a_participation_for_the_same_people_blocks_undo_until_it_is_undone()
    {
        var data = ConformanceData.Create(seed: 12);
        var location = Factory.NewLocation();
        await WithStoreAsync(location, store => data.LoadIntoAsync(store));
        var afterFirst = await DumpAsync(location);
        var changes = new Changes(data);
        var (changed, other) = (changes.PersonWithAMissingEdition(0), changes.PersonWithAMissingEdition(1));
        var regendered = changes.Regendered(changed);

        // Import 2 only changes a person (an update); import 3 only adds a participation for them (an insert).
        await WithStoreAsync(location, async store =>
        {
            var update = await store.ImportParticipationsAsync([changes.Moved(changes.RowsOf(changed)[0], regendered)], ImportRequest.Default);
            Assert.Equal((2L, new WriteOutcome(0, 1, 0)), (update.ImportId!.Value, update.Participants with { Unchanged = 0 }));
            var insert = await store.ImportParticipationsAsync([changes.InAMissingEdition(regendered)], ImportRequest.Default);
            Assert.Equal((3L, new WriteOutcome(1, 0, 0), new WriteOutcome(0, 0, 1)), (insert.ImportId!.Value, insert.Participations, insert.Participants));
            return 0;
        });
        var afterThird = await DumpAsync(location);

        Assert.Contains("later import(s) 3 changed", await RefusalAsync(location, 2), StringComparison.Ordinal);
        Assert.Contains("later import(s) 2, 3 changed", await RefusalAsync(location, 1), StringComparison.Ordinal);
        Assert.Equal(afterThird, await DumpAsync(location));
        await WithStoreAsync(location, async store =>
        {
            await Journal(store).UndoImportAsync(3);
            return await Journal(store).UndoImportAsync(2);
        });
        Assert.Equal(afterFirst, await DumpAsync(location));

        // A person import 1 inserted: a later import that only adds a participation for them blocks it the same way.
        await WithStoreAsync(location, store => store.ImportParticipationsAsync([changes.InAMissingEdition(other)], ImportRequest.Default));
        Assert.Contains("later import(s) 4 changed", await RefusalAsync(location, 1), StringComparison.Ordinal);
        await WithStoreAsync(location, async store =>
        {
            await Journal(store).UndoImportAsync(4);
            await Journal(store).UndoImportAsync(1);
            Assert.Equal(0, await store.CountParticipationsAsync());
            return 0;
        });
        Assert.Equal("0|0|0", await QueryAsync(location, "SELECT (SELECT COUNT(*) FROM participant), (SELECT COUNT(*) FROM participation_fact), (SELECT COUNT(*) FROM import_participant_change)"));
    }

    [Fact]
    public async Task A_row_inserted_by_one_import_and_updated_by_a_later_one_is_restored_by_undoing_the_later_then_deleted_by_undoing_the_earlier()
    {
        var data = ConformanceData.Create(seed: 13);
        var location = Factory.NewLocation();
        await WithStoreAsync(location, store => data.LoadIntoAsync(store));
        var afterFirst = await DumpAsync(location);
        var changes = new Changes(data);
        var newcomer = changes.Newcomer();
        var rows = changes.TwoRowsOf(newcomer);
        var inserted = await WithStoreAsync(location, store => store.ImportParticipationsAsync(rows, ImportRequest.Default));
        Assert.Equal((new WriteOutcome(2, 0, 0), new WriteOutcome(1, 0, 0)), (inserted.Participations, inserted.Participants));
        var afterSecond = await DumpAsync(location);

        // Import 3 updates both the person and one participation that import 2 inserted.
        var regendered = changes.Regendered(newcomer);
        var updated = await WithStoreAsync(location, store => store.ImportParticipationsAsync(
            [changes.Moved(changes.Reattended(rows[0]), regendered), changes.Moved(rows[1], regendered)], ImportRequest.Default));
        Assert.Equal((new WriteOutcome(0, 1, 1), new WriteOutcome(0, 1, 0)), (updated.Participations, updated.Participants));
        Assert.NotEqual(afterSecond, await DumpAsync(location));

        Assert.Contains("later import(s) 3 changed", await RefusalAsync(location, 2), StringComparison.Ordinal);
        await WithStoreAsync(location, store => Journal(store).UndoImportAsync(3));
        Assert.Equal(afterSecond, await DumpAsync(location));
        await WithStoreAsync(location, store => Journal(store).UndoImportAsync(2));
        Assert.Equal(afterFirst, await DumpAsync(location));

        // Undoing twice is refused, naming the import, and changes nothing.
        Assert.Contains("import 2 was already undone", await RefusalAsync(location, 2), StringComparison.Ordinal);
        Assert.Contains("import 3 was already undone", await RefusalAsync(location, 3), StringComparison.Ordinal);
        Assert.Equal(afterFirst, await DumpAsync(location));
    }

    private static IImportJournal Journal(IAnalyticsStore store) => (IImportJournal)store;

    /// <summary>Opens the store, runs <paramref name="action"/> and closes it again (a DuckDB file is read raw only when closed).</summary>
    private async Task WithStoreAsync(string location, Func<IAnalyticsStore, Task> action)
    {
        await using var store = await Factory.OpenAsync(location);
        await action(store);
    }

    /// <summary>As the other overload, returning what <paramref name="action"/> returns.</summary>
    private async Task<T> WithStoreAsync<T>(string location, Func<IAnalyticsStore, Task<T>> action)
    {
        await using var store = await Factory.OpenAsync(location);
        return await action(store);
    }

    private async Task<string> RefusalAsync(string location, long importId) =>
        (await Assert.ThrowsAsync<ImportJournalException>(() => WithStoreAsync(location, store => Journal(store).UndoImportAsync(importId)))).Message;

    private async Task<string> QueryAsync(string location, string sql) => (await Factory.QueryAsync(location, sql)).Trim();

    /// <summary>Every row of the registry, fact and journal change tables, each table in its key order.</summary>
    private async Task<string> DumpAsync(string location)
    {
        (string Table, string Order)[] tables =
        [
            ("participant", "participant_id"),
            ("participation", "participant_id, programme_id, edition_number"),
            ("participation_fact", "participant_key, programme_id, edition_number"),
            ("import_participant_change", "import_id, participant_id"),
            ("import_participation_change", "import_id, participant_id, programme_id, edition_number"),
        ];
        var dump = new List<string>();
        foreach (var (table, order) in tables)
        {
            dump.Add($"# {table}");
            dump.Add(await Factory.QueryAsync(location, $"SELECT * FROM {table} ORDER BY {order}"));
        }
        return string.Join("\n", dump);
    }

    /// <summary>Rows that change a loaded <see cref="ConformanceData"/> in chosen ways.</summary>
    private sealed class Changes(ConformanceData data)
    {
        private Catalogue Catalogue => data.Catalogue;

        /// <summary>The people in the data, in id order.</summary>
        private List<Participant> People =>
            data.Participations.Select(p => p.Participant).DistinctBy(p => p.Id).OrderBy(p => p.Id.Value, StringComparer.Ordinal).ToList();

        public List<Participation> RowsOf(Participant person) => data.Participations.Where(p => p.Participant.Id == person.Id).ToList();

        /// <summary>The <paramref name="index"/>-th person (in id order) who is not in every edition.</summary>
        public Participant PersonWithAMissingEdition(int index) =>
            People.Where(p => RowsOf(p).Count < Catalogue.Editions.Count).ElementAt(index);

        /// <summary>A participation of <paramref name="person"/> in an edition they are not in.</summary>
        public Participation InAMissingEdition(Participant person)
        {
            var edition = Catalogue.Editions.First(e => RowsOf(person).All(p => p.Edition != e.Id));
            return Catalogue.CreateParticipation(person, edition.Id, AttendanceStatus.Attended, false);
        }

        /// <summary>The person with another gender (a changed participant row).</summary>
        public Participant Regendered(Participant person) =>
            Catalogue.CreateParticipant(person.Id, person.Country, (Gender)(((int)person.Gender + 1) % 3), person.InstitutionType, person.IsSynthetic, person.RecordKey);

        /// <summary>The participation with a counted attendance turned uncounted or the reverse (a changed participation row).</summary>
        public Participation Reattended(Participation row) =>
            Catalogue.CreateParticipation(row.Participant, row.Edition, row.Status.CountsAsParticipation() ? AttendanceStatus.NoShow : AttendanceStatus.Completed, row.IsSynthetic, row.NominatedOn);

        /// <summary>The same participation, of the person as <paramref name="person"/> describes them.</summary>
        public Participation Moved(Participation row, Participant person) =>
            Catalogue.CreateParticipation(person, row.Edition, row.Status, row.IsSynthetic, row.NominatedOn);

        /// <summary>A person the data does not have.</summary>
        public Participant Newcomer() =>
            Catalogue.CreateParticipant(ParticipantId.Parse("newcomer"), Catalogue.Countries[0].Code, Gender.Female, "ministry", false, 4242);

        public List<Participation> TwoRowsOf(Participant person) =>
        [
            Catalogue.CreateParticipation(person, Catalogue.Editions[0].Id, AttendanceStatus.Attended, false, new DateOnly(Catalogue.Editions[0].Year - 1, 12, 1)),
            Catalogue.CreateParticipation(person, Catalogue.Editions[^1].Id, AttendanceStatus.Registered, false),
        ];

        /// <summary>How many rows of <see cref="Mixed"/> change nothing.</summary>
        public int MixedUnchanged => Mixed().Count - 4;

        /// <summary>
        /// One of each: a changed person (all their rows, unchanged), a changed participation, a new participation of a
        /// known person, and a new person with two participations.
        /// </summary>
        public List<Participation> Mixed()
        {
            var regendered = PersonWithAMissingEdition(0);
            var reattended = PersonWithAMissingEdition(1);
            var extended = PersonWithAMissingEdition(2);
            return
            [
                .. RowsOf(regendered).Select(r => Moved(r, Regendered(regendered))),
                Reattended(RowsOf(reattended)[0]),
                InAMissingEdition(extended),
                .. TwoRowsOf(Newcomer()),
            ];
        }
    }
}
