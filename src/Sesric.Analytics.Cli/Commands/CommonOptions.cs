using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>Options declared once on the root command and seen by every verb (they are recursive).</summary>
public static class CommonOptions
{
    /// <summary><c>--db PATH</c>: the store file; else <c>$SESRIC_ANALYTICS_DB</c>, else the user's data folder.</summary>
    public static Option<string?> Db { get; } = new("--db")
    {
        Description = "The store file (created on first use). Default: $SESRIC_ANALYTICS_DB, else ~/.local/share/sesric-analytics/analytics.duckdb.",
        HelpName = "PATH",
        Recursive = true,
    };

    /// <summary><c>--no-seed</c>: leave a new store empty instead of filling it with the built-in dataset.</summary>
    public static Option<bool> NoSeed { get; } = new("--no-seed")
    {
        Description = "Leave a new store empty (by default a new store starts with the built-in dataset).",
        Recursive = true,
    };

    /// <summary><c>--progress auto|always|never</c>.</summary>
    public static Option<ProgressMode> Progress { get; } = new("--progress")
    {
        Description = "Show progress of long commands: auto (only on a terminal), always (plain lines when redirected), never.",
        DefaultValueFactory = _ => ProgressMode.Auto,
        Recursive = true,
    };

    /// <summary>Creates a <c>--format table|csv|json</c> option for a listing command.</summary>
    public static Option<OutputFormat> CreateFormat() => new("--format", "-f")
    {
        Description = "Output format: table (for people), csv or json (for programs).",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    /// <summary>Adds the shared options to the root command.</summary>
    internal static void AddTo(RootCommand root)
    {
        root.Add(Db);
        root.Add(NoSeed);
        root.Add(Progress);
    }
}
