using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Dataset;

public sealed class BuiltInDatasetTests
{
    private static readonly BuiltInDataset Data = BuiltInDataset.Load();

    private static (int Participants, int MemberStates) Count(BuiltInDataset data, EditionId id)
    {
        var edition = data.Catalogue.Editions.Single(e => e.Id == id);
        var counted = data.Participations.Where(p => p.Edition == id && p.Status.CountsAsParticipation()).ToList();
        var participants = counted.Select(p => p.Participant.Id).Distinct().Count();
        var states = counted
            .Select(p => data.Catalogue.Countries.Single(c => c.Code == p.Participant.Country))
            .Where(c => c.IsMemberOn(edition.ReferenceDate))
            .Select(c => c.Code).Distinct().Count();
        return (participants, states);
    }

    [Fact]
    public void Diplomacy_cab_2020_has_exactly_81_participants_from_29_member_states()
    {
        var edition = Data.Catalogue.Editions.Single(e => e.Programme.Value == "diplomacy-cab" && e.Year == 2020);
        Assert.Equal(4, edition.Number);
        Assert.Equal(81, edition.Published.Participants);
        Assert.Equal(29, edition.Published.MemberStates);
        var (participants, states) = Count(Data, edition.Id);
        Assert.Equal(81, participants);
        Assert.Equal(29, states);
    }

    [Fact]
    public void Registry_matches_every_edition_whose_participants_and_member_states_are_published()
    {
        var complete = Data.Catalogue.Editions.Where(e => e.Published.IsComplete).ToList();
        Assert.Equal(12, complete.Count);
        foreach (var edition in complete)
        {
            var (participants, states) = Count(Data, edition.Id);
            Assert.True(edition.Published.Participants == participants, $"{edition.Id}: {participants} participants, published {edition.Published.Participants}");
            Assert.True(edition.Published.MemberStates == states, $"{edition.Id}: {states} member states, published {edition.Published.MemberStates}");
        }
    }

    [Theory]
    [InlineData("diplomacy-cab", 2)]
    [InlineData("diplomacy-cab", 3)]
    [InlineData("oic-statcom", 2)]
    [InlineData("oic-statcom", 7)]
    [InlineData("oic-statcom", 13)]
    public void Editions_with_an_unknown_figure_have_no_registry_rows(string programme, int number)
    {
        var id = new EditionId(ProgrammeId.Parse(programme), number);
        Assert.False(Data.Catalogue.Editions.Single(e => e.Id == id).Published.IsComplete);
        Assert.DoesNotContain(Data.Participations, p => p.Edition == id);
    }

    [Fact]
    public void Every_registry_record_is_synthetic()
    {
        Assert.NotEmpty(Data.Participations);
        Assert.All(Data.Participations, p => Assert.True(p.IsSynthetic && p.Participant.IsSynthetic));
    }

    [Fact]
    public void Two_loads_give_the_same_registry()
    {
        var again = BuiltInDataset.Load();
        Assert.Equal(Data.Participations.Count, again.Participations.Count);
        for (var i = 0; i < Data.Participations.Count; i++)
        {
            Assert.Equal(Data.Participations[i], again.Participations[i]);
        }
    }

    [Fact]
    public void Registry_draws_only_eligible_member_states()
    {
        foreach (var row in Data.Participations)
        {
            var edition = Data.Catalogue.Editions.Single(e => e.Id == row.Edition);
            var country = Data.Catalogue.Countries.Single(c => c.Code == row.Participant.Country);
            Assert.True(country.IsMemberOn(edition.ReferenceDate), $"{row.Participant.Id} in {row.Edition} is from {country.Code}, not a member in good standing then");
            if (row.Edition.Programme.Value == "ibnsina-cab-mnch")
            {
                Assert.Equal(OicGroup.African, country.Group);
            }
        }
        Assert.DoesNotContain(Data.Participations, p => p.Participant.Country.Value == "SYR" && p.Edition.Programme.Value == "diplomacy-cab");
    }

