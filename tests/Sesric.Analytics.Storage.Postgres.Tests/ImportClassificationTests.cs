using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.StoreConformance;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>
/// How an import classifies its rows against the store: new people's fact rows written from the classified rows, stored
/// people's rewritten from the registry, new people numbered after everyone stored in id order, and a batch that repeats
/// a participation or describes a person twice refused, naming them, with nothing written.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class ImportClassificationTests
{
    [Fact]
    public async Task A_second_import_of_new_moved_and_returning_people_writes_the_fact_rows_a_recomputation_gives_and_numbers_the_new_people_in_id_order()
    {
        var (address, database) = NewDatabase("mixed");
        var data = ConformanceData.Create(seed: 31, people: 200);
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        await data.LoadIntoAsync(store);
        var catalogue = await store.LoadCatalogueAsync();
        var storedKeys = long.Parse(Psql("SELECT MAX(participant_key) FROM participant", database), CultureInfo.InvariantCulture);
        var sameYear = catalogue.Editions.GroupBy(e => e.Year).First(g => g.Count() >= 2).Take(2).ToArray();
        var otherYear = catalogue.Editions.First(e => e.Year != sameYear[0].Year);
        var people = data.Participations.GroupBy(p => p.Participant.Id).ToArray();

        // A stored person moved to another country: an update of the person, so all their fact rows are rewritten.
        var moved = people[0].First();
        var movedPerson = catalogue.CreateParticipant(
            moved.Participant.Id, data.Catalogue.Countries.First(c => c.Code != moved.Participant.Country).Code,
            moved.Participant.Gender, moved.Participant.InstitutionType, moved.Participant.IsSynthetic);
        // A stored person, unchanged, at an edition they had not attended: their flags are judged with their stored rows.
        var returning = people.Skip(1).First(g => g.Count() >= 2 && g.Count() < catalogue.Editions.Count);
        var returningEdition = catalogue.Editions.First(e => returning.All(p => p.Edition != e.Id));
        Participant New(string id) => catalogue.CreateParticipant(ParticipantId.Parse(id), data.Catalogue.Countries[1].Code, Gender.Female, null, false);
        List<Participation> batch =
        [
            // New people, not in id order: two counted participations in one year and one in another, one of two counted, none counted.
            catalogue.CreateParticipation(New("zz-new-b"), sameYear[0].Id, AttendanceStatus.Attended, false),
            catalogue.CreateParticipation(New("zz-new-b"), sameYear[1].Id, AttendanceStatus.Completed, false),
            catalogue.CreateParticipation(New("zz-new-b"), otherYear.Id, AttendanceStatus.Attended, false),
            catalogue.CreateParticipation(New("zz-new-a"), sameYear[0].Id, AttendanceStatus.Attended, false),
            catalogue.CreateParticipation(New("zz-new-a"), otherYear.Id, AttendanceStatus.NoShow, true),
            catalogue.CreateParticipation(New("zz-new-c"), otherYear.Id, AttendanceStatus.Registered, false),
            catalogue.CreateParticipation(movedPerson, moved.Edition, moved.Status, moved.IsSynthetic, moved.NominatedOn),
            catalogue.CreateParticipation(returning.First().Participant, returningEdition.Id, AttendanceStatus.Completed, false),
        ];

        var outcome = await store.ImportParticipationsAsync(batch, ImportRequest.Default);

        Assert.Equal(new WriteOutcome(3, 1, 1), outcome.Participants);
        Assert.Equal(new WriteOutcome(7, 0, 1), outcome.Participations);
        Assert.Equal(
            $"zz-new-a={storedKeys + 1},zz-new-b={storedKeys + 2},zz-new-c={storedKeys + 3}",
            Psql("SELECT string_agg(participant_id || '=' || participant_key, ',' ORDER BY participant_id) FROM participant WHERE participant_id LIKE 'zz-new-%'", database));
        Assert.Equal("0", Psql(FactRecomputation.RowMismatches, database));
        Assert.Equal("0", Psql(FactRecomputation.FlagMismatches, database));
        // Not vacuous: the new people's flags are each case (two counted in one year, one counted, none counted).
        Assert.Equal(
            "zz-new-a:1/1/1,zz-new-b:0/1/3,zz-new-c:0/0/0",
            Psql(
                """
                SELECT string_agg(participant_id || ':' || singles || '/' || singles_in_year || '/' || counted, ',' ORDER BY participant_id)
                FROM (SELECT p.participant_id, COUNT(*) FILTER (WHERE f.is_single) AS singles,
                             COUNT(*) FILTER (WHERE f.is_single_in_year) AS singles_in_year, COUNT(*) FILTER (WHERE f.is_counted) AS counted
                      FROM participation_fact f JOIN participant p ON p.participant_key = f.participant_key
                      WHERE p.participant_id LIKE 'zz-new-%' GROUP BY p.participant_id) t
                """,
                database));
        Assert.Equal(data.Catalogue.Countries.First(c => c.Code != moved.Participant.Country).Code.Value,
            Psql($"SELECT string_agg(DISTINCT f.iso3, ',') FROM participation_fact f JOIN participant p ON p.participant_key = f.participant_key WHERE p.participant_id = '{moved.Participant.Id.Value}'", database));
    }

    [Fact]
    public async Task A_first_import_into_an_empty_store_counts_its_rows_and_people_writes_the_fact_rows_a_recomputation_gives_and_refuses_a_repeat_before_writing()
    {
        // Into an empty registry the counts are the staged rows and the people, and no update or refresh of stored people runs.
        var (address, database) = NewDatabase("first");
        var data = ConformanceData.Create(seed: 33, people: 10);
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        await data.WriteCatalogueAsync(store);
        var catalogue = await store.LoadCatalogueAsync();
        var sameYear = catalogue.Editions.GroupBy(e => e.Year).First(g => g.Count() >= 2).Take(2).ToArray();
        var otherYear = catalogue.Editions.First(e => e.Year != sameYear[0].Year);
        Participant New(string id, int country) => catalogue.CreateParticipant(ParticipantId.Parse(id), data.Catalogue.Countries[country].Code, Gender.Male, null, false);

        var repeated = catalogue.CreateParticipation(New("p-twice", 0), otherYear.Id, AttendanceStatus.Attended, false);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(
            [repeated, catalogue.CreateParticipation(New("p-twice", 0), otherYear.Id, AttendanceStatus.NoShow, false)], ImportRequest.Default));
        Assert.Contains($"duplicate participation(s) in the same import: p-twice in {otherYear.Id} (2 times)", error.Message, StringComparison.Ordinal);
        Assert.Equal("0/0/0/0", Counts(database));

        List<Participation> batch =
        [
            // Not in id order: two counted participations in one year and one in another, one of two counted, none counted.
            catalogue.CreateParticipation(New("p-b", 1), sameYear[0].Id, AttendanceStatus.Attended, false),
            catalogue.CreateParticipation(New("p-b", 1), sameYear[1].Id, AttendanceStatus.Completed, true),
            catalogue.CreateParticipation(New("p-b", 1), otherYear.Id, AttendanceStatus.Attended, false),
            catalogue.CreateParticipation(New("p-a", 2), sameYear[0].Id, AttendanceStatus.Attended, false),
            catalogue.CreateParticipation(New("p-a", 2), otherYear.Id, AttendanceStatus.NoShow, false),
            catalogue.CreateParticipation(New("p-c", 0), otherYear.Id, AttendanceStatus.Registered, false),
        ];
        var outcome = await store.ImportParticipationsAsync(batch, ImportRequest.Default);

        Assert.Equal(new WriteOutcome(3, 0, 0), outcome.Participants);
        Assert.Equal(new WriteOutcome(6, 0, 0), outcome.Participations);
        Assert.Equal("p-a=1,p-b=2,p-c=3", Psql("SELECT string_agg(participant_id || '=' || participant_key, ',' ORDER BY participant_id) FROM participant", database));
        Assert.Equal("3/6/6/1", Counts(database));
        Assert.Equal("0", Psql(FactRecomputation.RowMismatches, database));
        Assert.Equal("0", Psql(FactRecomputation.FlagMismatches, database));
        Assert.Equal(
            "p-a:1/1/1,p-b:0/1/3,p-c:0/0/0",
            Psql(
                """
                SELECT string_agg(participant_id || ':' || singles || '/' || singles_in_year || '/' || counted, ',' ORDER BY participant_id)
                FROM (SELECT p.participant_id, COUNT(*) FILTER (WHERE f.is_single) AS singles,
                             COUNT(*) FILTER (WHERE f.is_single_in_year) AS singles_in_year, COUNT(*) FILTER (WHERE f.is_counted) AS counted
                      FROM participation_fact f JOIN participant p ON p.participant_key = f.participant_key GROUP BY p.participant_id) t
                """,
                database));
    }

    [Fact]
    public async Task A_participation_given_twice_is_refused_naming_it_for_a_new_person_and_for_a_stored_one_and_nothing_is_written()
    {
        var (store, data, database) = await LoadedStoreAsync("repeat");
        await using var _ = store;
        var catalogue = await store.LoadCatalogueAsync();
        var before = Counts(database);
        var edition = catalogue.Editions[0];
        var newcomer = catalogue.CreateParticipant(ParticipantId.Parse("zz-twice"), data.Catalogue.Countries[0].Code, Gender.Male, null, false);
        var stored = data.Participations[0];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(
            [
                catalogue.CreateParticipation(newcomer, edition.Id, AttendanceStatus.Attended, false),
                catalogue.CreateParticipation(newcomer, catalogue.Editions[1].Id, AttendanceStatus.Attended, false),
                catalogue.CreateParticipation(newcomer, edition.Id, AttendanceStatus.NoShow, false),
            ],
            ImportRequest.Default));
        Assert.Contains($"duplicate participation(s) in the same import: zz-twice in {edition.Id} (2 times)", error.Message, StringComparison.Ordinal);

        error = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(
            [stored, catalogue.CreateParticipation(stored.Participant, stored.Edition, AttendanceStatus.Completed, false)], ImportRequest.Default));
        Assert.Contains($"{stored.Participant.Id.Value} in {stored.Edition} (2 times)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Counts(database));
    }

    [Fact]
    public async Task A_person_described_twice_is_refused_and_a_batch_that_also_repeats_a_participation_names_the_repeat_first()
    {
        var (store, data, database) = await LoadedStoreAsync("twice");
        await using var _ = store;
        var catalogue = await store.LoadCatalogueAsync();
        var before = Counts(database);
        var country = data.Catalogue.Countries[0].Code;
        var asMan = catalogue.CreateParticipant(ParticipantId.Parse("zz-two-ways"), country, Gender.Male, null, false);
        var asWoman = catalogue.CreateParticipant(ParticipantId.Parse("zz-two-ways"), country, Gender.Female, null, false);
        List<Participation> twoWays =
        [
            catalogue.CreateParticipation(asMan, catalogue.Editions[0].Id, AttendanceStatus.Attended, false),
            catalogue.CreateParticipation(asWoman, catalogue.Editions[1].Id, AttendanceStatus.Attended, false),
        ];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(twoWays, ImportRequest.Default));
        Assert.Contains("participant(s) zz-two-ways appear with different country, gender", error.Message, StringComparison.Ordinal);

        var repeated = data.Participations[0];
        error = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync([.. twoWays, repeated, repeated], ImportRequest.Default));
        Assert.Contains($"duplicate participation(s) in the same import: {repeated.Participant.Id.Value} in {repeated.Edition} (2 times)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Counts(database));
    }

    private static async Task<(PostgresAnalyticsStore Store, ConformanceData Data, string Database)> LoadedStoreAsync(string prefix)
    {
        var (address, database) = NewDatabase(prefix);
        var data = ConformanceData.Create(seed: 32, people: 40);
        var store = await PostgresAnalyticsStore.OpenAsync(address);
        await data.LoadIntoAsync(store);
        return (store, data, database);
    }

    private static string Counts(string database) =>
        Psql("SELECT (SELECT COUNT(*) FROM participant) || '/' || (SELECT COUNT(*) FROM participation) || '/' || (SELECT COUNT(*) FROM participation_fact) || '/' || (SELECT COUNT(*) FROM import_batch)", database);

    private static (string Address, string Database) NewDatabase(string prefix)
    {
        var address = PostgresCluster.Shared.CreateUniqueDatabase(prefix);
        return (address, address[(address.LastIndexOf('/') + 1)..]);
    }

    private static string Psql(string sql, string database) => PostgresCluster.Shared.Psql(sql, database).Trim();
}
