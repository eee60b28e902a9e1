using System.Diagnostics;
using System.Globalization;

using Npgsql;

using Sesric.Analytics.Model;
using Sesric.Analytics.StoreConformance;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>
/// Cancelling an import stops the statement PostgreSQL is running, not only the import's next step: the import is held
/// inside one statement (its fact-row write waits for a lock another session holds on <c>participation_fact</c>) and
/// must end, rolled back, soon after the token fires while that lock is still held.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class ImportCancellationTests
{
    [Fact]
    public async Task Cancelling_an_import_stops_the_statement_the_server_is_running_and_keeps_nothing()
    {
        var address = PostgresCluster.Shared.CreateUniqueDatabase("cancel");
        var database = address[(address.LastIndexOf('/') + 1)..];
        var data = ConformanceData.Create(seed: 9, people: 40);
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        await data.LoadIntoAsync(store);
        var participationsBefore = Count("participation", database);
        var importsBefore = Count("import_batch", database);
        var catalogue = await store.LoadCatalogueAsync();
        var person = catalogue.CreateParticipant(ParticipantId.Parse("held-by-a-lock"), data.Catalogue.Countries[0].Code, Gender.Female, null, false);
        Participation[] rows = [catalogue.CreateParticipation(person, catalogue.Editions[0].Id, AttendanceStatus.Attended, false)];

        await using var blocker = new NpgsqlConnection(
            $"Host=127.0.0.1;Port={PostgresCluster.Shared.Port};Username={PostgresCluster.User};Database={database};Pooling=false");
        await blocker.OpenAsync();
        await using var held = await blocker.BeginTransactionAsync();
        await using (var lockFacts = new NpgsqlCommand("LOCK TABLE participation_fact IN ACCESS EXCLUSIVE MODE", blocker, held))
        {
            await lockFacts.ExecuteNonQueryAsync();
        }

        using var cancel = new CancellationTokenSource();
        var import = store.ImportParticipationsAsync(rows, ImportRequest.Default, cancel.Token);
        await WaitUntilAStatementWaitsForALockAsync(blocker, import);

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var finished = await Task.WhenAny(import, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.True(
            finished == import,
            "the import still waited inside its statement 15 s after the token fired: the cancellation did not reach the server");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the import ended {clock.Elapsed.TotalSeconds:F1} s after the token fired");

        await held.RollbackAsync();
        Assert.Equal(participationsBefore, Count("participation", database));
        Assert.Equal(importsBefore, Count("import_batch", database));
        Assert.Equal("0", Psql("SELECT COUNT(*) FROM participant WHERE participant_id = 'held-by-a-lock'", database));
        // The store is usable afterwards: the same rows import normally once the lock is gone.
        var outcome = await store.ImportParticipationsAsync(rows, ImportRequest.Default);
        Assert.Equal(1, outcome.Participations.Inserted);
    }

    /// <summary>Waits (up to 60 s) until a session of this database waits for a lock, failing early if the import ends first.</summary>
    private static async Task WaitUntilAStatementWaitsForALockAsync(NpgsqlConnection observer, Task import)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(import.IsCompleted, $"the import ended before it reached the locked table: {import.Exception?.GetBaseException().Message}");
            await using var waiting = new NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", observer);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("the import never waited for the lock on participation_fact within 60 s");
    }

    private static long Count(string table, string database) =>
        long.Parse(Psql($"SELECT COUNT(*) FROM {table}", database), CultureInfo.InvariantCulture);

    private static string Psql(string sql, string database) => PostgresCluster.Shared.Psql(sql, database).Trim();
}
