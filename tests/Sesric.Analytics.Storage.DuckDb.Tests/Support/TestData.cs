using Sesric.Analytics.Model;
using Sesric.Analytics.StoreConformance;

namespace Sesric.Analytics.Storage.DuckDb.Tests.Support;

/// <summary>The small catalogue and registry (<see cref="SmallRegistry"/>), and how the DuckDB store's tests open and grow it.</summary>
public static class TestData
{
    public static readonly ProgrammeId Diplomacy = SmallRegistry.Diplomacy;
    public static readonly ProgrammeId Statistics = SmallRegistry.Statistics;

    /// <summary>Diplomacy-CaB 2015 (Syria suspended), 2020 (virtual), and Stat-CaB 1 (no registry).</summary>
    public static readonly EditionId D1 = SmallRegistry.D1;
    public static readonly EditionId D2 = SmallRegistry.D2;
    public static readonly EditionId S1 = SmallRegistry.S1;

    public static IReadOnlyList<Programme> Programmes => SmallRegistry.Programmes;

    public static IReadOnlyList<Country> Countries => SmallRegistry.Countries;

    public static IReadOnlyList<Edition> Editions => SmallRegistry.Editions;

    public static Catalogue Catalogue => SmallRegistry.Catalogue;

    public static Participation Row(string participant, string country, EditionId edition, AttendanceStatus status = AttendanceStatus.Attended,
        Gender gender = Gender.Female, string? institution = null, bool synthetic = false) =>
        SmallRegistry.Row(participant, country, edition, status, gender, institution, synthetic);

    /// <summary>The seven people of <see cref="SmallRegistry.Registry"/> over the two Diplomacy-CaB editions.</summary>
    public static IReadOnlyList<Participation> Registry => SmallRegistry.Registry;

    /// <summary>Opens a fresh store at <paramref name="path"/> holding the catalogue (no registry).</summary>
    public static async Task<DuckDbAnalyticsStore> OpenWithCatalogueAsync(string path)
    {
        var store = await DuckDbAnalyticsStore.OpenAsync(path);
        await store.UpsertProgrammesAsync(Programmes);
        await store.UpsertCountriesAsync(Countries);
        await store.UpsertEditionsAsync(Editions);
        return store;
    }

    /// <summary>Many synthetic rows over the catalogue: participant i attends edition D1 and, for even i, D2.</summary>
    public static IEnumerable<Participation> Many(int participants, string prefix = "m")
    {
        string[] codes = ["TUR", "EGY", "MYS", "SYR", "BIH"];
        for (var i = 0; i < participants; i++)
        {
            var participant = Catalogue.CreateParticipant(
                ParticipantId.Parse($"{prefix}{i:D7}"), CountryCode.Parse(codes[i % codes.Length]), (Gender)(i % 3), null, true);
            yield return Catalogue.CreateParticipation(participant, D1, AttendanceStatus.Attended, true);
            if (i % 2 == 0)
            {
                yield return Catalogue.CreateParticipation(participant, D2, AttendanceStatus.Completed, true);
            }
        }
    }
}
