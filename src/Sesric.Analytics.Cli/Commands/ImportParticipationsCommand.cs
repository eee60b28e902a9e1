using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Import;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric import participations FILE</c>: streams the file into one transaction, with progress on a terminal.</summary>
public sealed class ImportParticipationsCommand : BaseCommand
{
    private readonly Argument<FileInfo> _file = ImportCommand.CreateFileArgument("participations");

    private readonly Option<bool> _dryRun = ImportCommand.CreateDryRunOption();

    private readonly Option<string?> _requestId = new("--request-id")
    {
        Description = "An idempotency key: a second import with the same key writes nothing and reports the first result.",
    };

    /// <summary>Creates the verb.</summary>
    public ImportParticipationsCommand(CliConsole console)
        : base("participations", "Import participations (programme, edition, participant_id, country_iso3, gender, institution_type, attendance, synthetic).", console)
    {
        Add(_file);
        Add(_requestId);
        Add(_dryRun);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetRequiredValue(_file);
        await using var stream = DataFiles.OpenRead(file);
        await using var store = await OpenStoreAsync(parseResult, cancellationToken, ImportCommand.Use(parseResult, _dryRun)).ConfigureAwait(false);
        var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        using var reader = DataFiles.Reader(stream);
        // A store that checks the rows against each other itself gets the file as lines: the reader then keeps nothing per
        // person, so the command's memory does not grow with the file.
        var lines = ParticipationCsvLines.Open(reader, catalogue, file.Name);
        var length = Math.Max(1, stream.Length);
        var outcome = await RowProgress.RunAsync(
            Console,
            parseResult.GetValue(CommonOptions.Progress),
            $"importing {file.Name}",
            () => (double)stream.Position / length,
            progress =>
            {
                var request = new ImportRequest(parseResult.GetValue(_requestId), progress) { Source = file.Name };
                return store is IParticipationFileImporter importer
                    ? importer.ImportParticipationsAsync(lines, request, cancellationToken)
                    : store.ImportParticipationsAsync(lines.ReadChecked(), request, cancellationToken);
            })
            .ConfigureAwait(false);

        var dryRun = parseResult.GetValue(_dryRun);
        var summary = outcome switch
        {
            { WasReplay: true } => "already imported (request id seen before): nothing changed",
            { WasNoOp: true } => $"already imported: nothing changed ({outcome.Participations.Total} participations unchanged)",
            _ => $"{ImportCommand.Describe(outcome.Participations, "participations")}; "
                + $"participants: {outcome.Participants.Inserted} new, {outcome.Participants.Updated} updated, {outcome.Participants.Unchanged} unchanged",
        };
        Console.Out.WriteLine(dryRun
            ? $"{file.Name}: would import: {summary} {ImportCommand.DryRunNote}"
            : outcome.ImportId is { } id
                ? $"{file.Name}: {summary}; import {id} (undo it with: sesric import undo {id})"
                : $"{file.Name}: {summary}");
        return ExitCodes.Success;
    }
}
