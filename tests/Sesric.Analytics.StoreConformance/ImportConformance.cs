using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.StoreConformance;

/// <summary>Imports: counted outcomes, idempotent re-imports, replays by request id, all-or-nothing, cancellation, undo.</summary>
public abstract class ImportConformance
{
    /// <summary>The engine under test.</summary>
    protected abstract IStoreFactory Factory { get; }

    [Fact]
    public async Task An_import_counts_what_it_wrote_and_the_registry_reads_back_the_same_rows()
    {
        var data = ConformanceData.Create(seed: 2);
        await using var store = await Factory.OpenAsync(Factory.NewLocation());
        var outcome = await data.LoadIntoAsync(store);

        Assert.Equal(data.Participations.Count, outcome.Participations.Inserted);
        Assert.Equal(data.Participations.Select(p => p.Participant.Id).Distinct().Count(), outcome.Participants.Inserted);
        Assert.Equal(data.Participations.Count, await store.CountParticipationsAsync());
        var catalogue = await store.LoadCatalogueAsync();
        Assert.Equal(data.Catalogue.Editions.Count, catalogue.Editions.Count);
        var read = new List<string>();
        await foreach (var p in store.ReadParticipationsAsync(catalogue))
        {
            read.Add(Describe(p));
        }
        Assert.Equal(data.Participations.Select(Describe).Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
        // The stream comes in (programme, edition, participant) order.
        Assert.Equal(read.OrderBy(r => r.Split('|')[1], StringComparer.Ordinal).ThenBy(r => r.Split('|')[0], StringComparer.Ordinal), read);
    }

    [Fact]
    public async Task Importing_the_same_rows_again_changes_nothing_and_a_changed_row_is_one_update()
    {
        var data = ConformanceData.Create(seed: 3);
        await using var store = await Factory.OpenAsync(Factory.NewLocation());
        await data.LoadIntoAsync(store);
        var before = await store.GetEditionStatisticsAsync();

        var again = await store.ImportParticipationsAsync(data.Participations, ImportRequest.Default);
        Assert.True(again.WasNoOp);
        Assert.Equal(data.Participations.Count, again.Participations.Unchanged);
        Assert.Equal(before, await store.GetEditionStatisticsAsync());

        var first = data.Participations[0];
        var flipped = first.Status.CountsAsParticipation() ? AttendanceStatus.NoShow : AttendanceStatus.Completed;
        var changed = data.Catalogue.CreateParticipation(first.Participant, first.Edition, flipped, first.IsSynthetic);
        var update = await store.ImportParticipationsAsync([changed], ImportRequest.Default);
        Assert.Equal(new WriteOutcome(0, 1, 0), update.Participations);
        var after = await store.GetEditionStatisticsAsync();
        var edition = after.Single(s => s.Edition == first.Edition);
        var old = before.Single(s => s.Edition == first.Edition);
        Assert.Equal(old.RegistryParticipants + (first.Status.CountsAsParticipation() ? -1 : 1), edition.RegistryParticipants);

        // Undo puts back every statistic as it was before the update.
        var journal = (IImportJournal)store;
        var imports = await journal.ListImportsAsync();
        Assert.Equal(update.ImportId, imports[^1].Id);
        await journal.UndoImportAsync(update.ImportId!.Value);
        Assert.Equal(before, await store.GetEditionStatisticsAsync());
    }

    [Fact]
    public async Task A_request_id_seen_before_is_a_replay_and_other_rows_under_it_are_refused()
    {
        var data = ConformanceData.Create(seed: 4);
        await using var store = await Factory.OpenAsync(Factory.NewLocation());
        var first = await data.LoadIntoAsync(store, new ImportRequest("batch-1"));
        var replay = await store.ImportParticipationsAsync(data.Participations, new ImportRequest("batch-1"));
        Assert.True(replay.WasReplay);
        Assert.Equal(first.Participations, replay.Participations);
        Assert.Equal(first.Participants, replay.Participants);
        await Assert.ThrowsAsync<ImportRequestConflictException>(
            () => store.ImportParticipationsAsync(data.Participations.Skip(1), new ImportRequest("batch-1")));
        Assert.Equal(data.Participations.Count, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task A_failing_import_writes_nothing()
    {
        var data = ConformanceData.Create(seed: 5);
        await using var store = await Factory.OpenAsync(Factory.NewLocation());
        await data.LoadIntoAsync(store);
        var before = await store.GetEditionStatisticsAsync();
        var fresh = data.Catalogue.CreateParticipant(ParticipantId.Parse("new-person"), CountryCode.Parse("AAA"), Gender.Female, null, false, 7);
        var rows = data.Catalogue.Editions.Select(e => data.Catalogue.CreateParticipation(fresh, e.Id, AttendanceStatus.Attended, false)).ToList();

        // The source throws after its rows (as a validator that found bad rows does): nothing is kept.
        await Assert.ThrowsAsync<InvalidDataException>(() => store.ImportParticipationsAsync(ThrowAfter(rows), ImportRequest.Default));
        // An edition the store does not know: refused, nothing kept.
        var otherCatalogue = new Catalogue(
            data.Catalogue.Programmes,
            [.. data.Catalogue.Editions, new Edition(EditionId.Of(ProgrammeId.Parse("alpha"), 99), 2030, null, Modality.Virtual, null, null, [], null, new PublishedTotals(null, null, null))],
            data.Catalogue.Countries);
        var stranger = otherCatalogue.CreateParticipant(ParticipantId.Parse("stranger"), CountryCode.Parse("BBB"), Gender.Male, null, false, 8);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(
            [.. rows.Take(2), otherCatalogue.CreateParticipation(stranger, EditionId.Of(ProgrammeId.Parse("alpha"), 99), AttendanceStatus.Attended, false)],
            ImportRequest.Default));
        Assert.Contains("alpha/99", unknown.Message, StringComparison.Ordinal);

        // Cancelled while staging: nothing kept.
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ImportParticipationsAsync(CancelAfter(rows, cancel), ImportRequest.Default, cancel.Token));

        Assert.Equal(data.Participations.Count, await store.CountParticipationsAsync());
        Assert.Equal(before, await store.GetEditionStatisticsAsync());
    }

    [Fact]
    public async Task Moving_an_edition_to_another_year_moves_its_rows_in_every_statistic()
    {
        var data = ConformanceData.Create(seed: 6);
        await using var store = await Factory.OpenAsync(Factory.NewLocation());
        await data.LoadIntoAsync(store);
        var edition = data.Catalogue.Editions[0];
        var moved = new Edition(edition.Id, 2031, null, edition.Modality, edition.HostCity, edition.HostCountry, edition.Partners, edition.Theme, edition.Published);
        Assert.Equal(1, (await store.UpsertEditionsAsync([moved])).Updated);

        var engine = new Semantic.QueryEngine(store);
        var table = await engine.ExecuteAsync(Semantic.SemanticQuery.FromText(["participations"], ["year"], "year = 2031", policy: Semantic.DisclosurePolicy.Internal));
        var expected = data.Participations.Count(p => p.Edition == edition.Id && p.Status.CountsAsParticipation());
        Assert.Equal(expected, expected == 0 ? 0 : (long)table.Rows.Single()[1].Value!);
    }

    [Fact]
    public async Task A_blank_nomination_date_keeps_the_stored_one_a_corrected_date_is_an_update_and_undo_restores_it()
    {
        var data = ConformanceData.Create(seed: 7);
        await using var store = await Factory.OpenAsync(Factory.NewLocation());
        await data.LoadIntoAsync(store);
        var dated = data.Participations.First(p => p.NominatedOn is not null);
        var original = dated.NominatedOn!.Value;

        // The outcomes file arrives after the edition without nomination dates: the stored dates stay, nothing changes.
        var outcomes = await store.ImportParticipationsAsync(
            data.Participations.Select(p => data.Catalogue.CreateParticipation(p.Participant, p.Edition, p.Status, p.IsSynthetic, null)).ToList(),
            ImportRequest.Default);
        Assert.True(outcomes.WasNoOp);
        Assert.Equal(original, (await ReadAsync(store, dated)).NominatedOn);

        var corrected = await store.ImportParticipationsAsync(
            [data.Catalogue.CreateParticipation(dated.Participant, dated.Edition, dated.Status, dated.IsSynthetic, original.AddDays(3))], ImportRequest.Default);
        Assert.Equal(new WriteOutcome(0, 1, 0), corrected.Participations);
        Assert.Equal(original.AddDays(3), (await ReadAsync(store, dated)).NominatedOn);

        await ((IImportJournal)store).UndoImportAsync(corrected.ImportId!.Value);
        Assert.Equal(original, (await ReadAsync(store, dated)).NominatedOn);
    }

    private static async Task<Participation> ReadAsync(IAnalyticsStore store, Participation wanted)
    {
        await foreach (var p in store.ReadParticipationsAsync(await store.LoadCatalogueAsync()))
        {
            if (p.Participant.Id == wanted.Participant.Id && p.Edition == wanted.Edition)
            {
                return p;
            }
        }
        throw new InvalidOperationException($"{wanted.Participant.Id} in {wanted.Edition} is not in the store.");
    }

    [Fact]
    public async Task Rows_naming_editions_the_store_lacks_are_refused_naming_the_first_ten_in_ordinal_order()
    {
        // Twelve editions in the rows' catalogue, only the first in the store: eleven unknown, of which the refusal names
        // the ten smallest as text ("alpha/10" sorts before "alpha/2", and "alpha/9" is the one left out).
        var (catalogue, rows) = OneRowPerEdition(editions: 12, countries: ["AAA"]);
        await using var store = await Factory.OpenAsync(Factory.NewLocation());
        await store.UpsertProgrammesAsync(catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync([catalogue.Editions[0]]);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(rows, ImportRequest.Default));

        Assert.StartsWith(
            "edition(s) alpha/10, alpha/11, alpha/12, alpha/2, alpha/3, alpha/4, alpha/5, alpha/6, alpha/7, alpha/8 are not in the store; import the editions first.",
            e.Message, StringComparison.Ordinal);
        Assert.Equal("rows", e.ParamName);
        Assert.Equal(0, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task Rows_naming_member_states_the_store_lacks_are_refused_after_every_edition_is_found()
    {
        var (catalogue, rows) = OneRowPerEdition(editions: 3, countries: ["AAA", "CCC", "BBB"]);
        await using var store = await Factory.OpenAsync(Factory.NewLocation());
        await store.UpsertProgrammesAsync(catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(catalogue.Countries.Where(c => c.Code.Value == "AAA").ToArray());
        await store.UpsertEditionsAsync(catalogue.Editions.ToArray());

        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportParticipationsAsync(rows, ImportRequest.Default));

        Assert.StartsWith("country code(s) BBB, CCC are not in the store; import the member states first.", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountParticipationsAsync());
        // With the member states stored the same rows import.
        await store.UpsertCountriesAsync(catalogue.Countries.ToArray());
        Assert.Equal(3, (await store.ImportParticipationsAsync(rows, ImportRequest.Default)).Participations.Inserted);
    }

    /// <summary>A catalogue of one programme with <paramref name="editions"/> editions, and one person per edition, from each of <paramref name="countries"/> in turn.</summary>
    private static (Catalogue Catalogue, List<Participation> Rows) OneRowPerEdition(int editions, string[] countries)
    {
        var programme = new Programme(ProgrammeId.Parse("alpha"), new LocalizedText("alpha"), 2000);
        var members = countries.Select(code => new Country(
            CountryCode.Parse(code), CountryKind.Member, new LocalizedText(code), 1969, OicGroup.Arab, GroupBasis.Read, null)).ToList();
        var list = Enumerable.Range(1, editions)
            .Select(n => new Edition(EditionId.Of(programme.Id, n), 2000 + n, null, Modality.Virtual, null, null, [], null, new PublishedTotals(null, null, null)))
            .ToList();
        var catalogue = new Catalogue([programme], list, members);
        var rows = list.Select((edition, i) => catalogue.CreateParticipation(
            catalogue.CreateParticipant(ParticipantId.Parse($"p{i:D3}"), members[i % members.Count].Code, Gender.Female, null, false, i),
            edition.Id, AttendanceStatus.Attended, false)).ToList();
        return (catalogue, rows);
    }

    private static string Describe(Participation p) =>
        $"{p.Participant.Id}|{p.Edition}|{p.Status}|{p.IsSynthetic}|{p.Participant.Country}|{p.Participant.Gender}|{p.Participant.InstitutionType}|{p.Participant.IsSynthetic}|{p.Participant.RecordKey}|{p.NominatedOn:yyyy-MM-dd}";

    private static IEnumerable<Participation> ThrowAfter(IEnumerable<Participation> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }
        throw new InvalidDataException("row 9: bad attendance");
    }

    private static IEnumerable<Participation> CancelAfter(IEnumerable<Participation> rows, CancellationTokenSource cancel)
    {
        foreach (var row in rows)
        {
            yield return row;
        }
        cancel.Cancel();
    }
}
