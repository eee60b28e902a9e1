using Sesric.Analytics.Import;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.StoreConformance;

/// <summary>
/// The file import (<see cref="IParticipationFileImporter"/>), which checks rows against each other in SQL over the
/// staged rows: it must refuse exactly what <see cref="ParticipationCsv.Read"/> refuses, with the same problems in the
/// same order and words, write nothing then, and import a good file as the row import does (and replay a retry by
/// request id). Every store that implements the interface runs these.
/// </summary>
public abstract class FileImportConformance
{
    private const string Header = "programme,edition,participant_id,country_iso3,gender,institution_type,attendance,synthetic";

    /// <summary>The engine under test.</summary>
    protected abstract IStoreFactory Factory { get; }

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
        var expected = Assert.Throws<ImportRejectedException>(() => ParticipationCsv.Read(new StringReader(csv), SmallRegistry.Catalogue, "test.csv").ToList());
        await using var store = await OpenWithCatalogueAsync();
        await store.ImportParticipationsAsync(SmallRegistry.Registry, ImportRequest.Default);

        var actual = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportFileAsync(store, csv));

        Assert.Equal(expected.Problems, actual.Problems);
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(SmallRegistry.Registry.Count, await store.CountParticipationsAsync());
        Assert.Single(await ((IImportJournal)store).ListImportsAsync());
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
        var expected = Assert.Throws<ImportRejectedException>(() => ParticipationCsv.Read(new StringReader(csv), SmallRegistry.Catalogue, "test.csv").ToList());
        await using var store = await OpenWithCatalogueAsync();

        var actual = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportFileAsync(store, csv));

        Assert.Equal(ParticipationCsv.MaxProblemsListed, actual.Problems.Count);
        Assert.Equal(expected.Problems, actual.Problems);
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_large_first_file_that_repeats_one_participation_at_its_end_is_refused_with_the_readers_problem()
    {
        // More new participations than the PostgreSQL store's deferred-index threshold (5,000) into an empty registry:
        // there the rebuilt participation key, not a check before the writes, finds the repeat; the refusal must still be
        // the reader's, by line, and nothing written.
        var rows = Enumerable.Range(0, 6_000).Select(i => $"diplomacy-cab,{1 + (i % 2)},q{i / 2},TUR,female,,attended,false")
            .Append("diplomacy-cab,2,q7,TUR,female,,completed,false");
        var csv = string.Join("\n", [Header, .. rows]) + "\n";
        var expected = Assert.Throws<ImportRejectedException>(() => ParticipationCsv.Read(new StringReader(csv), SmallRegistry.Catalogue, "test.csv").ToList());
        await using var store = await OpenWithCatalogueAsync();

        var actual = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportFileAsync(store, csv));

        Assert.Single(actual.Problems);
        Assert.Equal(expected.Problems, actual.Problems);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(0, await store.CountParticipationsAsync());
        Assert.Empty(await ((IImportJournal)store).ListImportsAsync());
    }

    [Fact]
    public async Task A_person_described_twice_in_other_ways_is_refused_as_for_rows()
    {
        // Institution types differ: no problem of the reader's, the store's own refusal, whichever way the rows come.
        var csv = string.Join("\n", Header, "diplomacy-cab,1,p1,TUR,female,mfa,attended,false", "diplomacy-cab,2,p1,TUR,female,nso,attended,false") + "\n";
        await using var store = await OpenWithCatalogueAsync();

        var fromFile = await Assert.ThrowsAsync<ArgumentException>(() => ImportFileAsync(store, csv));
        var fromRows = await Assert.ThrowsAsync<ArgumentException>(
            () => store.ImportParticipationsAsync(ParticipationCsv.Read(new StringReader(csv), SmallRegistry.Catalogue), ImportRequest.Default));

        Assert.Equal(fromRows.Message, fromFile.Message);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_good_file_imports_as_its_rows_do_and_a_retry_is_a_replay()
    {
        var csv = new StringWriter();
        ParticipationCsv.Write(csv, SmallRegistry.Registry);
        await using var fromFile = await OpenWithCatalogueAsync();
        await using var fromRows = await OpenWithCatalogueAsync();

        var fileOutcome = await ImportFileAsync(fromFile, csv.ToString(), "batch-1");
        var rowsOutcome = await fromRows.ImportParticipationsAsync(SmallRegistry.Registry, new ImportRequest("batch-1"));
        var retry = await ImportFileAsync(fromFile, csv.ToString(), "batch-1");

        Assert.Equal(rowsOutcome, fileOutcome);
        // Record keys are drawn at random per store: compare the rest.
        Assert.Equal(
            (await fromRows.GetEditionStatisticsAsync()).Select(s => s with { ObserverParticipantsCellKey = 0 }),
            (await fromFile.GetEditionStatisticsAsync()).Select(s => s with { ObserverParticipantsCellKey = 0 }));
        Assert.True(retry.WasReplay);
        await Assert.ThrowsAsync<ImportRequestConflictException>(() => ImportFileAsync(fromFile, string.Join("\n", csv.ToString().Split('\n').SkipLast(2)) + "\n", "batch-1"));
        Assert.Equal(SmallRegistry.Registry.Count, await fromFile.CountParticipationsAsync());
    }

    private async Task<IAnalyticsStore> OpenWithCatalogueAsync()
    {
        var store = await Factory.OpenAsync(Factory.NewLocation());
        Assert.IsAssignableFrom<IParticipationFileImporter>(store);
        await store.UpsertProgrammesAsync(SmallRegistry.Programmes);
        await store.UpsertCountriesAsync(SmallRegistry.Countries);
        await store.UpsertEditionsAsync(SmallRegistry.Editions);
        return store;
    }

    private static Task<ImportOutcome> ImportFileAsync(IAnalyticsStore store, string csv, string? requestId = null) =>
        ((IParticipationFileImporter)store).ImportParticipationsAsync(
            ParticipationCsvLines.Open(new StringReader(csv), SmallRegistry.Catalogue, "test.csv"), new ImportRequest(requestId));
}
