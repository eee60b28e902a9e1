using System.Globalization;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Dataset;

/// <summary>
/// Builds the synthetic participant registry of the built-in dataset: for every edition whose published
/// participants and member states are both known, participants who reproduce those two figures exactly.
/// </summary>
/// <remarks>
/// <para>Counted participants (attended or completed) = published participants, and distinct member states in
/// good standing on the edition's <see cref="Edition.ReferenceDate"/> = published member states. Each chosen
/// member state sends at least one participant; the remaining places are spread with random weights.
/// A few extra registrations with status no-show come from already represented states, so they change
/// neither figure.</para>
/// <para>Every row has a nomination date before the edition's reference date: attendees were nominated 20–120 days
/// ahead, no-shows 3–60 days ahead (late nominations lose people), so the nomination forecast has a pattern to learn.
/// The dates are derived from the participant and edition (not drawn from the shared generator), so adding them
/// moved no other draw and the published totals are reproduced exactly as before.</para>
/// <para>Editions with an unknown figure get no rows. Deterministic: the only randomness is a
/// <see cref="DeterministicRandom"/> seeded from the given seed and the edition id.</para>
/// </remarks>
internal static class SyntheticRegistry
{
    /// <summary>Share of extra no-show registrations, relative to participants.</summary>
    private const double NoShowShare = 0.03;

    public static IReadOnlyList<Participation> Generate(Catalogue catalogue, ulong seed)
    {
        var rows = new List<Participation>();
        foreach (var programme in catalogue.Programmes)
        {
            var profile = ProgrammeProfile.For(programme.Id);
            var byCountry = new Dictionary<CountryCode, List<Participant>>();
            var created = 0;
            var editions = catalogue.EditionsOf(programme.Id)
                .Where(e => e.Published.Participants is not null && e.Published.MemberStates is not null)
                .OrderBy(e => e.ReferenceDate).ThenBy(e => e.Number);
            foreach (var edition in editions)
            {
                var random = new DeterministicRandom(DeterministicRandom.Hash(seed, DeterministicRandom.Hash(edition.Id.ToString())));
                var participants = edition.Published.Participants!.Value;
                var states = edition.Published.MemberStates!.Value;
                var eligible = catalogue.Countries.Where(c => profile.IsEligible(c, edition.ReferenceDate)).ToList();
                if (states > participants || states > eligible.Count || (states == 0) != (participants == 0))
                {
                    throw new InvalidOperationException(
                        $"edition {edition.Id}: cannot draw {participants} participants from {states} of {eligible.Count} eligible member states.");
                }
                random.Shuffle(eligible);
                var chosen = eligible.Take(states).OrderBy(c => c.Code).ToList();
                var places = SpreadPlaces(chosen.Count, participants, random);
                var inEdition = new HashSet<ParticipantId>();
                for (var i = 0; i < chosen.Count; i++)
                {
                    var country = chosen[i];
                    var pool = byCountry.TryGetValue(country.Code, out var known) ? known : byCountry[country.Code] = [];
                    var returning = pool.Where(p => !inEdition.Contains(p.Id)).ToList();
                    for (var place = 0; place < places[i]; place++)
                    {
                        Participant person;
                        if (returning.Count > 0 && random.NextDouble() < profile.ReturningShare)
                        {
                            var pick = random.Next(returning.Count);
                            person = returning[pick];
                            returning.RemoveAt(pick);
                        }
                        else
                        {
                            person = NewParticipant(catalogue, programme.Id, ++created, country, profile, random);
                            pool.Add(person);
                        }
                        inEdition.Add(person.Id);
                        var status = random.NextDouble() < profile.CompletedShare ? AttendanceStatus.Completed : AttendanceStatus.Attended;
                        rows.Add(catalogue.CreateParticipation(person, edition.Id, status, isSynthetic: true, NominatedOn(seed, person, edition, 20, 120)));
                    }
                }
                var noShows = (int)Math.Round(participants * NoShowShare, MidpointRounding.AwayFromZero);
                for (var n = 0; n < noShows; n++)
                {
                    var country = chosen[random.Next(chosen.Count)];
                    var person = NewParticipant(catalogue, programme.Id, ++created, country, profile, random);
                    byCountry[country.Code].Add(person);
                    rows.Add(catalogue.CreateParticipation(person, edition.Id, AttendanceStatus.NoShow, isSynthetic: true, NominatedOn(seed, person, edition, 3, 60)));
                }
            }
        }
        rows.Sort((a, b) =>
        {
            var byEdition = a.Edition.CompareTo(b.Edition);
            return byEdition != 0 ? byEdition : a.Participant.Id.CompareTo(b.Participant.Id);
        });
        return rows;
    }

    /// <summary>Gives each of <paramref name="states"/> one place, then spreads the rest with random weights.</summary>
    private static int[] SpreadPlaces(int states, int participants, DeterministicRandom random)
    {
        var places = Enumerable.Repeat(1, states).ToArray();
        if (states == 0)
        {
            return places;
        }
        var weights = Enumerable.Range(0, states).Select(_ => 0.3 + (random.NextDouble() * 1.7)).ToArray();
        var total = weights.Sum();
        for (var extra = participants - states; extra > 0; extra--)
        {
            var target = random.NextDouble() * total;
            var i = 0;
            for (var sum = weights[0]; sum <= target && i < states - 1; sum += weights[++i])
            {
            }
            places[i]++;
        }
        return places;
    }

    /// <summary>A nomination date <paramref name="minLead"/>–<paramref name="maxLead"/> days before the edition's reference date, derived from who and which edition.</summary>
    private static DateOnly NominatedOn(ulong seed, Participant person, Edition edition, int minLead, int maxLead)
    {
        var h = DeterministicRandom.Hash(seed, DeterministicRandom.Hash(person.Id.Value), DeterministicRandom.Hash(edition.Id.ToString()), 0x40E);
        var lead = minLead + (int)(DeterministicRandom.Unit(h) * (maxLead - minLead + 1));
        return edition.ReferenceDate.AddDays(-lead);
    }

    /// <summary>The context the built-in registry's record keys are derived with (see <see cref="RecordKey.Derive"/>).</summary>
    private const string BuiltInKeyContext = "sesric-built-in-registry/record-key/v1";

    private static Participant NewParticipant(Catalogue catalogue, ProgrammeId programme, int number, Country country, ProgrammeProfile profile, DeterministicRandom random)
    {
        var id = ParticipantId.Parse($"syn-{programme}-{number.ToString("D4", CultureInfo.InvariantCulture)}");
        var draw = random.NextDouble();
        var gender = draw < profile.UnknownGenderShare ? Gender.Unknown
            : random.NextDouble() < profile.FemaleShare ? Gender.Female : Gender.Male;
        // The record key is derived from the id (not drawn from `random`, which would move every later draw), so every
        // machine that seeds the built-in registry publishes the same protected figures.
        return catalogue.CreateParticipant(id, country.Code, gender, profile.InstitutionType, isSynthetic: true, RecordKey.Derive(id, BuiltInKeyContext));
    }
}
