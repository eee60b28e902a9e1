using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric import undo ID</c>: takes one participations import back out of the store, restoring every row it
/// inserted or changed, in one transaction (see <see cref="IImportJournal"/>).
/// </summary>
public sealed class ImportUndoCommand : BaseCommand
{
    private readonly Argument<long> _id = new("import")
    {
        Description = "The import's number, as 'sesric import participations' printed it and 'sesric import list' shows it.",
    };

    /// <summary>Creates the verb.</summary>
    public ImportUndoCommand(CliConsole console)
        : base("undo", "Undo one participations import: its new rows are removed and the rows it changed get their earlier values back.\n\nExample:\n  sesric import undo 2", console)
    {
        Add(_id);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var id = parseResult.GetValue(_id);
        await using var store = await OpenStoreAsync(parseResult, cancellationToken, StoreUse.Write).ConfigureAwait(false);
        var undone = await JournalOf(store).UndoImportAsync(id, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(
            $"undid import {undone.Id}{(undone.Source is { } source ? $" ({source})" : "")}: removed {undone.Participations.Inserted} participations "
            + $"and {undone.Participants.Inserted} participants, restored {undone.Participations.Updated} participations "
            + $"and {undone.Participants.Updated} participants");
        return ExitCodes.Success;
    }
}
