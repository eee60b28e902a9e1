using DuckDB.NET.Data;

using Microsoft.Extensions.Logging;

using Sesric.Analytics.Service.Hosting;
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
            // Back to a version-4 file (what stop 9 released): schema 5 only added this column.
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "DELETE FROM schema_version WHERE version = 5; ALTER TABLE participation_fact DROP COLUMN is_single_in_year";
            command.ExecuteNonQuery();
        }
        var logger = new Captured();
        var opener = new DuckDbStoreOpener(logger);

        await (await opener.OpenAsync(path, CancellationToken.None)).DisposeAsync();
        var upgrade = logger.Lines.ToList();
        await (await opener.OpenAsync(path, CancellationToken.None)).DisposeAsync();

        var line = Assert.Single(upgrade);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains($"Upgrading the store {path} from schema version 4 to 5 (005_single_in_year)", line.Text, StringComparison.Ordinal);
        Assert.Single(logger.Lines);
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
