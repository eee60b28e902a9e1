using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric editions</c>: every edition with its facts, published totals and registry counts.</summary>
public sealed class EditionsCommand : BaseCommand
{
    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    public EditionsCommand(CliConsole console)
        : base("editions", "List the editions: programme, year, dates, modality, host, published and registry totals.", console)
    {
        Add(_format);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        var statistics = (await store.GetEditionStatisticsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Edition);
        ToListing(catalogue, statistics).Write(CommonOptions.FormatOf(parseResult, _format, Console), Console);
        return ExitCodes.Success;
    }

    internal static Listing ToListing(Catalogue catalogue, IReadOnlyDictionary<EditionId, EditionStatistics> statistics) =>
        new(
            [
                new("programme", "Programme"),
                new("edition", "Ed.", Numeric: true),
                new("year", "Year", Numeric: true),
                new("start_date", "Start"),
                new("end_date", "End"),
                new("modality", "Modality"),
                new("host_city", "Host city"),
                new("host_country", "Host"),
                new("published_participants", "Published participants", Numeric: true),
                new("published_participants_is_lower_bound", "At least"),
                new("published_member_states", "Published member states", Numeric: true),
                new("registry_participants", "Registry participants", Numeric: true),
                new("registry_member_states", "Registry member states", Numeric: true),
            ],
            catalogue.Editions.Select(e =>
            {
                var registry = statistics.GetValueOrDefault(e.Id);
                return new object?[]
                {
                    e.Programme.Value, e.Number, e.Year, e.Dates?.Start, e.Dates?.End, e.Modality.Code(), e.HostCity, e.HostCountry?.Value,
                    e.Published.Participants, e.Published.ParticipantsIsLowerBound, e.Published.MemberStates,
                    registry?.RegistryParticipants ?? 0L, registry?.RegistryMemberStates ?? 0L,
                };
            }).ToArray());
}
