using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric member-states</c>: the OIC members and observers, with group, its basis, and suspensions.</summary>
public sealed class MemberStatesCommand : BaseCommand
{
    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    public MemberStatesCommand(CliConsole console)
        : base("member-states", "List the member and observer states: group and how it is known, accession, suspensions.", console)
    {
        Add(_format);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        ToListing(catalogue).Write(CommonOptions.FormatOf(parseResult, _format, Console), Console);
        return ExitCodes.Success;
    }

    internal static Listing ToListing(Catalogue catalogue) =>
        new(
            [
                new("iso3", "Code"),
                new("name_en", "Name"),
                new("name_ar", "الاسم"),
                new("name_fr", "Nom"),
                new("kind", "Kind"),
                new("oic_group", "OIC group"),
                new("group_basis", "Group basis"),
                new("accession_year", "Joined", Numeric: true),
                new("observer_since", "Observer since", Numeric: true),
                new("suspensions", "Suspended"),
            ],
            catalogue.MemberStates.Concat(catalogue.ObserverStates).Select(c => new object?[]
            {
                c.Code.Value, c.Name.English, c.Name.Arabic, c.Name.French,
                c.Kind == CountryKind.Member ? "member" : "observer",
                c.Kind == CountryKind.Member ? c.Group.Name() : null,
                c.Kind == CountryKind.Member ? c.GroupBasis.Code() : null,
                c.AccessionYear, c.ObserverSince,
                c.Suspensions.Count == 0 ? null : CountryCsv.FormatSuspensions(c.Suspensions),
            }).ToArray());
}
