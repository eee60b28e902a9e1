using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Semantic.Tests.Support;

/// <summary>A real DuckDB store in a temporary folder, deleted on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly string _folder;

    private TempStore(string folder, DuckDbAnalyticsStore store)
    {
        _folder = folder;
        Store = store;
    }

    public DuckDbAnalyticsStore Store { get; }

    public static async Task<TempStore> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sesric-semantic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TempStore(folder, await DuckDbAnalyticsStore.OpenAsync(Path.Combine(folder, "analytics.duckdb")));
    }

    public async ValueTask DisposeAsync()
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
