using Sesric.Analytics.Import;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

/// <summary>
/// The file import (<see cref="IParticipationFileImporter"/>), which checks rows against each other in SQL over the
/// staged rows: it must refuse exactly what <see cref="ParticipationCsv.Read"/> refuses, with the same problems in the
/// same order and words, write nothing then, and import a good file as the row import does.
/// </summary>
public sealed class FileImportTests : IDisposable
{
    private const string Header = "programme,edition,participant_id,country_iso3,gender,institution_type,attendance,synthetic";

    private readonly TempFolder _folder = new("file-import");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string[]> BadFiles => new()
    {
        { "a participation three times", ["diplomacy-cab,1,p1,TUR,female,mfa,attended,false", "diplomacy-cab,2,p1,TUR,female,mfa,attended,false",
            "diplomacy-cab,1,p1,TUR,female,mfa,completed,false", "diplomacy-cab,2,p2,EGY,male,,attended,false", "diplomacy-cab,1,p1,TUR,female,mfa,no_show,false"] },
        { "another country, quoted as written", ["diplomacy-cab,1,p1,TUR,female,,attended,false", "diplomacy-cab,2,p1, egy ,female,,attended,false",
            "stat-cab,1,p1,MYS,female,,attended,false"] },
        { "another gender, quoted as written", ["diplomacy-cab,1,p1,TUR,female,,attended,false", "diplomacy-cab,2,p1,TUR,M,,attended,false",
            "stat-cab,1,p1,TUR,m,,attended,false"] },
        { "another country and gender on one line", ["diplomacy-cab,1,p1,TUR,female,,attended,false", "diplomacy-cab,1,p1,EGY,male,,attended,false"] },
        { "a first line with problems of its own still counts", ["diplomacy-cab,1,p1,TUR,female,,maybe,false", "diplomacy-cab,1,p1,TUR,female,,attended,false",
            "diplomacy-cab,2,p1,EGY,male,,attended,false"] },
        { "a first line without a known country checks no country", ["diplomacy-cab,1,p1,XYZ,female,,attended,false", "diplomacy-cab,2,p1,TUR,female,,attended,false",
            "stat-cab,1,p1,EGY,male,,attended,false"] },
        { "a line without a valid id is not a first line", ["diplomacy-cab,1,p 1,TUR,female,,attended,false", "diplomacy-cab,1,p1,EGY,female,,attended,false",
            "diplomacy-cab,1,p1,TUR,female,,attended,false"] },
        { "an unknown edition is no duplicate", ["diplomacy-cab,9,p1,TUR,female,,attended,false", "diplomacy-cab,9,p1,TUR,female,,attended,false",
            "nope-cab,1,p1,TUR,female,,attended,false", "diplomacy-cab,1,p1,TUR,female,,attended,false", "diplomacy-cab,1,p1,TUR,female,,attended,false"] },
        { "problems of rows and between rows, interleaved", ["diplomacy-cab,1,p1,TUR,female,,attended,false", "diplomacy-cab,1,p2,TUR,female,b@d,attended,false",
            "diplomacy-cab,1,p1,TUR,female,,attended,maybe", "diplomacy-cab,2,p2,TUR,male,,attended,false", "diplomacy-cab,2,p3,EGY,x,,attended,false",
            "diplomacy-cab,2,p3,MYS,male,,attended,false"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_the_readers_problems_and_nothing_is_written(string why, string[] rows)
    {
        Assert.NotEmpty(why);
        var csv = string.Join("\n", [Header, .. rows]) + "\n";
        var expected = Assert.Throws<ImportRejectedException>(() => ParticipationCsv.Read(new StringReader(csv), TestData.Catalogue, "test.csv").ToList());
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        var actual = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportFileAsync(store, csv));

        Assert.Equal(expected.Problems, actual.Problems);
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(TestData.Registry.Count, await store.CountParticipationsAsync());
        Assert.Single(await store.ListImportsAsync());
    }

    [Fact]
    public async Task A_huge_bad_file_keeps_the_same_first_problems_and_count()
    {
        // Every third line repeats p0 in one edition (a problem between rows), every fifth has an unknown country (its own);
        // more than the problems kept, so which are kept, and the count, must agree with the reader's.
        var rows = Enumerable.Range(0, ParticipationCsv.MaxProblemsListed * 4).Select(i =>
            i % 3 == 0 ? "diplomacy-cab,1,p0,TUR,female,,attended,false"
            : i % 5 == 0 ? $"diplomacy-cab,1,q{i},XYZ,female,,attended,false"
            : $"diplomacy-cab,2,q{i},EGY,male,,attended,false");
        var csv = string.Join("\n", [Header, .. rows]) + "\n";
        var expected = Assert.Throws<ImportRejectedException>(() => ParticipationCsv.Read(new StringReader(csv), TestData.Catalogue, "test.csv").ToList());
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));

        var actual = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportFileAsync(store, csv));

        Assert.Equal(ParticipationCsv.MaxProblemsListed, actual.Problems.Count);
        Assert.Equal(expected.Problems, actual.Problems);
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_person_described_twice_in_other_ways_is_refused_as_for_rows()
    {
        // Institution types differ: no problem of the reader's, the store's own refusal, whichever way the rows come.
        var csv = string.Join("\n", Header, "diplomacy-cab,1,p1,TUR,female,mfa,attended,false", "diplomacy-cab,2,p1,TUR,female,nso,attended,false") + "\n";
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));

        var fromFile = await Assert.ThrowsAsync<ArgumentException>(() => ImportFileAsync(store, csv));
        var fromRows = await Assert.ThrowsAsync<ArgumentException>(
            () => store.ImportParticipationsAsync(ParticipationCsv.Read(new StringReader(csv), TestData.Catalogue), ImportRequest.Default));

        Assert.Equal(fromRows.Message, fromFile.Message);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_good_file_imports_as_its_rows_do_and_a_retry_is_a_replay()
    {
        var csv = new StringWriter();
        ParticipationCsv.Write(csv, TestData.Registry);
        await using var fromFile = await TestData.OpenWithCatalogueAsync(_folder.File("file.duckdb"));
        await using var fromRows = await TestData.OpenWithCatalogueAsync(_folder.File("rows.duckdb"));

        var fileOutcome = await ImportFileAsync(fromFile, csv.ToString(), "batch-1");
        var rowsOutcome = await fromRows.ImportParticipationsAsync(TestData.Registry, new ImportRequest("batch-1"));
        var retry = await ImportFileAsync(fromFile, csv.ToString(), "batch-1");

        Assert.Equal(rowsOutcome, fileOutcome);
        // Record keys are drawn at random per store: compare the rest.
        Assert.Equal(
            (await fromRows.GetEditionStatisticsAsync()).Select(s => s with { ObserverParticipantsCellKey = 0 }),
            (await fromFile.GetEditionStatisticsAsync()).Select(s => s with { ObserverParticipantsCellKey = 0 }));
        Assert.True(retry.WasReplay);
        await Assert.ThrowsAsync<ImportRequestConflictException>(() => ImportFileAsync(fromFile, string.Join("\n", csv.ToString().Split('\n').SkipLast(2)) + "\n", "batch-1"));
        Assert.Equal(TestData.Registry.Count, await fromFile.CountParticipationsAsync());
    }

    private static Task<ImportOutcome> ImportFileAsync(DuckDbAnalyticsStore store, string csv, string? requestId = null) =>
        store.ImportParticipationsAsync(ParticipationCsvLines.Open(new StringReader(csv), TestData.Catalogue, "test.csv"), new ImportRequest(requestId));
}
