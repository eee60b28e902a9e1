using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Semantic.Tests.Support;

/// <summary>A real DuckDB store in a temporary folder, deleted on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private TempStore(TempFolder folder, DuckDbAnalyticsStore store)
    {
        _folder = folder;
        Store = store;
    }

    public DuckDbAnalyticsStore Store { get; }

    public static async Task<TempStore> CreateAsync()
    {
        var folder = new TempFolder("semantic");
        return new TempStore(folder, await DuckDbAnalyticsStore.OpenAsync(folder.File("analytics.duckdb")));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
