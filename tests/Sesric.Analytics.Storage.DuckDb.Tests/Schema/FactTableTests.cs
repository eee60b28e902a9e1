using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Schema;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests.Schema;

/// <summary>
/// The materialised <c>participation_fact</c> table (schema 4) must always equal what schema 3's view computed
/// from the base tables, whatever was written since: imports, re-imports that change a person, and edits to
/// editions, countries and suspensions.
/// </summary>
public sealed class FactTableTests : IDisposable
{
    /// <summary>
    /// Schema 3's view, restated over the base tables (the columns the table keeps), plus <c>is_single</c> and
    /// <c>is_single_in_year</c> (the person's only counted participation, overall and in that year) and the attendance
    /// code (schema 9): the definition the table must match.
    /// </summary>
    private const string Definition =
        """
        SELECT pn.participant_id, pn.programme_id, pn.edition_number, e.year, e.modality, e.host_country,
               COALESCE(e.start_date, make_date(e.year, 7, 1)) AS reference_date, pt.iso3, c.oic_group,
               pt.gender, (pn.attendance IN ('attended', 'completed')) AS is_counted,
               (pn.is_synthetic OR pt.is_synthetic) AS is_synthetic,
               (c.kind = 'member' AND c.accession_year <= e.year
                AND NOT EXISTS (SELECT 1 FROM membership_suspension s WHERE s.iso3 = pt.iso3
                                AND s.suspended_from <= COALESCE(e.start_date, make_date(e.year, 7, 1))
                                AND (s.restored_on IS NULL OR s.restored_on > COALESCE(e.start_date, make_date(e.year, 7, 1))))) AS counts_as_member,
               (pn.attendance IN ('attended', 'completed')
                AND (SELECT COUNT(*) FROM participation o
                     WHERE o.participant_id = pn.participant_id AND o.attendance IN ('attended', 'completed')) = 1) AS is_single,
               (pn.attendance IN ('attended', 'completed')
                AND (SELECT COUNT(*) FROM participation o JOIN edition oe ON oe.programme_id = o.programme_id AND oe.edition_number = o.edition_number
                     WHERE o.participant_id = pn.participant_id AND oe.year = e.year AND o.attendance IN ('attended', 'completed')) = 1) AS is_single_in_year,
               pn.attendance
        FROM participation pn
        JOIN participant pt ON pt.participant_id = pn.participant_id
        JOIN edition e ON e.programme_id = pn.programme_id AND e.edition_number = pn.edition_number
        JOIN country c ON c.iso3 = pt.iso3
        """;

