using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Dataset;

public sealed class ScaleGeneratorTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(374L)]
    [InlineData(20_011L)]
    public void Generates_exactly_the_requested_number_of_rows(long n) =>
        Assert.Equal(n, ScaleGenerator.Generate(new ScaleOptions(n, 7)).Participations.LongCount());

    [Fact]
    public void Natural_keys_are_unique_and_participants_keep_their_attributes()
    {
        var data = ScaleGenerator.Generate(new ScaleOptions(50_000, 3));
        var keys = new HashSet<(ParticipantId, EditionId)>();
        var attributes = new Dictionary<ParticipantId, (CountryCode, Gender, string?)>();
        foreach (var row in data.Participations)
        {
            Assert.True(keys.Add((row.Participant.Id, row.Edition)), $"duplicate {row.Participant.Id} in {row.Edition}");
            var seen = (row.Participant.Country, row.Participant.Gender, row.Participant.InstitutionType);
            Assert.Equal(seen, attributes.TryGetValue(row.Participant.Id, out var first) ? first : attributes[row.Participant.Id] = seen);
            Assert.True(data.Catalogue.TryGetEdition(row.Edition, out _));
        }
    }

    [Fact]
    public void Is_plausible_repeat_participants_member_and_observer_mix_gender_mix_all_synthetic()
    {
        var data = ScaleGenerator.Generate(new ScaleOptions(40_000, 11));
        var rows = data.Participations.ToList();
        Assert.All(rows, r => Assert.True(r.IsSynthetic && r.Participant.IsSynthetic));
        var editionsPerPerson = rows.GroupBy(r => r.Participant.Id).Select(g => g.Count()).ToList();
        Assert.InRange(editionsPerPerson.Count(c => c > 1) / (double)editionsPerPerson.Count, 0.05, 0.6);
        var countries = rows.Select(r => r.Participant.Country).Distinct().Count();
        Assert.InRange(countries, 50, 62);
        var observers = rows.Count(r => r.Participant.CountryKind == CountryKind.Observer) / (double)rows.Count;
        Assert.InRange(observers, 0.002, 0.05);
        var female = rows.Count(r => r.Participant.Gender == Gender.Female) / (double)rows.Count;
        Assert.InRange(female, 0.3, 0.5);
        Assert.Contains(rows, r => r.Status == AttendanceStatus.NoShow);
        Assert.Equal(25, data.Catalogue.Programmes.Count);
        Assert.Equal(25 * 15, data.Catalogue.Editions.Count);
        Assert.Equal(57, data.Catalogue.MemberStates.Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_rows_and_another_seed_different_ones()
    {
        var a = ScaleGenerator.Generate(new ScaleOptions(5_000, 42)).Participations.ToList();
        var b = ScaleGenerator.Generate(new ScaleOptions(5_000, 42)).Participations.ToList();
        var c = ScaleGenerator.Generate(new ScaleOptions(5_000, 43)).Participations.ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var dataset = ScaleGenerator.Generate(new ScaleOptions(1_000, 42));
        Assert.Equal(dataset.Participations.ToList(), dataset.Participations.ToList());
    }

    [Fact]
    public void Streams_rows_lazily_even_for_a_trillion_rows()
    {
        var data = ScaleGenerator.Generate(new ScaleOptions(1_000_000_000_000, 1));
        var first = data.Participations.Take(1_000).ToList();
        Assert.Equal(1_000, first.Count);
        Assert.Equal(1_000, first.Select(r => r.Participant.Id).Distinct().Count());
    }

    [Fact]
    public void A_million_rows_stream_in_bounded_memory()
    {
        var data = ScaleGenerator.Generate(new ScaleOptions(1_000_000, 5));
        long count = 0;
        long peakGrowth = 0;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var _ in data.Participations)
        {
            if (++count % 250_000 == 0)
            {
                peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }
        Assert.Equal(1_000_000, count);
        // Holding the rows would take hundreds of megabytes; streaming keeps a few arrays per programme.
        Assert.True(peakGrowth < 20_000_000, $"memory grew by {peakGrowth} bytes while streaming");
    }

    [Theory]
    [InlineData(-1L, 1, 25, 15, "Participations")]
    [InlineData(10L, 1, 0, 15, "Programmes")]
    [InlineData(10L, 1, 25, 91, "EditionsPerProgramme")]
    public void Options_out_of_range_are_refused(long n, int seed, int programmes, int editions, string name)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => ScaleGenerator.Generate(new ScaleOptions(n, seed, programmes, editions)));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Every_row_is_a_nomination_whose_outcome_follows_the_known_show_up_process()
    {
        var data = ScaleGenerator.Generate(new ScaleOptions(60_000, 9));
        var rows = data.Participations.ToList();
        var shown = 0;
        foreach (var row in rows)
        {
            Assert.True(data.Catalogue.TryGetEdition(row.Edition, out var edition));
            var day = Assert.NotNull(row.NominatedOn);
            var lead = edition.Dates!.Value.Start.DayNumber - day.DayNumber;
            Assert.InRange(lead, 1, 180);
            Assert.NotEqual(AttendanceStatus.Registered, row.Status);
            shown += row.Status.CountsAsParticipation() ? 1 : 0;
        }
        // The show-up rate moves with lead time as the process says: late nominations lose people.
        var late = rows.Where(r => Lead(data, r) < 15).ToList();
        var early = rows.Where(r => Lead(data, r) > 90).ToList();
        Assert.True(Rate(late) + 0.1 < Rate(early), $"late {Rate(late):F3} vs early {Rate(early):F3}");
        Assert.InRange(shown / (double)rows.Count, 0.6, 0.9);
    }

    private static int Lead(GeneratedDataset data, Participation row) =>
        data.Catalogue.TryGetEdition(row.Edition, out var e) ? e.Dates!.Value.Start.DayNumber - row.NominatedOn!.Value.DayNumber : -1;

    private static double Rate(List<Participation> rows) => rows.Count(r => r.Status.CountsAsParticipation()) / (double)rows.Count;
}