    [Fact]
    public void Registry_is_plausible_repeat_attendance_gender_mix_institutions_no_shows()
    {
        var perParticipant = Data.Participations.GroupBy(p => p.Participant.Id).ToList();
        Assert.Contains(perParticipant, g => g.Select(p => p.Edition).Distinct().Count() > 1);
        Assert.All(perParticipant, g => Assert.Single(g.Select(p => (p.Participant.Country, p.Participant.Gender)).Distinct()));
        var genders = Data.Participations.Select(p => p.Participant.Gender).ToList();
        var female = genders.Count(g => g == Gender.Female) / (double)genders.Count;
        Assert.InRange(female, 0.2, 0.6);
        Assert.Contains(Gender.Male, genders);
        Assert.All(Data.Participations.Where(p => p.Edition.Programme.Value == "diplomacy-cab"), p => Assert.Equal("mfa", p.Participant.InstitutionType));
        Assert.All(Data.Participations.Where(p => p.Edition.Programme.Value == "oic-statcom"), p => Assert.Equal("nso", p.Participant.InstitutionType));
        Assert.All(Data.Participations.Where(p => p.Edition.Programme.Value == "ibnsina-cab-mnch"), p => Assert.Equal("moh", p.Participant.InstitutionType));
        Assert.Contains(Data.Participations, p => p.Status == AttendanceStatus.NoShow);
        var keys = Data.Participations.Select(p => (p.Participant.Id, p.Edition)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Catalogue_holds_57_members_5_observers_and_the_published_facts()
    {
        var catalogue = Data.Catalogue;
        Assert.Equal(57, catalogue.MemberStates.Count());
        Assert.Equal(5, catalogue.ObserverStates.Count());
        Assert.True(catalogue.TryGetCountry(CountryCode.Parse("XTC"), out var cyprus));
        Assert.Equal(CountryKind.Observer, cyprus.Kind);
        Assert.Contains("user-assigned", cyprus.Notes);
        Assert.All(catalogue.Countries, c => Assert.NotNull(c.Name.French));
        Assert.All(catalogue.MemberStates, c => Assert.NotNull(c.Notes));

        var syria = catalogue.Countries.Single(c => c.Code.Value == "SYR");
        Assert.Equal(new MembershipSuspension(new DateOnly(2012, 8, 1), new DateOnly(2025, 3, 7)), Assert.Single(syria.Suspensions));
        var afghanistan = catalogue.Countries.Single(c => c.Code.Value == "AFG");
        Assert.Equal(new MembershipSuspension(new DateOnly(1980, 1, 1), new DateOnly(1989, 3, 1)), Assert.Single(afghanistan.Suspensions));

        Assert.Equal(["diplomacy-cab", "ibnsina-cab-mnch", "oic-statcom", "oic-statcom-follow-up"], catalogue.Programmes.Select(p => p.Id.Value));
        Assert.All(catalogue.Programmes, p => Assert.NotNull(p.Name.Arabic));
        var statcom8 = catalogue.Editions.Single(e => e.Id == EditionId.Parse("oic-statcom/8"));
        Assert.True(statcom8.Published.ParticipantsIsLowerBound);
        Assert.Equal(37, statcom8.Published.Participants);
        Assert.All(catalogue.Editions.Where(e => e.Id != statcom8.Id), e => Assert.False(e.Published.ParticipantsIsLowerBound));
        var followUp = catalogue.EditionsOf(ProgrammeId.Parse("oic-statcom-follow-up")).ToList();
        Assert.Equal([2020, 2023], followUp.Select(e => e.Year));
        Assert.All(followUp, e => Assert.Contains("DERIVED", e.Notes));
        Assert.All(catalogue.Editions, e => Assert.StartsWith("http", e.Published.SourceUrl));
    }

    [Fact]
    public void Data_files_are_embedded_and_named_for_the_loader()
    {
        Assert.StartsWith("programme,name_en", BuiltInDataset.ReadDataFile("programmes.csv"));
        Assert.Throws<ArgumentException>(() => BuiltInDataset.ReadDataFile("nope.csv"));
    }
}
