using System.Globalization;

using Sesric.Analytics.StoreConformance;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>
/// A first import stages through a second session into unlogged tables it commits (<see cref="StagingSession"/>): the
/// import's own transaction must read them whatever the server's default isolation, and no table outlives the import,
/// whether it commits, fails, or follows a crashed one.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class StagingSessionTests
{
    /// <summary>The staging session's tables that exist in the database, comma-separated (empty when none).</summary>
    internal const string WorkTables =
        """
        SELECT COALESCE(string_agg(relname, ',' ORDER BY relname), '') FROM pg_class
        WHERE relname IN ('import_row', 'import_participant', 'import_fact') AND relpersistence <> 't'
        """;

    private static readonly ConformanceData Data = ConformanceData.Create(seed: 21, people: 300);

    [Fact]
    public async Task A_first_import_writes_every_row_and_leaves_no_work_table_even_when_the_server_defaults_to_repeatable_read()
    {
        // Under a snapshot taken when the import's transaction began, the rows the staging session commits later would be
        // invisible: the import would copy none of them. The store asks for read committed.
        var (address, database) = NewDatabase("staging_isolation");
        PostgresCluster.Shared.Psql($"ALTER DATABASE \"{database}\" SET default_transaction_isolation = 'repeatable read'");
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);

        var outcome = await Data.LoadIntoAsync(store);

        Assert.Equal(Data.Participations.Count, outcome.Participations.Inserted);
        var rows = Data.Participations.Count.ToString(CultureInfo.InvariantCulture);
        Assert.Equal($"{rows}|{rows}", Psql("SELECT (SELECT COUNT(*) FROM participation), (SELECT COUNT(*) FROM participation_fact)", database));
        Assert.Equal("0", Psql(FactRecomputation.FlagMismatches, database));
        Assert.Equal("", Psql(WorkTables, database));
    }

    [Fact]
    public async Task Work_tables_a_crashed_import_left_are_dropped_by_the_next_first_import()
    {
        var (address, database) = NewDatabase("staging_leftovers");
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        // What a process killed while staging leaves: committed unlogged tables of the work tables' names (not their shapes).
        Psql("CREATE UNLOGGED TABLE import_row (x INTEGER); CREATE UNLOGGED TABLE import_participant (y TEXT); CREATE UNLOGGED TABLE import_fact (z DATE)", database);
        Assert.Equal("import_fact,import_participant,import_row", Psql(WorkTables, database));

        var outcome = await Data.LoadIntoAsync(store);

        Assert.Equal(Data.Participations.Count, outcome.Participations.Inserted);
        Assert.Equal("", Psql(WorkTables, database));
    }

    [Fact]
    public async Task A_refused_first_import_leaves_no_work_table_and_the_same_store_then_takes_the_rows()
    {
        var (address, database) = NewDatabase("staging_refused");
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        await Data.WriteCatalogueAsync(store);
        var first = Data.Participations[0];
        // One person described twice: refused after the rows are staged and classified by the staging session.
        var other = Data.Catalogue.CreateParticipant(
            first.Participant.Id, first.Participant.Country, first.Participant.Gender, "another institution", first.Participant.IsSynthetic);
        var rows = Data.Participations.Append(Data.Catalogue.CreateParticipation(other, Data.Catalogue.Editions[^1].Id, first.Status, false)).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(rows, ImportRequest.Default));

        Assert.Contains(first.Participant.Id.Value, error.Message, StringComparison.Ordinal);
        Assert.Equal("", Psql(WorkTables, database));
        Assert.Equal(Data.Participations.Count, (await store.ImportParticipationsAsync(Data.Participations, ImportRequest.Default)).Participations.Inserted);
        Assert.Equal("", Psql(WorkTables, database));
    }

    private static (string Address, string Database) NewDatabase(string prefix)
    {
        var address = PostgresCluster.Shared.CreateUniqueDatabase(prefix);
        return (address, address[(address.LastIndexOf('/') + 1)..]);
    }

    private static string Psql(string sql, string database) => PostgresCluster.Shared.Psql(sql, database).Trim();
}
