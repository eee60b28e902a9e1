using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric model</c>: groups the model verbs (<c>sesric model show</c>).</summary>
public sealed class ModelCommand : System.CommandLine.Command
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public ModelCommand(CliConsole console)
        : base("model", "Describe the semantic model: the dimensions and measures queries, charts and reports are built from.\n\nExample:\n  sesric model show")
    {
        Add(new ModelShowCommand(console));
    }
}
