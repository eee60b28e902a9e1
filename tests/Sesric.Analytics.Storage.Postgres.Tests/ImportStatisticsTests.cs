using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.StoreConformance;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>
/// A large import leaves the planner's statistics of the tables it wrote current (it runs ANALYZE in its
/// transaction); a small one into a large table leaves them to autovacuum. Autovacuum is switched off on these tables
/// first, so that only the import can have gathered the statistics.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class ImportStatisticsTests
{
    private static readonly string[] Written = ["participant", "participation", "participation_fact", "import_participant_change", "import_participation_change"];

    [Fact]
    public async Task After_a_large_import_every_table_it_wrote_has_statistics_and_a_small_import_adds_no_analysis()
    {
        var address = PostgresCluster.Shared.CreateUniqueDatabase("analyze");
        var database = address[(address.LastIndexOf('/') + 1)..];
        var data = ConformanceData.Create(seed: 5, people: 3_000);
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        foreach (var table in Written)
        {
            Psql($"ALTER TABLE {table} SET (autovacuum_enabled = false)", database);
        }
        Assert.Equal(-1, ReltuplesOf("participation_fact", database));

        await data.LoadIntoAsync(store);

        foreach (var table in Written)
        {
            var rows = long.Parse(Psql($"SELECT COUNT(*) FROM {table}", database), CultureInfo.InvariantCulture);
            // A first import only inserts, and since migration 011 the journal's change tables keep only updates.
            var journal = table.EndsWith("_change", StringComparison.Ordinal);
            Assert.True(journal ? rows == 0 : rows > 1_000, $"{table} holds {rows} rows");
            // ANALYZE reads every row of a table this small, so the count is exact (0, not -1, for an analysed empty table).
            Assert.Equal(rows, ReltuplesOf(table, database));
        }
        var columns = Psql("SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_stats WHERE schemaname = 'public' AND tablename = 'participation_fact'", database);
        Assert.Contains("edition_number", columns, StringComparison.Ordinal);
        Assert.Contains("iso3", columns, StringComparison.Ordinal);
        // At the server's detail (a histogram of default_statistics_target + 1 bounds for a column of nearly distinct
        // values), not the small sample the import takes of its own temporary tables.
        var target = int.Parse(Psql("SELECT current_setting('default_statistics_target')", database), CultureInfo.InvariantCulture);
        var bounds = Psql("SELECT array_length(CAST(CAST(histogram_bounds AS TEXT) AS TEXT[]), 1) FROM pg_stats WHERE schemaname = 'public' AND tablename = 'participation' AND attname = 'participant_id'", database);
        Assert.Equal(target + 1, int.Parse(bounds, CultureInfo.InvariantCulture));

        var before = ReltuplesOf("participation", database);
        var catalogue = await store.LoadCatalogueAsync();
        var person = catalogue.CreateParticipant(ParticipantId.Parse("small-import"), data.Catalogue.Countries[0].Code, Gender.Female, null, false);
        await store.ImportParticipationsAsync([catalogue.CreateParticipation(person, catalogue.Editions[0].Id, AttendanceStatus.Attended, false)], ImportRequest.Default);
        Assert.Equal(before + 1, long.Parse(Psql("SELECT COUNT(*) FROM participation", database), CultureInfo.InvariantCulture));
        Assert.Equal(before, ReltuplesOf("participation", database));
    }

    private static long ReltuplesOf(string table, string database) =>
        long.Parse(Psql($"SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = to_regclass('{table}')", database), CultureInfo.InvariantCulture);

    private static string Psql(string sql, string database) => PostgresCluster.Shared.Psql(sql, database).Trim();
}
