using System.Globalization;
using System.Reflection;

using Npgsql;

using Sesric.Analytics.Storage.Postgres.Sql;

namespace Sesric.Analytics.Storage.Postgres.Schema;

/// <summary>
/// Brings a PostgreSQL database to the newest schema: reads the recorded version from <c>schema_version</c>,
/// applies each newer embedded migration in its own transaction (the script and its version row commit
/// together), and refuses a database whose version is newer than this build knows.
/// </summary>
/// <remarks>
/// <para>Migrations are forward-only, numbered as the DuckDB store's: version N is the same schema on both engines.
/// To add one, drop <c>Migrations/NNN_name.sql</c> next to the others (the next number, no gaps).</para>
/// <para>Several replicas may start at once against one database: the whole migration runs under a session advisory
/// lock, so one replica migrates and the others, once they hold the lock, find the database current.</para>
/// </remarks>
internal static class PostgresMigrator
{
    /// <summary>The advisory lock key the migration holds (any fixed 64-bit number; "sesric-m" in ASCII).</summary>
    public const long MigrationLock = 0x73657372_69632d6d;

    private const string ResourcePrefix = "Sesric.Analytics.Storage.Postgres.Migrations.";

    /// <summary>Every embedded migration, by version (1, 2, … without gaps).</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => All[^1].Version;

    /// <summary>Applies the migrations after the database's version, up to <paramref name="targetVersion"/>.</summary>
    /// <exception cref="StoreVersionException">The database is newer than this build.</exception>
    public static int Migrate(NpgsqlConnection connection, string location, int targetVersion, Action<int, int, string>? upgrading = null)
    {
        connection.Execute("SELECT pg_advisory_lock($1)", MigrationLock);
        try
        {
            connection.Execute(
                """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     INTEGER PRIMARY KEY,
                    name        VARCHAR NOT NULL,
                    applied_at  TIMESTAMP NOT NULL
                )
                """);
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
                    upgrading?.Invoke(current, migration.Version, migration.Name);
                }
                using var transaction = connection.BeginTransaction();
                try
                {
                    connection.Execute(migration.Sql);
                    connection.Execute(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, CAST(CURRENT_TIMESTAMP AS TIMESTAMP))",
                        migration.Version,
                        migration.Name);
                    transaction.Commit();
                }
                catch (Exception e) when (e is PostgresException)
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
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock($1)", MigrationLock);
        }
    }

    /// <summary>The version recorded in the database (0 for an empty one).</summary>
    public static int CurrentVersion(NpgsqlConnection connection) =>
        (int)connection.ScalarLong("SELECT COALESCE(MAX(version), 0) FROM schema_version");

    /// <summary>The version recorded in the database, or 0 when it has no schema yet; creates nothing (for a preview).</summary>
    public static int CurrentVersionIfAny(NpgsqlConnection connection) =>
        connection.ScalarLong("SELECT CAST(to_regclass('schema_version') IS NOT NULL AS INTEGER)") == 0 ? 0 : CurrentVersion(connection);

    private static List<Migration> Load()
    {
        var assembly = typeof(PostgresMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .OrderBy(m => m.Version)
            .ToList();
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException("no embedded migrations found (Migrations/NNN_name.sql).");
        }
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"embedded migrations must be numbered 1, 2, … without gaps; found {string.Join(", ", migrations.Select(m => m.Name))}.");
            }
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
