using System.Globalization;
using System.Reflection;

using DuckDB.NET.Data;

using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb.Schema;

/// <summary>
/// Brings a store file to the newest schema: reads the recorded version from <c>schema_version</c>,
/// applies each newer embedded migration in its own transaction (the script and its version row commit
/// together), and refuses a file whose version is newer than this build knows.
/// </summary>
/// <remarks>Migrations are forward-only: there is no down step. A failed step rolls back whole, leaving the
/// file at the previous version.</remarks>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "Sesric.Analytics.Storage.DuckDb.Migrations.";

    /// <summary>Every embedded migration, by version (1, 2, … without gaps).</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => All[^1].Version;

    /// <summary>Reads the schema version recorded in the store (0 for a new, empty file).</summary>
    public static int CurrentVersion(DuckDBConnection connection)
    {
        EnsureVersionTable(connection);
        return (int)connection.ScalarLong("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    }

    /// <summary>
    /// Reads the store's version without writing anything (for read-only and preview openings), and refuses a store
    /// that is not at <see cref="LatestVersion"/>.
    /// </summary>
    /// <exception cref="StoreVersionException">The store is newer than this build.</exception>
    /// <exception cref="StoreUpgradeRequiredException">The store is older (or empty) and would need an upgrade, a write.</exception>
    public static int CheckCurrent(DuckDBConnection connection, string location)
    {
        var hasTable = connection.ScalarLong(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version' AND table_schema = 'main'") > 0;
        var current = hasTable ? (int)connection.ScalarLong("SELECT COALESCE(MAX(version), 0) FROM schema_version") : 0;
        if (current > LatestVersion)
        {
            throw new StoreVersionException(location, current, LatestVersion);
        }
        if (current < LatestVersion)
        {
            throw new StoreUpgradeRequiredException(location, current, LatestVersion);
        }
        return current;
    }

    /// <summary>Applies the migrations after the store's version, up to <paramref name="targetVersion"/>.</summary>
    /// <param name="connection">An open connection to the store.</param>
    /// <param name="location">The store's path, for error messages.</param>
    /// <param name="targetVersion">The version to stop at (normally <see cref="LatestVersion"/>; tests stop earlier).</param>
    /// <param name="upgrades">Told before each migration on a file that already had a schema (not on a new file).</param>
    /// <returns>The version the store is at afterwards.</returns>
    /// <exception cref="StoreVersionException">The store is newer than this build.</exception>
    public static int Migrate(DuckDBConnection connection, string location, int targetVersion, IProgress<SchemaUpgrade>? upgrades = null)
    {
        var current = CurrentVersion(connection);
        if (current > LatestVersion)
        {
            throw new StoreVersionException(location, current, LatestVersion);
        }
        var existing = current > 0;
        foreach (var migration in All.Where(m => m.Version > current && m.Version <= targetVersion))
        {
            if (existing)
            {
                upgrades?.Report(new SchemaUpgrade(location, current, migration.Version, migration.Name));
            }
            using var transaction = connection.BeginTransaction();
            try
            {
                connection.Execute(migration.Sql);
                connection.Execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, CAST(CURRENT_TIMESTAMP AS TIMESTAMP))",
                    (long)migration.Version,
                    migration.Name);
                transaction.Commit();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                transaction.Rollback();
                throw new InvalidOperationException(
                    $"migrating the store '{location}' to schema version {migration.Version} ({migration.Name}) failed; "
                    + $"it stays at version {current}: {e.Message}", e);
            }
            current = migration.Version;
        }
        return current;
    }

    private static void EnsureVersionTable(DuckDBConnection connection) =>
        connection.Execute(
            """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                name        VARCHAR NOT NULL,
                applied_at  TIMESTAMP NOT NULL
            )
            """);

    private static List<Migration> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .OrderBy(m => m.Version)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"embedded migrations must be numbered 1, 2, … without gaps; found {string.Join(", ", migrations.Select(m => m.Name))}.");
            }
        }
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException("no embedded migrations found (Migrations/NNN_name.sql).");
        }
        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(name[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"migration '{name}.sql' must be named NNN_description.sql.");
        }
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, name, reader.ReadToEnd());
    }
}
