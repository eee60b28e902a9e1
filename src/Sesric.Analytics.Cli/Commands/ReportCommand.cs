using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric report</c>: groups the report verbs (<c>sesric report annual …</c>).</summary>
public sealed class ReportCommand : System.CommandLine.Command
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public ReportCommand(CliConsole console)
        : base("report", $"Write reports.\n\nExample:\n  {ReportAnnualCommand.Example}")
    {
        Add(new ReportAnnualCommand(console));
    }
}
