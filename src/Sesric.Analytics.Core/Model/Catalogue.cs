using System.Collections.Frozen;

namespace Sesric.Analytics.Model;

/// <summary>
/// The reference data every fact is checked against: programmes, their editions, and the member and
/// observer states. Participants and participations are built through it, so one cannot exist for an
/// unknown edition or country.
/// </summary>
/// <remarks>Invariants: ids are unique; every edition's programme is in the catalogue.</remarks>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class Catalogue
{
    private readonly FrozenDictionary<ProgrammeId, Programme> _programmes;
    private readonly FrozenDictionary<EditionId, Edition> _editions;
    private readonly FrozenDictionary<CountryCode, Country> _countries;

    /// <summary>Builds a catalogue, rejecting duplicate ids and editions of unknown programmes.</summary>
    public Catalogue(IEnumerable<Programme> programmes, IEnumerable<Edition> editions, IEnumerable<Country> countries)
    {
        _programmes = Unique(programmes, p => p.Id, "programme");
        _editions = Unique(editions, e => e.Id, "edition");
        _countries = Unique(countries, c => c.Code, "country");
        foreach (var edition in _editions.Values)
        {
            if (!_programmes.ContainsKey(edition.Programme))
            {
                throw new ArgumentException($"edition {edition.Id} belongs to unknown programme '{edition.Programme}'.", nameof(editions));
            }
        }
        Programmes = _programmes.Values.OrderBy(p => p.Id).ToArray();
        Editions = _editions.Values.OrderBy(e => e.Id).ToArray();
        Countries = _countries.Values.OrderBy(c => c.Code).ToArray();
    }

    /// <summary>An empty catalogue.</summary>
    public static Catalogue Empty { get; } = new([], [], []);

    /// <summary>Programmes by id.</summary>
    public IReadOnlyList<Programme> Programmes { get; }

    /// <summary>Editions ordered by programme then number.</summary>
    public IReadOnlyList<Edition> Editions { get; }

    /// <summary>Member and observer states ordered by code.</summary>
    public IReadOnlyList<Country> Countries { get; }

    /// <summary>The member states only.</summary>
    public IEnumerable<Country> MemberStates => Countries.Where(c => c.Kind == CountryKind.Member);

    /// <summary>The observer states only.</summary>
    public IEnumerable<Country> ObserverStates => Countries.Where(c => c.Kind == CountryKind.Observer);

    /// <summary>Looks up a programme.</summary>
    public bool TryGetProgramme(ProgrammeId id, out Programme programme) => _programmes.TryGetValue(id, out programme!);

    /// <summary>Looks up an edition.</summary>
    public bool TryGetEdition(EditionId id, out Edition edition) => _editions.TryGetValue(id, out edition!);

    /// <summary>Looks up a country.</summary>
    public bool TryGetCountry(CountryCode code, out Country country) => _countries.TryGetValue(code, out country!);

    /// <summary>The editions of one programme, by number.</summary>
    public IEnumerable<Edition> EditionsOf(ProgrammeId programme) => Editions.Where(e => e.Programme == programme);

    /// <summary>The member states in good standing on <paramref name="day"/>.</summary>
    public IEnumerable<Country> MembersOn(DateOnly day) => Countries.Where(c => c.IsMemberOn(day));

    /// <summary>Builds a participant, refusing a country code the catalogue does not know.</summary>
    /// <param name="id">The pseudonymous id.</param>
    /// <param name="country">The state the participant represents.</param>
    /// <param name="gender">The recorded gender.</param>
    /// <param name="institutionType">An optional institution category code.</param>
    /// <param name="isSynthetic">Whether the project generated the record.</param>
    /// <param name="recordKey">The person's record key, when the source carries one (see <see cref="RecordKey"/>).</param>
    public Participant CreateParticipant(ParticipantId id, CountryCode country, Gender gender, string? institutionType, bool isSynthetic, int? recordKey = null)
    {
        if (!_countries.TryGetValue(country, out var known))
        {
            throw new ArgumentException($"unknown member state '{country}': not an OIC member or observer in the catalogue.", nameof(country));
        }
        return new Participant(id, known, gender, institutionType, isSynthetic, recordKey);
    }

    /// <summary>Builds a participation, refusing an edition the catalogue does not know and a nomination date after the edition.</summary>
    public Participation CreateParticipation(Participant participant, EditionId edition, AttendanceStatus status, bool isSynthetic, DateOnly? nominatedOn = null)
    {
        if (!_editions.TryGetValue(edition, out var known))
        {
            throw new ArgumentException($"unknown edition '{edition}'.", nameof(edition));
        }
        if (nominatedOn is { } day && NominationDates.Check(known, day) is { } problem)
        {
            throw new ArgumentException($"nominated_on {day:yyyy-MM-dd} for {edition}: {problem}", nameof(nominatedOn));
        }
        return new Participation(participant, known, status, isSynthetic, nominatedOn);
    }

    /// <summary>Returns a catalogue with <paramref name="edition"/> added or replaced.</summary>
    public Catalogue WithEdition(Edition edition) =>
        new(Programmes, Editions.Where(e => e.Id != edition.Id).Append(edition), Countries);

    private static FrozenDictionary<TKey, TValue> Unique<TKey, TValue>(IEnumerable<TValue> items, Func<TValue, TKey> key, string what)
        where TKey : notnull
    {
        var map = new Dictionary<TKey, TValue>();
        foreach (var item in items)
        {
            if (!map.TryAdd(key(item), item))
            {
                throw new ArgumentException($"duplicate {what} '{key(item)}'.");
            }
        }
        return map.ToFrozenDictionary();
    }
}
