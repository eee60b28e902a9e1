using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Storage.Postgres;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>
/// The storage projects publish their store and its options only (<see cref="StorageSurfaceRules"/>): callers depend on
/// the store's role interfaces in Core, never on how one engine's store is put together or on its driver.
/// </summary>
public sealed class StorageSurfaceTests
{
    [Fact]
    public void The_DuckDb_project_exports_only_the_store_and_its_options()
    {
        var unexpected = StorageSurfaceRules.UnexpectedExports(
            typeof(DuckDbAnalyticsStore).Assembly, typeof(DuckDbAnalyticsStore), typeof(StoreAccessMode), typeof(SchemaUpgrade));

        Assert.True(unexpected.Count == 0, "public beyond the store and its options: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void The_Postgres_project_exports_only_the_store_and_its_address()
    {
        var unexpected = StorageSurfaceRules.UnexpectedExports(
            typeof(PostgresAnalyticsStore).Assembly, typeof(PostgresAnalyticsStore), typeof(PostgresAddress));

        Assert.True(unexpected.Count == 0, "public beyond the store and its options: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void No_public_signature_of_a_storage_project_mentions_a_driver_type()
    {
        var violations = StorageSurfaceRules.DriverTypesInSignatures(typeof(DuckDbAnalyticsStore).Assembly)
            .Concat(StorageSurfaceRules.DriverTypesInSignatures(typeof(PostgresAnalyticsStore).Assembly))
            .ToList();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData(typeof(DuckDbAnalyticsStore), "ReferenceData")]
    [InlineData(typeof(DuckDbAnalyticsStore), "ImportJournal")]
    [InlineData(typeof(DuckDbAnalyticsStore), "StoreSeedRecord")]
    [InlineData(typeof(DuckDbAnalyticsStore), "StoreReads")]
    [InlineData(typeof(PostgresAnalyticsStore), "ReferenceData")]
    [InlineData(typeof(PostgresAnalyticsStore), "ImportUndo")]
    [InlineData(typeof(PostgresAnalyticsStore), "StoreReads")]
    public void The_stores_collaborators_exist_and_are_internal(Type store, string collaborator)
    {
        // Without this, a collaborator renamed or folded back into the store would leave the export rule nothing to guard.
        var type = store.Assembly.GetType($"{store.Namespace}.{collaborator}");

        Assert.NotNull(type);
        Assert.False(type.IsVisible);
    }

    [Fact]
    public void The_rules_report_a_public_type_that_is_not_allowed_and_a_driver_type_in_a_signature()
    {
        // Core exports the store's role interfaces, none of them allowed here: the scan must see them.
        var unexpected = StorageSurfaceRules.UnexpectedExports(typeof(IAnalyticsStore).Assembly, typeof(IAnalyticsStore));
        Assert.Contains(typeof(IStatementRunner).FullName!, unexpected);
        Assert.DoesNotContain(typeof(IAnalyticsStore).FullName!, unexpected);

        // This test assembly references the drivers through the stores, and declares a public signature that uses one.
        var violations = StorageSurfaceRules.DriverTypesInSignatures(typeof(DriverLeak).Assembly);
        Assert.Contains(violations, v => v.Contains("DriverLeak.Open uses DuckDB.NET.Data.DuckDBConnection", StringComparison.Ordinal));
    }

    /// <summary>A public type whose signature leaks a driver type, for the rules' own test.</summary>
    public static class DriverLeak
    {
        /// <summary>Never called.</summary>
        public static DuckDB.NET.Data.DuckDBConnection? Open() => null;
    }
}
