namespace Sesric.Analytics.Storage.Postgres.Schema;

/// <summary>One forward-only schema step, read from an embedded <c>Migrations/NNN_name.sql</c> file.</summary>
/// <param name="Version">The schema version the file brings the database to (NNN), the same number as the DuckDB migration it ports.</param>
/// <param name="Name">The file's name without extension, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The statements, run in one transaction.</param>
internal sealed record Migration(int Version, string Name, string Sql);
