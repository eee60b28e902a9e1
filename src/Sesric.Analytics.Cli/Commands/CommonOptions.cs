using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>Options declared once on the root command and seen by every verb (they are recursive).</summary>
public static class CommonOptions
{
    /// <summary>
    /// <c>--db PATH</c>: the store file, or a <c>postgresql://user@host:port/database</c> address; else
    /// <c>$SESRIC_ANALYTICS_DB</c>, else the user's data folder.
    /// </summary>
    public static Option<string?> Db { get; } = new("--db")
    {
        Description = "The store: a DuckDB file (created on first use) or a PostgreSQL database, postgresql://user@host:port/database (password from PGPASSWORD or ~/.pgpass). Default: $SESRIC_ANALYTICS_DB, else ~/.local/share/sesric-analytics/analytics.duckdb.",
        HelpName = "PATH",
        Recursive = true,
    };

    /// <summary><c>--no-seed</c>: leave a new store empty instead of filling it with the built-in dataset.</summary>
    public static Option<bool> NoSeed { get; } = new("--no-seed")
    {
        Description = "Leave a new store empty (by default a new store starts with the built-in dataset).",
        Recursive = true,
    };

    /// <summary><c>--trace FILE</c>: record the command's spans (queries, SQL, rendering, training) to a JSON file.</summary>
    public static Option<string?> Trace { get; } = new("--trace")
    {
        Description = "Record where the command spent its time (each query, SQL statement, chart and training, nested) to FILE as indented JSON.",
        HelpName = "FILE",
        Recursive = true,
    };

    /// <summary>
    /// <c>--model FILE</c>: a model file that adds measures to the built-in model, or, when it declares dimensions, replaces it
    /// (see samples/model). Offered only by the verbs that compute measures (<see cref="ModelVerbs"/>, each adds it with
    /// <see cref="AddModelTo"/>); the others (import, export, keys, generate, stats, editions, member-states, backtest,
    /// migrate-store) never read a model, so there it is an unknown option, an error rather than a file silently ignored.
    /// </summary>
    public static Option<string?> Model { get; } = new("--model")
    {
        Description = $"A model file (JSON; schema: src/Sesric.Analytics.Semantic/Model/model.schema.json): a file of measures only adds them to the built-in model (samples/model/completion-rate.json); a file that declares dimensions is a complete model and replaces it (samples/model/registry-only.json). Default: the built-in model only. Taken by the verbs that compute measures ({ModelVerbs}); the others never read a model and refuse the option. With --help, sesric query lists the file's measures too.",
        HelpName = "FILE",
    };

    /// <summary>The verbs that compute measures and so take <c>--model</c> (the service takes <c>Sesric:ModelPath</c> too).</summary>
    public const string ModelVerbs = "query, chart, report annual, forecast (its --chart), model show, model export, serve";

    /// <summary>Offers <c>--model</c> on <paramref name="verb"/>, one of <see cref="ModelVerbs"/>.</summary>
    internal static void AddModelTo(Command verb) => verb.Add(Model);

    /// <summary>
    /// The model the command computes with: the built-in model plus the measures of <c>--model</c>; a bad file is a
    /// user error naming the file, the path and the position.
    /// </summary>
    public static Semantic.SemanticModel ModelOf(ParseResult parseResult) => Semantic.SemanticModelFile.Load(parseResult.GetValue(Model));

    /// <summary><c>--progress auto|always|never</c> (auto when not given).</summary>
    public static Option<ProgressMode> Progress { get; } = CreateProgress();

    /// <summary>Creates a <c>--format table|csv|json|tsv</c> option for a listing command: null when not given (see <see cref="FormatOf"/>).</summary>
    public static Option<OutputFormat?> CreateFormat() => ChoiceOption.Optional(
        "--format",
        "-f",
        "Output format: table (for people, drawn to the terminal's width), csv or json (for programs), tsv (tab-separated lines; "
        + "the default when standard output is not a terminal, so a pipe never gets a drawn table). Default: table on a terminal.",
        OutputFormat.Table,
        OutputFormat.Csv,
        OutputFormat.Json,
        OutputFormat.Tsv);

    /// <summary>The format asked for, else a table on a terminal and tab-separated lines on a pipe or in a file.</summary>
    public static OutputFormat FormatOf(ParseResult parseResult, Option<OutputFormat?> option, Hosting.CliConsole console) =>
        parseResult.GetValue(option) ?? (console.OutIsTerminal ? OutputFormat.Table : OutputFormat.Tsv);

    private static Option<ProgressMode> CreateProgress()
    {
        var option = ChoiceOption.WithDefault(
            "--progress",
            "Show progress of long commands: auto (only on a terminal; the default), always (plain lines when redirected), never.",
            ProgressMode.Auto,
            ProgressMode.Always,
            ProgressMode.Never);
        option.Recursive = true;
        return option;
    }

    /// <summary>Adds the shared options to the root command.</summary>
    internal static void AddTo(RootCommand root)
    {
        root.Add(Db);
        root.Add(NoSeed);
        root.Add(Progress);
        root.Add(Trace);
    }
}
