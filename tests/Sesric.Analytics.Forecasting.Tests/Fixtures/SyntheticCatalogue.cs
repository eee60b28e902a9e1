using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Tests.Fixtures;

/// <summary>
/// A synthetic catalogue with a known generating process, for checking that the forecaster finds structure
/// that is really there. Per programme: a level and a linear trend per edition; per edition: a modality effect
/// (virtual +35 %, hybrid +15 % over in person), +4 % per partner, +5 % per day over three, and
/// multiplicative noise (log-normal, σ = 0.07). Member states saturate towards the eligible count as
/// participants grow. About 5 % of editions have no figures (gaps). Fixed seed: the same catalogue every run.
/// </summary>
public static class SyntheticCatalogue
{
    public static readonly IReadOnlyDictionary<Modality, double> ModalityEffect = new Dictionary<Modality, double>
    {
        [Modality.InPerson] = 1.0,
        [Modality.Virtual] = 1.35,
        [Modality.Hybrid] = 1.15,
    };

    public static Catalogue Build(int programmes = 25, int editions = 15, int seed = 20261129)
    {
        var random = new Random(seed);
        var members = Enumerable.Range(0, 57)
            .Select(i => new Country(CountryCode.Parse($"X{(char)('A' + i / 26)}{(char)('A' + i % 26)}"), CountryKind.Member,
                new LocalizedText($"State {i}"), accessionYear: i < 55 ? 1970 : 2010))
            .ToArray();
        var programmeList = new List<Programme>();
        var editionList = new List<Edition>();
        for (var p = 0; p < programmes; p++)
        {
            var id = ProgrammeId.Parse($"synthetic-{p + 1:00}");
            var startYear = 2005 + p % 6;
            programmeList.Add(new Programme(id, new LocalizedText($"Synthetic programme {p + 1}"), startYear));
            var level = 40 + random.NextDouble() * 160;
            var trend = (-0.02 + random.NextDouble() * 0.08) * level;
            for (var k = 1; k <= editions; k++)
            {
                var year = startYear + k - 1;
                var modality = random.NextDouble() switch { < 0.5 => Modality.InPerson, < 0.8 => Modality.Virtual, _ => Modality.Hybrid };
                var days = 2 + random.Next(4);
                var partners = random.Next(4);
                var start = new DateOnly(year, 3 + random.Next(8), 1 + random.Next(20));
                var noise = Math.Exp(0.07 * Gaussian(random));
                var participants = Math.Max(0, (level + trend * k) * ModalityEffect[modality] * (1 + 0.04 * partners) * (1 + 0.05 * (days - 3)) * noise);
                var eligible = members.Count(m => m.IsMemberOn(start));
                var states = Math.Min(eligible, eligible * (1 - Math.Exp(-participants / 70)) * Math.Exp(0.05 * Gaussian(random)));
                var gap = random.NextDouble() < 0.05 && k > 2;
                editionList.Add(new Edition(
                    EditionId.Of(id, k), year, new DateRange(start, start.AddDays(days - 1)), modality,
                    "Ankara", null, Enumerable.Range(0, partners).Select(i => $"Partner {i}").ToArray(), null,
                    gap ? PublishedTotals.None : new PublishedTotals((int)Math.Round(participants), (int)Math.Round(states), null)));
            }
        }
        return new Catalogue(programmeList, editionList, members);
    }

    public static ForecastDataset Dataset(int programmes = 25, int editions = 15) => ForecastDataset.From(Build(programmes, editions), []);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
