using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;

using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Storage.Postgres;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric migrate-store --from FILE --to postgresql://…</c>: copies a DuckDB store into a PostgreSQL database (created
/// schema and all) for running several service replicas; the file is only read.
/// </summary>
public sealed class MigrateStoreCommand : BaseCommand
{
    private readonly Option<string> _from = new("--from")
    {
        Description = "The DuckDB store file to copy (read only).",
        Required = true,
    };

    private readonly Option<string> _to = new("--to")
    {
        Description = "The PostgreSQL database to fill: postgresql://user@host:port/database (the password from PGPASSWORD or ~/.pgpass).",
        Required = true,
    };

    /// <summary>Creates the verb.</summary>
    public MigrateStoreCommand(CliConsole console)
        : base(
            "migrate-store",
            "Copy a DuckDB store into PostgreSQL, for several service replicas over one database. Running it again changes nothing.\n\nExample:\n  sesric migrate-store --from analytics.duckdb --to postgresql://sesric@db:5432/analytics",
            console)
    {
        Add(_from);
        Add(_to);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var given = parseResult.GetValue(_from)!;
        if (StoreLocation.IsPostgres(given))
        {
            // The source is read as a DuckDB file; between two PostgreSQL databases the server's own tools copy faster.
            throw new UserErrorException(
                $"--from '{StoreLocation.Redact(given)}' is a PostgreSQL address, but migrate-store copies a DuckDB file into PostgreSQL: "
                + "give the DuckDB file, or copy between PostgreSQL databases with pg_dump and pg_restore (or sesric export, then import).");
        }
        var from = Path.GetFullPath(given);
        var to = parseResult.GetValue(_to)!;
        if (!StoreLocation.IsPostgres(to))
        {
            throw new UserErrorException($"--to '{StoreLocation.Redact(to)}' is not a PostgreSQL address; use postgresql://user@host:port/database.");
        }
        if (!File.Exists(from))
        {
            throw new UserErrorException($"--from '{from}' does not exist.");
        }
        await using var source = await DuckDbAnalyticsStore.OpenAsync(from, StoreAccessMode.ReadOnly, upgrades: null, cancellationToken).ConfigureAwait(false);
        await using var target = await PostgresAnalyticsStore.OpenAsync(to, cancellationToken).ConfigureAwait(false);
        var outcome = await StoreCopy.CopyAsync(source, target, cancellationToken: cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(
            $"copied {outcome.Participations.Total} participations of {outcome.Participants.Total} participants from {from} to {target.Description.Location}: "
            + $"{outcome.Participations.Inserted} new, {outcome.Participations.Updated} changed, {outcome.Participations.Unchanged} already there");
        return ExitCodes.Success;
    }
}
