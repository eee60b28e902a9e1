using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Import;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric import programmes FILE</c>: programmes with their names in English, Arabic and French.</summary>
public sealed class ImportProgrammesCommand : BaseCommand
{
    private readonly Option<bool> _dryRun = ImportCommand.CreateDryRunOption();
    private readonly Argument<FileInfo> _file = ImportCommand.CreateFileArgument("programmes");

    /// <summary>Creates the verb.</summary>
    public ImportProgrammesCommand(CliConsole console)
        : base("programmes", "Import programmes (programme, name_en, name_ar, name_fr, start_year, source_url).", console)
    {
        Add(_file);
        Add(_dryRun);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetRequiredValue(_file);
        await using var stream = DataFiles.OpenRead(file);
        using var reader = DataFiles.Reader(stream);
        var programmes = ProgrammeCsv.Read(reader);
        await using var store = await OpenStoreAsync(parseResult, cancellationToken, ImportCommand.Use(parseResult, _dryRun)).ConfigureAwait(false);
        var outcome = await store.UpsertProgrammesAsync(programmes, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(parseResult.GetValue(_dryRun)
            ? $"{file.Name}: would import: {ImportCommand.Describe(outcome, "programmes")} {ImportCommand.DryRunNote}"
            : $"{file.Name}: {ImportCommand.Describe(outcome, "programmes")}");
        return ExitCodes.Success;
    }
}
