namespace Sesric.Analytics.Storage.Postgres;

/// <summary>
/// How an import makes its work tables (<c>import_row</c>, <c>import_participant</c>, <c>import_fact</c>): the keyword
/// after <c>CREATE</c>, and the storage options after the table's name or columns.
/// </summary>
/// <param name="Keyword"><c>TEMP</c> or <c>UNLOGGED</c>.</param>
/// <param name="Options">A <c>WITH (…)</c> clause, or empty.</param>
internal sealed record WorkTableKind(string Keyword, string Options)
{
    /// <summary>Temporary tables of the import's own session: an import into a registry that holds rows.</summary>
    public static readonly WorkTableKind Temporary = new("TEMP", "");

    /// <summary>
    /// Tables a staging session commits for the import's session to read (see <see cref="StagingSession"/>): unlogged,
    /// since scratch rows need no WAL, and left alone by autovacuum, since they live for seconds.
    /// </summary>
    public static readonly WorkTableKind Shared = new("UNLOGGED", "WITH (autovacuum_enabled = false)");
}
