using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Application.Tests.Support;

/// <summary>A real DuckDB file seeded with the built-in dataset, seen through a <see cref="VersionedStore"/>, deleted on dispose.</summary>
internal sealed class SeededStore : ICurrentStore, IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly DuckDbAnalyticsStore _raw;

    private SeededStore(TempFolder folder, DuckDbAnalyticsStore raw)
    {
        _folder = folder;
        _raw = raw;
        Store = new VersionedStore(raw, Version);
    }

    public DataVersion Version { get; } = new();

    public IAnalyticsStore Store { get; }

    public static async Task<SeededStore> CreateAsync()
    {
        var folder = new TempFolder("application");
        var raw = await DuckDbAnalyticsStore.OpenAsync(folder.File("analytics.duckdb"));
        await StoreSeeder.EnsureSeededAsync(raw);
        return new SeededStore(folder, raw);
    }

    public async ValueTask DisposeAsync()
    {
        await _raw.DisposeAsync();
        _folder.Dispose();
    }
}
