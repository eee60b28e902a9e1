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

    /// <summary>Where the verb writes.</summary>
    protected CliConsole Console { get; }

    /// <summary>Does the verb's work; returns an <see cref="ExitCodes"/> value.</summary>
    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the store chosen by <c>--db</c>, seeding a new one unless <c>--no-seed</c>; an upgrade of an older
    /// store to this build's schema is announced on standard error before it runs.
    /// </summary>
    protected Task<IAnalyticsStore> OpenStoreAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        StoreAccess.OpenAsync(
            parseResult.GetValue(CommonOptions.Db), !parseResult.GetValue(CommonOptions.NoSeed), new UpgradeNotice(Console.Error), cancellationToken);

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(parseResult, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportRejectedException e)
        {
            var error = Console.Error;
            error.WriteLine($"sesric: {e.Problems.Count} problem(s) found; nothing was imported:");
            foreach (var problem in e.Problems)
            {
                error.WriteLine($"  {problem}");
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
            Fail(e.Message);
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
        or Reporting.Specs.SpecException
        or Reporting.Text.MissingFontException
        or StoreVersionException
        or ArgumentException
        or FormatException
        or FileNotFoundException
        or DirectoryNotFoundException
        or UnauthorizedAccessException
        or IOException;
}
