using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.StoreConformance;

/// <summary>
/// A random catalogue and registry for the suite: two programmes of four editions, six member states (one suspended for
/// a while, some joining late) and one observer, tens of people with fixed record keys (so that the public policy's
/// perturbation is the same in every store), and participations with every attendance status.
/// </summary>
public sealed record ConformanceData(Catalogue Catalogue, IReadOnlyList<Participation> Participations)
{
    /// <summary>Makes a dataset from <paramref name="seed"/> (the same seed gives the same rows).</summary>
    public static ConformanceData Create(int seed, int people = 60)
    {
        var random = new Random(seed);
        var programmes = new[] { "alpha", "beta" }.Select(p => new Programme(ProgrammeId.Parse(p), new LocalizedText(p), 2000)).ToArray();
        var groups = new[] { OicGroup.African, OicGroup.Arab, OicGroup.Asian, OicGroup.Unknown };
        var countries = new List<Country>();
        foreach (var code in new[] { "AAA", "BBB", "CCC", "DDD", "EEE", "SYR" })
        {
            var group = groups[random.Next(groups.Length)];
            var suspensions = code == "SYR" ? new[] { new MembershipSuspension(new DateOnly(2012, 8, 1), new DateOnly(2015, 3, 7)) } : null;
            countries.Add(new Country(CountryCode.Parse(code), CountryKind.Member, new LocalizedText(code), new[] { 1969, 1990, 2012, 2014 }[random.Next(4)],
                group, group == OicGroup.Unknown ? GroupBasis.Unknown : GroupBasis.Read, suspensions));
        }
        countries.Add(new Country(CountryCode.Parse("OBS"), CountryKind.Observer, new LocalizedText("Observer"), null, observerSince: 2000));
        var editions = new List<Edition>();
        foreach (var programme in programmes)
        {
            var year = 2010 + random.Next(3);
            for (var number = 1; number <= 4; number++)
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
        for (var i = 0; i < people; i++)
        {
            var person = catalogue.CreateParticipant(
                ParticipantId.Parse($"p{i:D3}"), countries[random.Next(countries.Count)].Code, (Gender)random.Next(3), random.Next(3) == 0 ? null : "ministry",
                random.Next(4) == 0, random.Next(RecordKey.Modulus));
            foreach (var edition in editions.Where(_ => random.NextDouble() < 0.35))
            {
                var status = new[] { AttendanceStatus.Attended, AttendanceStatus.Attended, AttendanceStatus.Completed, AttendanceStatus.Registered, AttendanceStatus.NoShow }[random.Next(5)];
                // About half the rows carry a nomination date (schema 8), so the stores are compared on it too.
                DateOnly? nominated = random.Next(2) == 0 ? null : new DateOnly(edition.Year, 1, 1).AddDays(random.Next(200));
                participations.Add(catalogue.CreateParticipation(person, edition.Id, status, random.Next(4) == 0, nominated));
            }
        }
        return new ConformanceData(catalogue, participations);
    }

    /// <summary>Writes the catalogue and imports the participations into <paramref name="store"/>.</summary>
    public async Task<ImportOutcome> LoadIntoAsync(IAnalyticsStore store, ImportRequest? request = null)
    {
        await WriteCatalogueAsync(store);
        return await store.ImportParticipationsAsync(Participations, request ?? ImportRequest.Default);
    }

    /// <summary>Writes the programmes, countries and editions into <paramref name="store"/>.</summary>
    public async Task WriteCatalogueAsync(IAnalyticsStore store)
    {
        await store.UpsertProgrammesAsync(Catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(Catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync(Catalogue.Editions.ToArray());
    }
}
