using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Reporting.Tests.Support;

/// <summary>One real DuckDB file seeded with the built-in dataset, shared by the tests of a class.</summary>
public sealed class SeededStore : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sesric-reporting-" + Guid.NewGuid().ToString("N"));

    public DuckDbAnalyticsStore Store { get; private set; } = null!;

    public string Folder => _folder;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Store = await DuckDbAnalyticsStore.OpenAsync(Path.Combine(_folder, "analytics.duckdb"));
        await StoreSeeder.EnsureSeededAsync(Store);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
