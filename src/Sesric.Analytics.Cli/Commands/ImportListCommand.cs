using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric import list</c>: the participations imports the store has journalled, with their numbers for <c>import undo</c>.</summary>
public sealed class ImportListCommand : BaseCommand
{
    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    public ImportListCommand(CliConsole console)
        : base("list", "List the participations imports of the store: number, when, file, rows changed, and whether undone.", console)
    {
        Add(_format);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var imports = await JournalOf(store).ListImportsAsync(cancellationToken).ConfigureAwait(false);
        ToListing(imports).Write(CommonOptions.FormatOf(parseResult, _format, Console), Console);
        return ExitCodes.Success;
    }

    internal static Listing ToListing(IReadOnlyList<ImportRecord> imports) =>
        new(
            [
                new("import", "Import", Numeric: true),
                new("imported_at", "Imported (UTC)"),
                new("source", "From"),
                new("request_id", "Request id"),
                new("participations_inserted", "Participations new", Numeric: true),
                new("participations_updated", "Participations updated", Numeric: true),
                new("participants_inserted", "Participants new", Numeric: true),
                new("participants_updated", "Participants updated", Numeric: true),
                new("undone_at", "Undone (UTC)"),
            ],
            imports.Select(i => new object?[]
            {
                i.Id, Timestamp(i.ImportedAt), i.Source, i.RequestId,
                i.Participations.Inserted, i.Participations.Updated, i.Participants.Inserted, i.Participants.Updated,
                i.UndoneAt is { } undone ? Timestamp(undone) : null,
            }).ToArray());

    private static string Timestamp(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
