using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests.Cli;

/// <summary>
/// A DuckDB file and a PostgreSQL database, each created by its first <c>sesric</c> command and so filled with the
/// built-in dataset, shared by one test class's read-only tests.
/// </summary>
public sealed class SeededStores : IAsyncLifetime
{
    private readonly TempFolder _folder = new("cli-postgres");

    /// <summary>The DuckDB store file.</summary>
    public string DuckDb => _folder.File("analytics.duckdb");

    /// <summary>The PostgreSQL store address.</summary>
    public string Postgres { get; } = PostgresCluster.Shared.CreateUniqueDatabase("cli");

    /// <summary>A folder for the tests' output files.</summary>
    public string Folder => _folder.Path;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        await CliRun.SucceedOnAsync(DuckDb, "stats");
        await CliRun.SucceedOnAsync(Postgres, "stats");
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
