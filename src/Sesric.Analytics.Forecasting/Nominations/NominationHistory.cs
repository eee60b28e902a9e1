using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>
/// Every recorded nomination (a participation with a nomination date), turned into <see cref="Nominee"/> rows with
/// their features, grouped by edition. The show-up model learns from it and the backtest replays it.
/// </summary>
/// <remarks>
/// A nominee is <em>returning</em> when they attended (or completed) an edition of the same programme that ended before
/// the nomination date: what was known when the nomination came in, so no later outcome leaks into a feature. Editions are ordered by their first day, so everything computed
/// from a history is deterministic.
/// </remarks>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class NominationHistory
{
    private readonly Dictionary<EditionId, IReadOnlyList<Nominee>> _byEdition;

    private NominationHistory(Catalogue catalogue, Dictionary<EditionId, IReadOnlyList<Nominee>> byEdition)
    {
        Catalogue = catalogue;
        _byEdition = byEdition;
        Editions = byEdition.Keys
            .Select(id => catalogue.TryGetEdition(id, out var e) ? e : throw new ArgumentException($"edition {id} is not in the catalogue."))
            .OrderBy(Start).ThenBy(e => e.Id).ToArray();
    }

    /// <summary>The catalogue the rows refer to.</summary>
    public Catalogue Catalogue { get; }

    /// <summary>The editions with at least one recorded nomination, by first day.</summary>
    public IReadOnlyList<Edition> Editions { get; }

    /// <summary>Every nomination, edition by edition.</summary>
    public int Count => _byEdition.Values.Sum(v => v.Count);

    /// <summary>The nominations of one edition (empty when it has none).</summary>
    public IReadOnlyList<Nominee> Of(EditionId edition) => _byEdition.TryGetValue(edition, out var rows) ? rows : [];

    /// <summary>
    /// The history as known on <paramref name="asOf"/>: only editions that ended before that day (their outcomes were
    /// recorded by then), and only nominations received up to it.
    /// </summary>
    public NominationHistory AsOf(DateOnly asOf) => new(
        Catalogue,
        Editions.Where(e => End(e) < asOf).ToDictionary(
            e => e.Id, e => (IReadOnlyList<Nominee>)Of(e.Id).Where(n => n.NominatedOn <= asOf).ToArray()));

    /// <summary>The day an edition starts (1 July of its year when its dates are unknown).</summary>
    public static DateOnly Start(Edition edition) => edition.Dates?.Start ?? edition.ReferenceDate;

    /// <summary>The day an edition ends (31 December of its year when its dates are unknown: known to be over only then).</summary>
    public static DateOnly End(Edition edition) => NominationDatesEnd(edition);

    /// <summary>
    /// The nominations from <paramref name="participations"/> that have a nomination date; rows without one are left out
    /// (they are history from before dates were recorded, and still count towards returning participants).
    /// </summary>
    public static NominationHistory From(Catalogue catalogue, IEnumerable<Participation> participations)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(participations);
        var rows = participations.ToList();
        var attendedEnds = AttendedEnds(catalogue, rows);
        var byEdition = new Dictionary<EditionId, List<Nominee>>();
        foreach (var p in rows)
        {
            if (p.NominatedOn is not { } day || !catalogue.TryGetEdition(p.Edition, out var edition))
            {
                continue;
            }
            bool? attended = p.Status switch
            {
                AttendanceStatus.Attended or AttendanceStatus.Completed => true,
                AttendanceStatus.NoShow => false,
                _ => null,
            };
            var nominee = Build(catalogue, edition, p.Participant, day, attended, attendedEnds);
            (byEdition.TryGetValue(p.Edition, out var list) ? list : byEdition[p.Edition] = []).Add(nominee);
        }
        return new NominationHistory(catalogue, byEdition.ToDictionary(
            kv => kv.Key, kv => (IReadOnlyList<Nominee>)kv.Value.OrderBy(n => n.ParticipantId).ToArray()));
    }

    /// <summary>
    /// Turns a nomination list for <paramref name="edition"/> (outcomes ignored) into nominees, judging who is returning
    /// from <paramref name="history"/>'s participations.
    /// </summary>
    public static IReadOnlyList<Nominee> ForEdition(Catalogue catalogue, Edition edition, IEnumerable<Participation> nominations, IEnumerable<Participation> history)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(edition);
        var attendedEnds = AttendedEnds(catalogue, history.ToList());
        return nominations
            .Select(p => Build(catalogue, edition, p.Participant, p.NominatedOn ?? Start(edition), null, attendedEnds))
            .OrderBy(n => n.ParticipantId).ToArray();
    }

    private static Nominee Build(Catalogue catalogue, Edition edition, Participant person, DateOnly day, bool? attended,
        Dictionary<(ParticipantId, ProgrammeId), List<DateOnly>> attendedEnds)
    {
        var start = Start(edition);
        var returning = attendedEnds.TryGetValue((person.Id, edition.Programme), out var ends) && ends.Any(end => end < day);
        var country = catalogue.TryGetCountry(person.Country, out var c) ? c : null;
        return new Nominee(
            person.Id, edition.Id, person.Country, country?.Group ?? OicGroup.Unknown, person.Gender, person.InstitutionType, returning,
            edition.Modality, edition.Dates?.Days ?? 1, day, Math.Max(0, start.DayNumber - day.DayNumber), attended,
            country is not null && country.IsMemberOn(edition.ReferenceDate));
    }

    private static Dictionary<(ParticipantId, ProgrammeId), List<DateOnly>> AttendedEnds(Catalogue catalogue, List<Participation> rows)
    {
        var ends = new Dictionary<(ParticipantId, ProgrammeId), List<DateOnly>>();
        foreach (var p in rows)
        {
            if (p.Status.CountsAsParticipation() && catalogue.TryGetEdition(p.Edition, out var e))
            {
                var key = (p.Participant.Id, p.Edition.Programme);
                (ends.TryGetValue(key, out var list) ? list : ends[key] = []).Add(NominationDatesEnd(e));
            }
        }
        return ends;
    }

    private static DateOnly NominationDatesEnd(Edition edition) => NominationDates.LatestFor(edition);
}
