using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric model export [FILE]</c>: writes the model as a complete model file, the starting copy to edit and pass back as
/// <c>--model</c>: the built-in model, or with <c>--model</c> the model that file gives (a file of measures comes out as
/// the built-in model with its measures appended). The file validates against <c>model.schema.json</c> and loads to the
/// same model (see <see cref="SemanticModelFile.CompleteModelJson"/>).
/// </summary>
public sealed class ModelExportCommand : BaseCommand
{
    /// <summary>The example shown in <c>--help</c>.</summary>
    public const string Example = "sesric model export my-model.json";

    private readonly Argument<FileInfo?> _file = new("FILE")
    {
        Description = "The file to write (replaced if it exists; written beside it first, so never half-written). Default: standard output.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Creates the verb.</summary>
    public ModelExportCommand(CliConsole console)
        : base("export", $"Write the model as a complete model file (JSON, valid against model.schema.json) to edit and pass back with --model: the built-in model, or the one --model gives.\n\nExample:\n  {Example}", console)
    {
        Add(_file);
        CommonOptions.AddModelTo(this);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = SemanticModelFile.CompleteModelJson(parseResult.GetValue(CommonOptions.Model));
        if (parseResult.GetValue(_file) is { } file)
        {
            await DataFiles.WriteAtomicallyAsync(file, writer => writer.WriteAsync(json.AsMemory(), cancellationToken), cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine(file.FullName);
        }
        else
        {
            Console.Out.Write(json);
        }
        Console.Out.Flush();
        return ExitCodes.Success;
    }
}
