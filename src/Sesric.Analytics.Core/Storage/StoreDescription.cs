namespace Sesric.Analytics.Storage;

/// <summary>Describes an open store.</summary>
/// <param name="Engine">"duckdb" or "postgresql".</param>
/// <param name="Location">The file path or the connection's host/database (never a password).</param>
/// <param name="SchemaVersion">The schema version after migration.</param>
public sealed record StoreDescription(string Engine, string Location, int SchemaVersion);