    private const string Table =
        """
        SELECT p.participant_id, f.programme_id, f.edition_number, f.year, f.modality, f.host_country, f.reference_date, f.iso3,
               f.oic_group, f.gender, f.is_counted, f.is_synthetic, f.counts_as_member, f.is_single, f.is_single_in_year, f.attendance
        FROM participation_fact f JOIN participant p ON p.participant_key = f.participant_key
        """;

    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task After_an_import_the_table_holds_one_row_per_participation_as_defined()
    {
        var path = _folder.File("facts.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        }

        AssertMatchesDefinition(path, expectedRows: TestData.Registry.Count);
        using var raw = RawDb.Open(path);
        // SYR is suspended on both editions' dates, BIH is an observer and p6 did not show: p1, p2, p3 at D1 and p1, p7 at D2.
        Assert.Equal(5, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE counts_as_member AND is_counted"));
    }

    [Fact]
    public async Task Participant_keys_are_one_per_person_and_stay_put_across_imports()
    {
        var path = _folder.File("keys.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        }
        long p7Before;
        using (var raw = RawDb.Open(path))
        {
            p7Before = raw.Scalar("SELECT participant_key FROM participant WHERE participant_id = 'p7'");
        }
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(path))
        {
            // "a0" sorts before every stored id: a new person is numbered after everyone stored, not by id.
            await store.ImportParticipationsAsync([TestData.Row("a0", "TUR", TestData.D2), TestData.Row("p7", "MYS", TestData.D1)], ImportRequest.Default);
        }

        AssertMatchesDefinition(path, expectedRows: TestData.Registry.Count + 2);
        using var check = RawDb.Open(path);
        Assert.Equal(p7Before, check.Scalar("SELECT participant_key FROM participant WHERE participant_id = 'p7'"));
        Assert.Equal(8, check.Scalar("SELECT participant_key FROM participant WHERE participant_id = 'a0'"));
        Assert.Equal(8, check.Scalar("SELECT COUNT(DISTINCT participant_key) FROM participant"));
        Assert.Equal(0, check.Scalar(
            """
            SELECT COUNT(*) FROM participation_fact f LEFT JOIN participant p USING (participant_key)
            WHERE p.participant_id IS NULL
            """));
    }

    [Fact]
    public async Task New_people_with_several_participations_and_stored_people_in_one_import_are_judged_as_defined()
    {
        var path = _folder.File("mixed.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
            // n1 and n2 are new (their rows come from the import's own tables); p6 is stored and unchanged but gains D2
            // (their rows are read back from the registry); p2 is sent again unchanged (nothing of theirs is rewritten).
            await store.ImportParticipationsAsync(
                [
                    TestData.Row("n1", "TUR", TestData.D1), TestData.Row("n1", "TUR", TestData.D2, AttendanceStatus.Completed),
                    TestData.Row("n2", "EGY", TestData.D1, AttendanceStatus.NoShow), TestData.Row("n2", "EGY", TestData.D2),
                    TestData.Row("p6", "MYS", TestData.D2), TestData.Row("p2", "EGY", TestData.D1, gender: Gender.Male),
                ],
                ImportRequest.Default);
        }

        AssertMatchesDefinition(path, expectedRows: TestData.Registry.Count + 5);
        using var raw = RawDb.Open(path);
        // n1 attended twice (neither row single); n2 and p6 each attended once besides a no-show (that row single).
        Assert.Equal(0, raw.Scalar("SELECT COUNT(*) FROM participation_fact JOIN participant USING (participant_key) WHERE participant_id = 'n1' AND is_single"));
        Assert.Equal(2, raw.Scalar("SELECT COUNT(*) FROM participation_fact JOIN participant USING (participant_key) WHERE participant_id IN ('n2', 'p6') AND is_single AND edition_number = 2"));
    }

    [Fact]
    public async Task An_import_of_new_people_only_adds_their_rows_and_keeps_the_stored_peoples()
    {
        var path = _folder.File("newonly.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
            // No stored person is in this import, so no stored person's fact rows are looked for or rewritten.
            var outcome = await store.ImportParticipationsAsync(
                [TestData.Row("n1", "TUR", TestData.D1), TestData.Row("n1", "TUR", TestData.D2), TestData.Row("n2", "EGY", TestData.D2)],
                ImportRequest.Default);
            Assert.Equal(new WriteOutcome(2, 0, 0), outcome.Participants);
        }

        AssertMatchesDefinition(path, expectedRows: TestData.Registry.Count + 3);
        using var raw = RawDb.Open(path);
        Assert.Equal(TestData.Registry.Count, raw.Scalar(
            "SELECT COUNT(*) FROM participation_fact JOIN participant USING (participant_key) WHERE participant_id NOT IN ('n1', 'n2')"));
        Assert.Equal(1, raw.Scalar("SELECT COUNT(*) FROM participation_fact JOIN participant USING (participant_key) WHERE participant_id = 'n2' AND is_single"));
    }

    [Fact]
    public async Task A_first_import_of_people_with_none_one_and_several_counted_participations_across_years_is_judged_as_defined()
    {
        var path = _folder.File("first.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            // Stat-CaB 1 moved into 2020, Diplomacy-CaB 2's year: a person can attend twice in one year.
            await store.UpsertEditionsAsync([new Edition(TestData.S1, 2020, null, Modality.Unknown, null, null, [], null, PublishedTotals.None)]);
            // A new person's flags come from their counted rows: none or one (no window), or two and more (judged per year).
            await store.ImportParticipationsAsync(
                [
                    TestData.Row("z0", "TUR", TestData.D1, AttendanceStatus.NoShow),
                    TestData.Row("z1", "TUR", TestData.D1), TestData.Row("z1", "TUR", TestData.D2, AttendanceStatus.NoShow),
                    TestData.Row("z2", "EGY", TestData.D1), TestData.Row("z2", "EGY", TestData.D2),
                    TestData.Row("z3", "EGY", TestData.D2), TestData.Row("z3", "EGY", TestData.S1, AttendanceStatus.Completed),
                    TestData.Row("z4", "MYS", TestData.D1), TestData.Row("z4", "MYS", TestData.D2), TestData.Row("z4", "MYS", TestData.S1, AttendanceStatus.NoShow),
                    TestData.Row("z5", "MYS", TestData.S1),
                    TestData.Row("z6", "TUR", TestData.D1), TestData.Row("z6", "TUR", TestData.D2, AttendanceStatus.Completed), TestData.Row("z6", "TUR", TestData.S1),
                ],
                ImportRequest.Default);
        }

        AssertMatchesDefinition(path, expectedRows: 14);
        using var raw = RawDb.Open(path);
        Assert.Equal(11, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE is_counted"));
        // z1 at D1 and z5: their only counted participation.
        Assert.Equal(2, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE is_single"));
        // z3 and z6 attended twice in 2020; z2, z4 and z6 (in 2015) once in each other year.
        Assert.Equal(4, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE is_counted AND NOT is_single_in_year"));
        Assert.Equal(0, raw.Scalar("SELECT COUNT(*) FROM participation_fact f JOIN participant p USING (participant_key) WHERE f.record_key <> p.record_key"));
    }

    [Fact]
    public async Task A_person_whose_country_changes_has_every_fact_row_rewritten()
    {
        var path = _folder.File("moved.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
            // p1 was recorded as TUR at D1 and D2; this import names only D2 but moves p1 to EGY (both rows must follow)
            // and turns p6's no-show at D1 into an attendance.
            await store.ImportParticipationsAsync(
                [TestData.Row("p1", "EGY", TestData.D2, institution: "mfa"), TestData.Row("p6", "MYS", TestData.D1)],
                ImportRequest.Default);
        }

        AssertMatchesDefinition(path, expectedRows: TestData.Registry.Count);
        using var raw = RawDb.Open(path);
        Assert.Equal(2, raw.Scalar("SELECT COUNT(*) FROM participation_fact JOIN participant USING (participant_key) WHERE participant_id = 'p1' AND participation_fact.iso3 = 'EGY' AND oic_group = 'Arab Group'"));
        Assert.Equal(1, raw.Scalar("SELECT COUNT(*) FROM participation_fact JOIN participant USING (participant_key) WHERE participant_id = 'p6' AND is_counted"));
    }

    [Fact]
    public async Task Editing_editions_countries_and_suspensions_refreshes_the_derived_columns()
    {
        var path = _folder.File("edited.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
            var d2 = TestData.Editions[1];
            await store.UpsertEditionsAsync(
            [
                new Edition(d2.Id, 2021, null, Modality.Hybrid, "Ankara", CountryCode.Parse("TUR"), [], null, d2.Published),
            ]);
            await store.UpsertCountriesAsync(
            [
                // Egypt regrouped; Syria's suspension ended in 2019 (so D2, now 1 July 2021, counts it); Malaysia
                // suspended over D2's new date.
                new Country(CountryCode.Parse("EGY"), CountryKind.Member, new LocalizedText("Egypt"), 1969, OicGroup.African, GroupBasis.Read),
                new Country(CountryCode.Parse("SYR"), CountryKind.Member, new LocalizedText("Syria"), 1972, OicGroup.Arab, GroupBasis.Read,
                    [new MembershipSuspension(new DateOnly(2012, 8, 15), new DateOnly(2019, 1, 1))]),
                new Country(CountryCode.Parse("MYS"), CountryKind.Member, new LocalizedText("Malaysia"), 1969, OicGroup.Asian, GroupBasis.Read,
                    [new MembershipSuspension(new DateOnly(2021, 6, 1), null)]),
            ]);
        }

        AssertMatchesDefinition(path, expectedRows: TestData.Registry.Count);
        using var raw = RawDb.Open(path);
        Assert.Equal(3, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE year = 2021 AND modality = 'hybrid' AND reference_date = DATE '2021-07-01'"));
        Assert.Equal(2, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE iso3 = 'EGY' AND oic_group = 'African Group'"));
        Assert.Equal(1, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE iso3 = 'SYR' AND year = 2021 AND counts_as_member"));
        Assert.Equal(0, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE iso3 = 'MYS' AND year = 2021 AND counts_as_member"));
    }

    [Fact]
    public async Task Moving_an_edition_into_another_editions_year_judges_one_per_year_participations_again()
    {
        var path = _folder.File("year.duckdb");
        var d2 = TestData.Editions[1];
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
            await store.UpsertEditionsAsync([new Edition(d2.Id, 2015, null, Modality.Virtual, null, null, [], null, d2.Published)]);
            // A re-import that changes p1 rewrites p1's rows through the import's own path, now with both in 2015.
            await store.ImportParticipationsAsync([TestData.Row("p1", "TUR", TestData.D2, institution: "academia")], ImportRequest.Default);
        }

        AssertMatchesDefinition(path, expectedRows: TestData.Registry.Count);
        using (var raw = RawDb.Open(path))
        {
            // p1 and p4 attended D1 and D2, now both in 2015: neither row is their only one that year.
            Assert.Equal(4, raw.Scalar("SELECT COUNT(*) FROM participation_fact WHERE is_counted AND NOT is_single_in_year"));
        }

        await using (var store = await DuckDbAnalyticsStore.OpenAsync(path))
        {
            await store.UpsertEditionsAsync([d2]);
        }
        AssertMatchesDefinition(path, expectedRows: TestData.Registry.Count);
        using var back = RawDb.Open(path);
        Assert.Equal(0, back.Scalar("SELECT COUNT(*) FROM participation_fact WHERE is_counted AND NOT is_single_in_year"));
    }

    [Fact]
    public void Migrating_a_version_3_file_with_rows_fills_the_table_as_defined()
    {
        var path = _folder.File("v3.duckdb");
        using (var raw = RawDb.Open(path))
        {
            SchemaMigrator.Migrate(raw, path, targetVersion: 3);
            raw.Execute(
                """
                INSERT INTO programme VALUES ('diplomacy-cab', 'Diplomacy-CaB', NULL, NULL, 2015, NULL);
                INSERT INTO country VALUES ('TUR', 'member', 'Türkiye', NULL, NULL, 1969, 'Asian Group', 'read', NULL, NULL, NULL),
                                           ('SYR', 'member', 'Syria', NULL, NULL, 1972, 'Arab Group', 'read', NULL, NULL, NULL);
                INSERT INTO membership_suspension VALUES ('SYR', DATE '2012-08-15', DATE '2025-03-07');
                INSERT INTO edition VALUES ('diplomacy-cab', 1, 2015, DATE '2015-03-02', DATE '2015-03-06', 'in_person', 'Ankara', 'TUR',
                                            NULL, NULL, 3, 1, FALSE, NULL, NULL);
                INSERT INTO participant VALUES ('p2', 'SYR', 'male', NULL, FALSE), ('p1', 'TUR', 'female', NULL, TRUE), ('p3', 'TUR', 'unknown', 'mfa', FALSE);
                INSERT INTO participation VALUES ('p1', 'diplomacy-cab', 1, 'attended', FALSE), ('p2', 'diplomacy-cab', 1, 'completed', FALSE),
                                                 ('p3', 'diplomacy-cab', 1, 'no_show', FALSE);
                """);
            SchemaMigrator.Migrate(raw, path, SchemaMigrator.LatestVersion);
            Assert.Equal(3, raw.Scalar("SELECT participant_key FROM participant WHERE participant_id = 'p3'"));
        }

        AssertMatchesDefinition(path, expectedRows: 3);
    }

    private static void AssertMatchesDefinition(string path, long expectedRows)
    {
        using var raw = RawDb.Open(path);
        Assert.Equal(expectedRows, raw.Scalar("SELECT COUNT(*) FROM participation_fact"));
        Assert.Equal(0, raw.Scalar($"SELECT COUNT(*) FROM (({Table}) EXCEPT ALL ({Definition}))"));
        Assert.Equal(0, raw.Scalar($"SELECT COUNT(*) FROM (({Definition}) EXCEPT ALL ({Table}))"));
    }
}
