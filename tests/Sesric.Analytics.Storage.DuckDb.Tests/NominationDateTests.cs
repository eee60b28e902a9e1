using Sesric.Analytics.Import;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

/// <summary>The optional nomination date (schema 8): stored, exported, kept when a later file leaves it blank, undone with its import.</summary>
public sealed class NominationDateTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    private static Participation Nominated(string id, string country, EditionId edition, DateOnly? day, AttendanceStatus status = AttendanceStatus.Registered) =>
        TestData.Catalogue.CreateParticipation(
            TestData.Catalogue.CreateParticipant(ParticipantId.Parse(id), CountryCode.Parse(country), Gender.Female, "mfa", false),
            edition, status, false, day);

    private static async Task<Dictionary<string, (AttendanceStatus, DateOnly?)>> ReadAsync(DuckDbAnalyticsStore store)
    {
        var back = new Dictionary<string, (AttendanceStatus, DateOnly?)>();
        await foreach (var p in store.ReadParticipationsAsync(await store.LoadCatalogueAsync()))
        {
            back[p.Participant.Id.Value + "@" + p.Edition] = (p.Status, p.NominatedOn);
        }
        return back;
    }

    [Fact]
    public async Task Dates_are_stored_and_a_later_outcomes_file_without_them_keeps_them_and_undo_restores_them()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        var aug = new DateOnly(2020, 8, 1);
        await store.ImportParticipationsAsync(
            [Nominated("n1", "TUR", TestData.D2, aug), Nominated("n2", "EGY", TestData.D2, null)], ImportRequest.Default);

        // The outcomes arrive after the edition, without the nomination dates.
        var outcomes = await store.ImportParticipationsAsync(
            [Nominated("n1", "TUR", TestData.D2, null, AttendanceStatus.Attended), Nominated("n2", "EGY", TestData.D2, null, AttendanceStatus.NoShow)],
            ImportRequest.Default);
        var after = await ReadAsync(store);
        Assert.Equal((AttendanceStatus.Attended, aug), after["n1@diplomacy-cab/2"]);
        Assert.Equal((AttendanceStatus.NoShow, (DateOnly?)null), after["n2@diplomacy-cab/2"]);

        // A corrected date is an update, and undoing it puts the first date back.
        var corrected = await store.ImportParticipationsAsync(
            [Nominated("n1", "TUR", TestData.D2, new DateOnly(2020, 8, 20), AttendanceStatus.Attended)], ImportRequest.Default);
        Assert.Equal(1, corrected.Participations.Updated);
        Assert.Equal(new DateOnly(2020, 8, 20), (await ReadAsync(store))["n1@diplomacy-cab/2"].Item2);
        await store.UndoImportAsync(corrected.ImportId!.Value);
        Assert.Equal((AttendanceStatus.Attended, aug), (await ReadAsync(store))["n1@diplomacy-cab/2"]);
        Assert.NotNull(outcomes.ImportId);
    }

    [Fact]
    public async Task An_export_carries_the_dates_and_imports_back_unchanged()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        await store.ImportParticipationsAsync(
            [Nominated("n1", "TUR", TestData.D2, new DateOnly(2020, 8, 1)), Nominated("n2", "EGY", TestData.D1, null)], ImportRequest.Default);
        var catalogue = await store.LoadCatalogueAsync();
        var exported = new StringWriter();
        await ParticipationCsv.WriteAsync(exported, store.ReadParticipationsAsync(catalogue));
        Assert.Contains(",nominated_on\n", exported.ToString());
        Assert.Contains(",2020-08-01\n", exported.ToString());

        await using var second = await TestData.OpenWithCatalogueAsync(_folder.File("second.duckdb"));
        await second.ImportParticipationsAsync(ParticipationCsv.Read(new StringReader(exported.ToString()), catalogue).ToList(), ImportRequest.Default);
        var again = new StringWriter();
        await ParticipationCsv.WriteAsync(again, second.ReadParticipationsAsync(catalogue));
        Assert.Equal(exported.ToString(), again.ToString());
    }
}
