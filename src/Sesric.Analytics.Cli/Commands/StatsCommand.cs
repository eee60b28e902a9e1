using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric stats</c>: per edition, what the registry counts beside what was published, and whether they agree.</summary>
public sealed class StatsCommand : BaseCommand
{
    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    public StatsCommand(CliConsole console)
        : base("stats", "Per edition: registry participants and member states beside the published totals, and whether they agree.", console)
    {
        Add(_format);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var statistics = await store.GetEditionStatisticsAsync(cancellationToken).ConfigureAwait(false);
        ToListing(statistics).Write(CommonOptions.FormatOf(parseResult, _format, Console), Console);
        return ExitCodes.Success;
    }

    internal static Listing ToListing(IReadOnlyList<EditionStatistics> statistics) =>
        new(
            [
                new("programme", "Programme"),
                new("edition", "Ed.", Numeric: true),
                new("year", "Year", Numeric: true),
                new("registry_participants", "Registry participants", Numeric: true),
                new("registry_member_states", "Registry member states", Numeric: true),
                new("published_participants", "Published participants", Numeric: true),
                new("published_member_states", "Published member states", Numeric: true),
                new("agreement", "Agreement"),
                new("registry_observer_participants", "Observer/suspended participants", Numeric: true),
                new("synthetic_rows", "Synthetic rows", Numeric: true),
            ],
            statistics.Select(s => new object?[]
            {
                s.Edition.Programme.Value, s.Edition.Number, s.Year, s.RegistryParticipants, s.RegistryMemberStates,
                s.Published.Participants, s.Published.MemberStates, AgreementCode(s.Agreement),
                s.RegistryObserverParticipants, s.SyntheticParticipations,
            }).ToArray());

    /// <summary><c>agree</c>, <c>differ</c> or <c>not_comparable</c>.</summary>
    internal static string AgreementCode(Agreement agreement) => agreement switch
    {
        Agreement.Agree => "agree",
        Agreement.Differ => "differ",
        _ => "not_comparable",
    };
}
