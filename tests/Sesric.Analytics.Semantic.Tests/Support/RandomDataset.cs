using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic.Tests.Support;

/// <summary>
/// A small random catalogue and registry: two programmes of three editions, six member states (one
/// suspended for a while, some joining late) and one observer, a dozen or so people, and
/// participations with every attendance status.
/// </summary>
internal sealed record RandomDataset(Catalogue Catalogue, IReadOnlyList<Participation> Participations)
{
    public static RandomDataset Create(Random random)
    {
        var programmes = new[] { "alpha", "beta" }.Select(p => new Programme(ProgrammeId.Parse(p), new LocalizedText(p), 2000)).ToArray();
        var groups = new[] { OicGroup.African, OicGroup.Arab, OicGroup.Asian, OicGroup.Unknown };
        var countries = new List<Country>();
        foreach (var code in new[] { "AAA", "BBB", "CCC", "DDD", "EEE", "SYR" })
        {
            var group = groups[random.Next(groups.Length)];
            var suspensions = code == "SYR" && random.Next(2) == 0 ? new[] { new MembershipSuspension(new DateOnly(2012, 8, 1), new DateOnly(2015, 3, 7)) } : null;
            countries.Add(new Country(CountryCode.Parse(code), CountryKind.Member, new LocalizedText(code), new[] { 1969, 1990, 2012, 2014 }[random.Next(4)],
                group, group == OicGroup.Unknown ? GroupBasis.Unknown : GroupBasis.Read, suspensions));
        }
        countries.Add(new Country(CountryCode.Parse("OBS"), CountryKind.Observer, new LocalizedText("Observer"), null, observerSince: 2000));

        var editions = new List<Edition>();
        foreach (var programme in programmes)
        {
            var year = 2010 + random.Next(3);
            for (var number = 1; number <= 3; number++)
            {
                DateRange? dates = random.Next(3) == 0 ? null : new DateRange(new DateOnly(year, random.Next(1, 13), random.Next(1, 29)), new DateOnly(year, 12, 31));
                CountryCode? host = random.Next(3) == 0 ? null : countries[random.Next(countries.Count)].Code;
                var published = new PublishedTotals(random.Next(4) == 0 ? null : random.Next(10, 100), random.Next(4) == 0 ? null : random.Next(1, 9), null);
                editions.Add(new Edition(EditionId.Of(programme.Id, number), year, dates, (Modality)random.Next(4), null, host, [], null, published));
                year += random.Next(1, 3);
            }
        }
        var catalogue = new Catalogue(programmes, editions, countries);
        var participations = new List<Participation>();
        var people = random.Next(8, 20);
        for (var i = 0; i < people; i++)
        {
            var person = catalogue.CreateParticipant(ParticipantId.Parse($"p{i}"), countries[random.Next(countries.Count)].Code, (Gender)random.Next(3), null, random.Next(2) == 0);
            foreach (var edition in editions.Where(_ => random.NextDouble() < 0.4))
            {
                var status = new[] { AttendanceStatus.Attended, AttendanceStatus.Attended, AttendanceStatus.Completed, AttendanceStatus.Registered, AttendanceStatus.NoShow }[random.Next(5)];
                participations.Add(catalogue.CreateParticipation(person, edition.Id, status, random.Next(2) == 0));
            }
        }
        return new RandomDataset(catalogue, participations);
    }
}
