using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Forecasting.Data;

/// <summary>
/// The edition history the forecaster learns from: every edition of every programme, with its context
/// and, where known, its attendance. Editions whose attendance no source gives stay gaps.
/// </summary>
/// <remarks>
/// Build it from a store with <see cref="FromStoreAsync"/>, or from a catalogue and statistics with
/// <see cref="From(Catalogue, IEnumerable{EditionStatistics})"/>. Observations are ordered by programme
/// then edition number, so everything computed from a dataset is deterministic.
/// </remarks>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class ForecastDataset
{
    private readonly IReadOnlyList<Country> _members;

    /// <summary>Builds a dataset from observations; <paramref name="memberStates"/> lets forecasts count the states eligible on a future date.</summary>
    /// <exception cref="ArgumentException">Two observations share an edition id.</exception>
    public ForecastDataset(IEnumerable<EditionObservation> observations, IEnumerable<Country>? memberStates = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var ordered = observations.OrderBy(o => o.Edition).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Edition == ordered[i - 1].Edition)
            {
                throw new ArgumentException($"duplicate edition '{ordered[i].Edition}' in the forecast history.", nameof(observations));
            }
        }
        Observations = ordered;
        Programmes = ordered.Select(o => o.Programme).Distinct().ToArray();
        _members = (memberStates ?? []).Where(c => c.Kind == CountryKind.Member).OrderBy(c => c.Code).ToArray();
        Hash = ComputeHash(ordered);
    }

    /// <summary>Every edition, ordered by programme then number.</summary>
    public IReadOnlyList<EditionObservation> Observations { get; }

    /// <summary>The programmes that have at least one edition, in id order.</summary>
    public IReadOnlyList<ProgrammeId> Programmes { get; }

    /// <summary>
    /// A SHA-256 (lower-case hex) of the observations in a canonical text form: equal data gives an equal
    /// hash, on any machine and culture. The model card records it.
    /// </summary>
    public string Hash { get; }

    /// <summary>
    /// The dataset as it stood in <paramref name="year"/>: every programme's editions held up to that year, with the same
    /// member states. A forecast trained on it knows nothing later (what a report for that year may show).
    /// </summary>
    public ForecastDataset UpTo(int year) => new(Observations.Where(o => o.Year <= year), _members);

    /// <summary>
    /// The dataset as known on <paramref name="asOf"/>: only editions that were over before that day (their last day, or
    /// 31 December of their year when their dates are unknown), with the same member states.
    /// </summary>
    public ForecastDataset AsOf(DateOnly asOf) => new(Observations.Where(o => o.EndOrYearEnd < asOf), _members);

    /// <summary>Whether the dataset has editions of <paramref name="programme"/>.</summary>
    public bool Contains(ProgrammeId programme) => Programmes.Contains(programme);

    /// <summary>The editions of one programme, by number.</summary>
    public IReadOnlyList<EditionObservation> EditionsOf(ProgrammeId programme) =>
        Observations.Where(o => o.Programme == programme).ToArray();

    /// <summary>
    /// The member states in good standing on <paramref name="day"/>, counted from the catalogue's countries,
    /// or null when the dataset was built without them.
    /// </summary>
    public int? EligibleStatesOn(DateOnly day) => _members.Count == 0 ? null : _members.Count(c => c.IsMemberOn(day));

    /// <summary>Builds the dataset from a store: its catalogue and its per-edition statistics.</summary>
    public static async Task<ForecastDataset> FromStoreAsync(IStoreReader store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        var statistics = await store.GetEditionStatisticsAsync(cancellationToken).ConfigureAwait(false);
        return From(catalogue, statistics);
    }

    /// <summary>
    /// Builds the dataset from a catalogue and per-edition statistics. Attendance is the registry's count where
    /// the registry has rows for the edition, else the published total; an edition with neither is a gap.
    /// Editions without a statistics row use their own published totals.
    /// </summary>
    public static ForecastDataset From(Catalogue catalogue, IEnumerable<EditionStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(statistics);
        var byEdition = new Dictionary<EditionId, EditionStatistics>();
        foreach (var row in statistics)
        {
            byEdition[row.Edition] = row;
        }
        var observations = catalogue.Editions.Select(edition =>
        {
            byEdition.TryGetValue(edition.Id, out var stats);
            var (participants, participantsSource) = Pick(stats, stats?.RegistryParticipants, edition.Published.Participants, stats?.Published.Participants);
            var (states, statesSource) = Pick(stats, stats?.RegistryMemberStates, edition.Published.MemberStates, stats?.Published.MemberStates);
            return new EditionObservation(
                edition.Id,
                edition.Year,
                edition.Modality,
                edition.Dates?.Days,
                edition.Dates?.Start.Month,
                edition.Partners.Count,
                catalogue.MembersOn(edition.ReferenceDate).Count(),
                participants,
                states,
                participantsSource,
                statesSource)
            {
                End = edition.Dates?.End,
            };
        });
        return new ForecastDataset(observations, catalogue.MemberStates);
    }

    private static (int? Value, AttendanceSource Source) Pick(EditionStatistics? stats, long? registry, int? editionPublished, int? statsPublished)
    {
        if (stats is { HasRegistry: true } && registry is { } counted)
        {
            return ((int)counted, AttendanceSource.Registry);
        }
        var published = statsPublished ?? editionPublished;
        return published is { } p ? (p, AttendanceSource.Published) : (null, AttendanceSource.None);
    }

    private static string ComputeHash(IEnumerable<EditionObservation> observations)
    {
        var text = new StringBuilder();
        foreach (var o in observations)
        {
            text.Append(CultureInfo.InvariantCulture, $"{o.Edition}|{o.Year}|{o.Modality.Code()}|{o.DurationDays}|{o.Month}|{o.Partners}|{o.EligibleStates}|{o.Participants}|{o.MemberStates}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
