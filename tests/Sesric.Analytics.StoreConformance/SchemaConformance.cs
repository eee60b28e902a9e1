using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.StoreConformance;

/// <summary>Forward-only migrations: a new store is at the newest schema, reopening keeps it, a newer one is refused.</summary>
public abstract class SchemaConformance
{
    /// <summary>The engine under test.</summary>
    protected abstract IStoreFactory Factory { get; }

    [Fact]
    public async Task A_new_store_is_at_the_newest_schema_version_and_reopening_keeps_its_data()
    {
        var location = Factory.NewLocation();
        var data = ConformanceData.Create(seed: 1);
        await using (var store = await Factory.OpenAsync(location))
        {
            Assert.Equal(Factory.Engine, store.Description.Engine);
            // The same schema version on every engine: a version names one schema.
            Assert.Equal(DuckDbAnalyticsStore.SupportedSchemaVersion, store.Description.SchemaVersion);
            await data.LoadIntoAsync(store);
        }
        await using var reopened = await Factory.OpenAsync(location);
        Assert.Equal(DuckDbAnalyticsStore.SupportedSchemaVersion, reopened.Description.SchemaVersion);
        Assert.Equal(data.Participations.Count, await reopened.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_store_written_by_a_newer_schema_is_refused_naming_both_versions()
    {
        var location = Factory.NewLocation();
        await (await Factory.OpenAsync(location)).DisposeAsync();
        var newer = DuckDbAnalyticsStore.SupportedSchemaVersion + 1;
        await Factory.ExecuteSqlAsync(location, $"INSERT INTO schema_version (version, name, applied_at) VALUES ({newer}, '{newer:D3}_future', CURRENT_TIMESTAMP)");
        var refused = await Assert.ThrowsAsync<StoreVersionException>(() => Factory.OpenAsync(location));
        Assert.Contains(newer.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
        Assert.Contains(DuckDbAnalyticsStore.SupportedSchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
    }
}
