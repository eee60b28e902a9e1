using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Import;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric import member-states FILE</c>: member and observer states with groups and suspensions.</summary>
public sealed class ImportMemberStatesCommand : BaseCommand
{
    private readonly Option<bool> _dryRun = ImportCommand.CreateDryRunOption();
    private readonly Argument<FileInfo> _file = ImportCommand.CreateFileArgument("member states");

    /// <summary>Creates the verb.</summary>
    public ImportMemberStatesCommand(CliConsole console)
        : base("member-states", "Import member and observer states (iso3, kind, names, accession, OIC group and basis, suspensions).", console)
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
        var countries = CountryCsv.Read(reader);
        await using var store = await OpenStoreAsync(parseResult, cancellationToken, ImportCommand.Use(parseResult, _dryRun)).ConfigureAwait(false);
        var outcome = await store.UpsertCountriesAsync(countries, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(parseResult.GetValue(_dryRun)
            ? $"{file.Name}: would import: {ImportCommand.Describe(outcome, "member and observer states")} {ImportCommand.DryRunNote}"
            : $"{file.Name}: {ImportCommand.Describe(outcome, "member and observer states")}");
        return ExitCodes.Success;
    }
}
