using DuckDB.NET.Data;

using Microsoft.Extensions.Logging;

using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.Unit;

public sealed class StoreOpenerTests : IDisposable
{
    private readonly TempFolder _folder = new("opener");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Opening_a_store_from_an_older_release_logs_the_upgrade_and_a_current_one_logs_nothing()
    {
        var path = _folder.File("store.duckdb");
        await (await DuckDbAnalyticsStore.OpenAsync(path)).DisposeAsync();
        using (var raw = new DuckDBConnection($"Data Source={path}"))
        {
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = OlderStore.BackToVersion4Sql;
            command.ExecuteNonQuery();
        }
        var logger = new Captured();
        var opener = new DuckDbStoreOpener(logger);

        await (await opener.OpenAsync(path, CancellationToken.None)).DisposeAsync();
        var upgrade = logger.Lines.ToList();
        await (await opener.OpenAsync(path, CancellationToken.None)).DisposeAsync();

        Assert.All(upgrade, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.Contains(upgrade, l => l.Text.Contains($"Upgrading the store {path} from schema version 4 to 5 (005_single_in_year)", StringComparison.Ordinal));
        Assert.Contains(upgrade, l => l.Text.Contains($"Upgrading the store {path} from schema version 5 to 6 (006_record_key)", StringComparison.Ordinal));
        Assert.Contains(upgrade, l => l.Text.Contains($"Upgrading the store {path} from schema version 6 to 7 (007_import_journal)", StringComparison.Ordinal));
        Assert.Contains(upgrade, l => l.Text.Contains($"Upgrading the store {path} from schema version 7 to 8 (008_nominated_on)", StringComparison.Ordinal));
        Assert.Contains(upgrade, l => l.Text.Contains($"Upgrading the store {path} from schema version 8 to 9 (009_fact_attendance)", StringComparison.Ordinal));
        Assert.Contains(upgrade, l => l.Text.Contains($"Upgrading the store {path} from schema version 9 to 10 (010_registry_without_keys)", StringComparison.Ordinal));
        Assert.Contains(upgrade, l => l.Text.Contains($"Upgrading the store {path} from schema version 10 to 11 (011_inserted_by_import)", StringComparison.Ordinal));
        Assert.Contains(upgrade, l => l.Text.Contains($"Upgrading the store {path} from schema version 11 to 12 (012_fixed_codes_as_enums)", StringComparison.Ordinal));
        Assert.Equal(8, upgrade.Count);
        Assert.Equal(8, logger.Lines.Count);
    }

    [Fact]
    public async Task A_store_created_empty_on_purpose_is_never_seeded_and_a_new_one_is_seeded_once()
    {
        var empty = _folder.File("empty.duckdb");
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(empty))
        {
            await store.SetSeedStateAsync(StoreSeedState.None); // what sesric --no-seed records
        }
        var fresh = _folder.File("fresh.duckdb");
        var opener = new DuckDbStoreOpener(new Captured());

        await using (var store = await opener.OpenAsync(empty, CancellationToken.None))
        {
            await opener.SeedAsync(store, CancellationToken.None);
            Assert.Equal(0, await store.CountParticipationsAsync());
            Assert.Empty((await store.LoadCatalogueAsync()).Programmes);
        }
        await using (var store = (DuckDbAnalyticsStore)await opener.OpenAsync(fresh, CancellationToken.None))
        {
            await opener.SeedAsync(store, CancellationToken.None);
            Assert.Equal(758, await store.CountParticipationsAsync());
            Assert.Equal(StoreSeedState.BuiltIn, await store.GetSeedStateAsync());
        }
    }

    private sealed class Captured : ILogger<DuckDbStoreOpener>
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
