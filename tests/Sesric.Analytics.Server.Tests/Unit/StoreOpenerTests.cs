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

        Assert.Equal(2, upgrade.Count);
        Assert.All(upgrade, line => Assert.Equal(LogLevel.Information, line.Level));
        Assert.Contains($"Upgrading the store {path} from schema version 4 to 5 (005_single_in_year)", upgrade[0].Text, StringComparison.Ordinal);
        Assert.Contains($"Upgrading the store {path} from schema version 5 to 6 (006_record_key)", upgrade[1].Text, StringComparison.Ordinal);
        Assert.Equal(2, logger.Lines.Count);
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
