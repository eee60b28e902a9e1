namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// One schema migration about to run on an existing store file, reported while the store opens so that a
/// caller can say why opening takes a while (rebuilding the statistics table of a 10M-row store takes seconds).
/// </summary>
/// <param name="Location">The store's file.</param>
/// <param name="FromVersion">The schema version the file is at.</param>
/// <param name="ToVersion">The version the migration brings it to.</param>
/// <param name="Name">The migration's name, such as <c>005_single_in_year</c>.</param>
public sealed record SchemaUpgrade(string Location, int FromVersion, int ToVersion, string Name)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"upgrading the store '{Location}' from schema version {FromVersion} to {ToVersion} ({Name})";
}
