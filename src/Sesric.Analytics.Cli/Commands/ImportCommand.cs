using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric import participations|editions|member-states|programmes FILE</c>.</summary>
/// <remarks>
/// Each import is one transaction keyed by natural keys: a file with any bad row writes nothing (every
/// problem is listed), and importing the same file again changes nothing and says so. <c>--dry-run</c> previews an
/// import; <c>import list</c> and <c>import undo ID</c> show and take back participations imports.
/// </remarks>
public sealed class ImportCommand : Command
{
    /// <summary>Creates the verb and its four subcommands.</summary>
    public ImportCommand(CliConsole console)
        : base("import", "Import a CSV file into the store: all of it or, when any row is bad, none of it.")
    {
        Add(new ImportParticipationsCommand(console));
        Add(new ImportEditionsCommand(console));
        Add(new ImportMemberStatesCommand(console));
        Add(new ImportProgrammesCommand(console));
        Add(new ImportListCommand(console));
        Add(new ImportUndoCommand(console));
    }

    /// <summary>The FILE argument each import subcommand takes.</summary>
    internal static Argument<FileInfo> CreateFileArgument(string what) => new("file")
    {
        Description = $"The {what} CSV file (UTF-8, header line; columns in the README).",
    };

    /// <summary>The <c>--dry-run</c> option each import subcommand takes.</summary>
    internal static Option<bool> CreateDryRunOption() => new("--dry-run")
    {
        Description = "Check the file and say what the import would change, writing nothing (a missing store is not created).",
    };

    /// <summary>How an import subcommand opens the store: as a preview under <c>--dry-run</c>.</summary>
    internal static StoreUse Use(ParseResult parseResult, Option<bool> dryRun) =>
        parseResult.GetValue(dryRun) ? StoreUse.Preview : StoreUse.Write;

    /// <summary>The line that ends a dry run's report.</summary>
    internal const string DryRunNote = "(dry run: nothing was written)";

    /// <summary>"N new, N updated, N unchanged", or "already imported: nothing changed".</summary>
    internal static string Describe(Storage.WriteOutcome outcome, string what) =>
        outcome.WasNoOp
            ? $"already imported: nothing changed ({outcome.Total} {what} unchanged)"
            : $"{outcome.Inserted} new, {outcome.Updated} updated, {outcome.Unchanged} unchanged {what}";
}
