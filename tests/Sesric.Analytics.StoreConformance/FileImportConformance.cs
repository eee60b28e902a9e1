using Sesric.Analytics.Import;
using Sesric.Analytics.Model;
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
        var expected = Assert.Throws<ImportRejectedException>(() => ParticipationCsv.Read(new StringReader(csv), FileImportData.Catalogue, "test.csv").ToList());
        await using var store = await OpenWithCatalogueAsync();
        await store.ImportParticipationsAsync(FileImportData.Registry, ImportRequest.Default);

        var actual = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportFileAsync(store, csv));

        Assert.Equal(expected.Problems, actual.Problems);
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(FileImportData.Registry.Count, await store.CountParticipationsAsync());
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
        var expected = Assert.Throws<ImportRejectedException>(() => ParticipationCsv.Read(new StringReader(csv), FileImportData.Catalogue, "test.csv").ToList());
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
        var expected = Assert.Throws<ImportRejectedException>(() => ParticipationCsv.Read(new StringReader(csv), FileImportData.Catalogue, "test.csv").ToList());
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
            () => store.ImportParticipationsAsync(ParticipationCsv.Read(new StringReader(csv), FileImportData.Catalogue), ImportRequest.Default));

        Assert.Equal(fromRows.Message, fromFile.Message);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_good_file_imports_as_its_rows_do_and_a_retry_is_a_replay()
    {
        var csv = new StringWriter();
        ParticipationCsv.Write(csv, FileImportData.Registry);
        await using var fromFile = await OpenWithCatalogueAsync();
        await using var fromRows = await OpenWithCatalogueAsync();

        var fileOutcome = await ImportFileAsync(fromFile, csv.ToString(), "batch-1");
        var rowsOutcome = await fromRows.ImportParticipationsAsync(FileImportData.Registry, new ImportRequest("batch-1"));
        var retry = await ImportFileAsync(fromFile, csv.ToString(), "batch-1");

        Assert.Equal(rowsOutcome, fileOutcome);
        // Record keys are drawn at random per store: compare the rest.
        Assert.Equal(
            (await fromRows.GetEditionStatisticsAsync()).Select(s => s with { ObserverParticipantsCellKey = 0 }),
            (await fromFile.GetEditionStatisticsAsync()).Select(s => s with { ObserverParticipantsCellKey = 0 }));
        Assert.True(retry.WasReplay);
        await Assert.ThrowsAsync<ImportRequestConflictException>(() => ImportFileAsync(fromFile, string.Join("\n", csv.ToString().Split('\n').SkipLast(2)) + "\n", "batch-1"));
        Assert.Equal(FileImportData.Registry.Count, await fromFile.CountParticipationsAsync());
    }

    private async Task<IAnalyticsStore> OpenWithCatalogueAsync()
    {
        var store = await Factory.OpenAsync(Factory.NewLocation());
        Assert.IsAssignableFrom<IParticipationFileImporter>(store);
        await store.UpsertProgrammesAsync(FileImportData.Programmes);
        await store.UpsertCountriesAsync(FileImportData.Countries);
        await store.UpsertEditionsAsync(FileImportData.Editions);
        return store;
    }

    private static Task<ImportOutcome> ImportFileAsync(IAnalyticsStore store, string csv, string? requestId = null) =>
        ((IParticipationFileImporter)store).ImportParticipationsAsync(
            ParticipationCsvLines.Open(new StringReader(csv), FileImportData.Catalogue, "test.csv"), new ImportRequest(requestId));
}

/// <summary>The small catalogue and registry the file import's cases are written against (the DuckDB tests' TestData).</summary>
internal static class FileImportData
{
    private static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");
    private static readonly ProgrammeId Statistics = ProgrammeId.Parse("stat-cab");
    private static readonly EditionId D1 = EditionId.Of(Diplomacy, 1);
    private static readonly EditionId D2 = EditionId.Of(Diplomacy, 2);
    private static readonly EditionId S1 = EditionId.Of(Statistics, 1);

    public static IReadOnlyList<Programme> Programmes { get; } =
    [
        new(Diplomacy, new LocalizedText("Capacity Building Programme for Diplomats (Diplomacy-CaB)"), 2015, "https://example.org/dip"),
        new(Statistics, new LocalizedText("Statistical Capacity Building (Stat-CaB)"), null),
    ];

    public static IReadOnlyList<Country> Countries { get; } =
    [
        new(CountryCode.Parse("TUR"), CountryKind.Member, new LocalizedText("Türkiye"), 1969, OicGroup.Asian, GroupBasis.Read),
        new(CountryCode.Parse("EGY"), CountryKind.Member, new LocalizedText("Egypt"), 1969, OicGroup.Arab, GroupBasis.Inferred),
        new(CountryCode.Parse("MYS"), CountryKind.Member, new LocalizedText("Malaysia"), 1969, OicGroup.Asian, GroupBasis.Read),
        new(CountryCode.Parse("SYR"), CountryKind.Member, new LocalizedText("Syria"), 1972, OicGroup.Arab, GroupBasis.Read,
            [new MembershipSuspension(new DateOnly(2012, 8, 15), new DateOnly(2025, 3, 7))], notes: "suspended 2012-2025"),
        new(CountryCode.Parse("BIH"), CountryKind.Observer, new LocalizedText("Bosnia and Herzegovina"), null, observerSince: 1994),
    ];

    public static IReadOnlyList<Edition> Editions { get; } =
    [
        new(D1, 2015, new DateRange(new DateOnly(2015, 3, 2), new DateOnly(2015, 3, 6)), Modality.InPerson, "Ankara", CountryCode.Parse("TUR"),
            ["SESRIC"], "Multilateral diplomacy", new PublishedTotals(6, 3, "https://example.org/d1"), null),
        new(D2, 2020, new DateRange(new DateOnly(2020, 9, 14), new DateOnly(2020, 9, 17)), Modality.Virtual, null, null,
            [], null, new PublishedTotals(81, 29, "https://example.org/d2", ParticipantsIsLowerBound: true)),
        new(S1, 2019, null, Modality.Unknown, null, null, [], null, PublishedTotals.None),
    ];

    public static Catalogue Catalogue { get; } = new(Programmes, Editions, Countries);

    /// <summary>Seven people over the two Diplomacy-CaB editions: members, a suspended member, an observer, a no-show.</summary>
    public static IReadOnlyList<Participation> Registry { get; } =
    [
        Row("p1", "TUR", D1, institution: "mfa"),
        Row("p2", "EGY", D1, gender: Gender.Male),
        Row("p3", "EGY", D1, gender: Gender.Unknown),
        Row("p4", "SYR", D1),
        Row("p5", "BIH", D1, gender: Gender.Male),
        Row("p6", "MYS", D1, AttendanceStatus.NoShow),
        Row("p1", "TUR", D2, institution: "mfa"),
        Row("p4", "SYR", D2),
        Row("p7", "MYS", D2, AttendanceStatus.Completed),
    ];

    private static Participation Row(string participant, string country, EditionId edition, AttendanceStatus status = AttendanceStatus.Attended,
        Gender gender = Gender.Female, string? institution = null, bool synthetic = false) =>
        Catalogue.CreateParticipation(
            Catalogue.CreateParticipant(ParticipantId.Parse(participant), CountryCode.Parse(country), gender, institution, synthetic),
            edition, status, synthetic);
}
