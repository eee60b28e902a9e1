using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.Sql;
using Sesric.Analytics.StoreConformance;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>
/// A large import into empty tables drops their indexes and builds them again before it commits
/// (<see cref="DeferredIndexes"/>): afterwards the schema's indexes and keys are exactly what the migrations made and are
/// enforced, the fact flags agree with a recomputation from the base tables, and an import that rolls back keeps them.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class DeferredIndexTests
{
    private const string DeferredPhase = "build the deferred indexes";

    // About 2.8 participations a person: comfortably above DeferredIndexes.FromInsertedRows.
    private static readonly ConformanceData Large = ConformanceData.Create(seed: 13, people: 2_500);

    [Fact]
    public async Task A_large_first_import_rebuilds_every_index_and_key_as_the_migrations_made_them_and_a_later_import_keeps_them()
    {
        Assert.True(Large.Participations.Count >= DeferredIndexes.FromInsertedRows, $"only {Large.Participations.Count} rows");
        var (address, database) = NewDatabase("deferred");
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        var schemaBefore = Indexes(database);
        Assert.Contains("participation_pkey", schemaBefore, StringComparison.Ordinal);
        Assert.Contains("participation_fact_by_person", schemaBefore, StringComparison.Ordinal);

        var phases = new PhaseClock();
        store.ImportPhases = phases;
        var outcome = await Large.LoadIntoAsync(store);

        Assert.Contains(phases.Phases, p => p.Phase == DeferredPhase);
        Assert.Equal(Large.Participations.Count, outcome.Participations.Inserted);
        Assert.Equal(schemaBefore, Indexes(database));
        Assert.Equal(Large.Participations.Count.ToString(CultureInfo.InvariantCulture), Psql("SELECT COUNT(*) FROM participation_fact", database));
        Assert.Equal("0", Psql(FactRecomputation.FlagMismatches, database));
        // Not a vacuous comparison: both flags hold for some rows and not for others.
        Assert.Equal("t|t|t|t", Psql("SELECT bool_or(is_single), bool_or(NOT is_single), bool_or(is_single_in_year AND NOT is_single), bool_or(NOT is_single_in_year) FROM participation_fact", database));

        // The rebuilt primary keys are enforced.
        var duplicate = Assert.Throws<InvalidOperationException>(() => Psql("INSERT INTO participation SELECT * FROM participation LIMIT 1", database));
        Assert.Contains("participation_pkey", duplicate.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Psql("INSERT INTO participant SELECT * FROM participant LIMIT 1", database));

        // The tables are no longer empty: the next large import writes through their indexes (a rebuilt index would be a
        // new relation). The journal's change tables may still be empty (since migration 011 an import journals only its
        // updates), so their empty indexes may be dropped and built again.
        var registryIndexes = Psql(RegistryIndexRelations, database);
        var catalogue = await store.LoadCatalogueAsync();
        var more = ConformanceData.Create(seed: 14, people: 2_500).Participations
            .Select(p => catalogue.CreateParticipation(
                catalogue.CreateParticipant(Model.ParticipantId.Parse("again-" + p.Participant.Id.Value), p.Participant.Country, p.Participant.Gender, p.Participant.InstitutionType, p.Participant.IsSynthetic),
                p.Edition, p.Status, p.IsSynthetic))
            .ToList();
        await store.ImportParticipationsAsync(more, ImportRequest.Default);
        Assert.Equal(registryIndexes, Psql(RegistryIndexRelations, database));
        Assert.Equal(schemaBefore, Indexes(database));
        Assert.Equal("0", Psql(FactRecomputation.FlagMismatches, database));
    }

    [Fact]
    public async Task A_large_first_import_that_rolls_back_keeps_the_indexes_and_writes_nothing()
    {
        var (address, database) = NewDatabase("deferred_rollback");
        await using (var store = await PostgresAnalyticsStore.OpenAsync(address))
        {
            await store.UpsertProgrammesAsync(Large.Catalogue.Programmes.ToArray());
            await store.UpsertCountriesAsync(Large.Catalogue.Countries.ToArray());
            await store.UpsertEditionsAsync(Large.Catalogue.Editions.ToArray());
        }
        var schemaBefore = Indexes(database);

        // A preview runs the whole import in its transaction, reports it, then rolls it back.
        await using var preview = await PostgresAnalyticsStore.OpenPreviewAsync(address);
        var phases = new PhaseClock();
        preview.ImportPhases = phases;
        var outcome = await preview.ImportParticipationsAsync(Large.Participations, ImportRequest.Default);

        Assert.Contains(phases.Phases, p => p.Phase == DeferredPhase);
        Assert.Equal(Large.Participations.Count, outcome.Participations.Inserted);
        Assert.Equal(schemaBefore, Indexes(database));
        Assert.Equal("0|0|0", Psql("SELECT (SELECT COUNT(*) FROM participation), (SELECT COUNT(*) FROM participant), (SELECT COUNT(*) FROM participation_fact)", database));
        // The staging session's tables went with the preview.
        Assert.Equal("", Psql(StagingSessionTests.WorkTables, database));
    }

    [Fact]
    public async Task A_large_first_import_that_repeats_participations_is_refused_naming_them_when_the_rebuilt_key_finds_them()
    {
        // With participation's key deferred, the repeats are not looked for before the writes: the rebuilt key finds them,
        // and the import is refused by the same message as a small one, naming each repeat, with nothing written.
        var (address, database) = NewDatabase("deferred_repeats");
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        await store.UpsertProgrammesAsync(Large.Catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(Large.Catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync(Large.Catalogue.Editions.ToArray());
        var schemaBefore = Indexes(database);
        var twice = Large.Participations[100];
        var thrice = Large.Participations[2_000];
        List<Participation> rows = [.. Large.Participations, thrice, twice, thrice];
        Assert.True(rows.Count - 3 >= DeferredIndexes.FromInsertedRows, $"only {rows.Count} rows");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(rows, ImportRequest.Default));

        Assert.Contains($"{twice.Participant.Id.Value} in {twice.Edition} (2 times)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{thrice.Participant.Id.Value} in {thrice.Edition} (3 times)", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("duplicate participation(s) in the same import: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(schemaBefore, Indexes(database));
        Assert.Equal("0|0|0|0", Psql("SELECT (SELECT COUNT(*) FROM participation), (SELECT COUNT(*) FROM participant), (SELECT COUNT(*) FROM participation_fact), (SELECT COUNT(*) FROM import_batch)", database));
        Assert.Equal("", Psql(StagingSessionTests.WorkTables, database));

        // The same store then takes the rows without the repeats, building its keys as a first import does.
        var outcome = await store.ImportParticipationsAsync(Large.Participations, ImportRequest.Default);
        Assert.Equal(Large.Participations.Count, outcome.Participations.Inserted);
        Assert.Equal(schemaBefore, Indexes(database));
    }

    /// <summary>Each index of the registry and fact tables with its relation id, which a drop and rebuild changes.</summary>
    private const string RegistryIndexRelations =
        """
        SELECT string_agg(c.relname || ': ' || CAST(c.oid AS VARCHAR), E'\n' ORDER BY c.relname)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid IN (CAST('participant' AS regclass), CAST('participation' AS regclass), CAST('participation_fact' AS regclass))
        """;

    private static (string Address, string Database) NewDatabase(string prefix)
    {
        var address = PostgresCluster.Shared.CreateUniqueDatabase(prefix);
        return (address, address[(address.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Every index of the schema with its definition, and every key constraint: what must survive a deferred build.</summary>
    private static string Indexes(string database) =>
        Psql(
            """
            SELECT string_agg(indexname || ': ' || indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT string_agg(conname || ': ' || pg_get_constraintdef(oid), E'\n' ORDER BY conname) FROM pg_constraint
            WHERE connamespace = CAST('public' AS regnamespace) AND contype IN ('p', 'u')
            """,
            database);

    private static string Psql(string sql, string database) => PostgresCluster.Shared.Psql(sql, database).Trim();
}
