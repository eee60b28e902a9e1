using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric model</c>: groups the model verbs (<c>sesric model show</c>, <c>sesric model export</c>).</summary>
public sealed class ModelCommand : System.CommandLine.Command
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public ModelCommand(CliConsole console)
        : base("model", $"Describe the semantic model: the dimensions and measures queries, charts and reports are built from.\n\nExamples:\n  sesric model show\n  sesric model show --model FILE   (a model file's measures and dimensions)\n  {ModelExportCommand.Example}   (a starting copy of the built-in model to edit)")
    {
        Add(new ModelShowCommand(console));
        Add(new ModelExportCommand(console));
    }
}
