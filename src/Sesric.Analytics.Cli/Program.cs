using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli;

/// <summary>The <c>sesric</c> entry point.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen verb; Ctrl-C cancels it (an unfinished write rolls back).</summary>
    public static Task<int> Main(string[] args) => SesricCli.RunAsync(args, CliConsole.FromProcess(), handleTermination: true);
}
