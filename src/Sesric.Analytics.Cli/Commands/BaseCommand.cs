using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Import;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// A verb: subclasses implement <see cref="ExecuteAsync"/>; this class sets the action once and turns
/// exceptions into exit codes: user mistakes print one clear message (no stack trace) and exit 1,
/// rejected imports print every problem and exit 1, faults in sesric exit 2.
/// </summary>
public abstract class BaseCommand : Command
{
    /// <summary>Creates the verb and wires its action.</summary>
    protected BaseCommand(string name, string description, CliConsole console)
        : base(name, description)
    {
        Console = console;
        SetAction(RunAsync);
    }

    private string? _createdStore;

    /// <summary>Where the verb writes.</summary>
    protected CliConsole Console { get; }

    /// <summary>Does the verb's work; returns an <see cref="ExitCodes"/> value.</summary>
    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the store chosen by <c>--db</c> for <paramref name="use"/>: read-only for a command that only reads. A store
    /// this opening creates is seeded unless <c>--no-seed</c>, said on standard error, and deleted again if the command
    /// then fails. An upgrade of an older store to this build's schema is announced on standard error before it runs.
    /// A <c>postgresql://</c> address opens that database instead (see <see cref="PostgresStoreAccess"/>).
    /// </summary>
    protected async Task<IAnalyticsStore> OpenStoreAsync(ParseResult parseResult, CancellationToken cancellationToken, StoreUse use = StoreUse.Read)
    {
        var opened = await StoreAccess.OpenAsync(
            parseResult.GetValue(CommonOptions.Db), use, !parseResult.GetValue(CommonOptions.NoSeed), Console.Error, cancellationToken).ConfigureAwait(false);
        _createdStore = opened.CreatedFile;
        return opened.Store;
    }

    /// <summary>The opened store's import journal (both engines keep one), for <c>import list</c> and <c>import undo</c>.</summary>
    protected static IImportJournal JournalOf(IAnalyticsStore store) =>
        store as IImportJournal
        ?? throw new UserErrorException($"the {store.Description.Engine} store '{store.Description.Location}' keeps no import journal, so imports cannot be listed or undone.");

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var code = await RunGuardedAsync(parseResult, cancellationToken).ConfigureAwait(false);
        if (code != ExitCodes.Success && _createdStore is { } created)
        {
            // Nothing is left behind by a command that failed: not even the store it created on the way.
            try
            {
                StoreAccess.DeleteStoreFiles(created);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail($"could not remove the store '{created}' this failed command created: {e.Message}");
            }
        }
        return code;
    }

    private async Task<int> RunGuardedAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(parseResult, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportRejectedException e)
        {
            // Each kind of problem once, with the rows it affects, and a capped listing with the true count.
            var error = Console.Error;
            foreach (var line in e.DescribeLines())
            {
                error.WriteLine(line.StartsWith(' ') ? line : $"sesric: {line}");
            }
            error.Flush();
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Fail("cancelled; an unfinished write was rolled back.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (IsUserError(e))
        {
            Fail(UserMessages.Of(e));
            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            Fail($"internal error (please report it): {e}");
            return ExitCodes.InternalError;
        }
    }

    private void Fail(string message)
    {
        Console.Error.WriteLine($"sesric: {message}");
        Console.Error.Flush();
    }

    private static bool IsUserError(Exception e) => e is UserErrorException
        or Semantic.QueryException
        or Semantic.ModelFileException
        or Reporting.Specs.SpecException
        or Reporting.Text.MissingFontException
        or StoreVersionException
        or ImportJournalException
        or StoreUpgradeRequiredException
        or ArgumentException
        or FormatException
        or FileNotFoundException
        or DirectoryNotFoundException
        or UnauthorizedAccessException
        or IOException;
}
