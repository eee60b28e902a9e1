using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Reporting.Tests.Support;

/// <summary>One real DuckDB file seeded with the built-in dataset, shared by the tests of a class.</summary>
public sealed class SeededStore : IAsyncLifetime
{
    private readonly TempFolder _folder = new("reporting");

    public DuckDbAnalyticsStore Store { get; private set; } = null!;

    public string Folder => _folder.Path;

    public async Task InitializeAsync()
    {
        Store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("analytics.duckdb"));
        await StoreSeeder.EnsureSeededAsync(Store);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
