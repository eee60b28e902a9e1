using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Import;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric import editions FILE</c>: editions with their published totals; their programmes must be in the store.</summary>
public sealed class ImportEditionsCommand : BaseCommand
{
    private readonly Option<bool> _dryRun = ImportCommand.CreateDryRunOption();
    private readonly Argument<FileInfo> _file = ImportCommand.CreateFileArgument("editions");

    /// <summary>Creates the verb.</summary>
    public ImportEditionsCommand(CliConsole console)
        : base("editions", "Import editions (programme, edition, year, dates, modality, host, partners, theme, published totals, source).", console)
    {
        Add(_file);
        Add(_dryRun);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetRequiredValue(_file);
        await using var stream = DataFiles.OpenRead(file);
        await using var store = await OpenStoreAsync(parseResult, cancellationToken, ImportCommand.Use(parseResult, _dryRun)).ConfigureAwait(false);
        var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        using var reader = DataFiles.Reader(stream);
        var editions = EditionCsv.Read(reader, catalogue);
        var outcome = await store.UpsertEditionsAsync(editions, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(parseResult.GetValue(_dryRun)
            ? $"{file.Name}: would import: {ImportCommand.Describe(outcome, "editions")} {ImportCommand.DryRunNote}"
            : $"{file.Name}: {ImportCommand.Describe(outcome, "editions")}");
        return ExitCodes.Success;
    }
}
