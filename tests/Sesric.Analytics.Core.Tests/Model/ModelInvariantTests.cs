using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Model;

public sealed class ModelInvariantTests
{
    private static readonly Catalogue Catalogue = BuiltInDataset.LoadCatalogue();

    [Theory]
    [InlineData("TR")]
    [InlineData("TURK")]
    [InlineData("12A")]
    [InlineData(null)]
    public void Invalid_iso_codes_are_refused(string? text) =>
        Assert.False(CountryCode.TryParse(text, out _));

    [Fact]
    public void A_date_range_cannot_end_before_it_starts()
    {
        var error = Assert.Throws<ArgumentException>(() => new DateRange(new DateOnly(2020, 9, 17), new DateOnly(2020, 9, 14)));
        Assert.Equal("end", error.ParamName);
        Assert.Equal(4, new DateRange(new DateOnly(2020, 9, 14), new DateOnly(2020, 9, 17)).Days);
    }

    [Fact]
    public void An_edition_year_must_match_its_start_date()
    {
        var error = Assert.Throws<ArgumentException>(() => new Edition(
            EditionId.Parse("diplomacy-cab/4"), 2021, new DateRange(new DateOnly(2020, 9, 14), new DateOnly(2020, 9, 17)),
            Modality.Virtual, null, null, [], null, PublishedTotals.None));
        Assert.Equal("year", error.ParamName);
    }

    [Fact]
    public void Published_totals_cannot_be_negative() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PublishedTotals(-1, 3, null));

    [Fact]
    public void A_participation_for_an_unknown_edition_cannot_be_built()
    {
        var participant = Catalogue.CreateParticipant(ParticipantId.Parse("p-1"), CountryCode.Parse("TUR"), Gender.Female, "mfa", false);
        var error = Assert.Throws<ArgumentException>(() => Catalogue.CreateParticipation(participant, EditionId.Parse("diplomacy-cab/99"), AttendanceStatus.Attended, false));
        Assert.Contains("unknown edition", error.Message);
    }

    [Fact]
    public void A_participant_from_an_unknown_country_cannot_be_built()
    {
        var error = Assert.Throws<ArgumentException>(() => Catalogue.CreateParticipant(ParticipantId.Parse("p-1"), CountryCode.Parse("XYZ"), Gender.Male, null, false));
        Assert.Contains("XYZ", error.Message);
    }

    [Fact]
    public void Syria_is_not_a_member_in_good_standing_during_its_suspension()
    {
        Assert.True(Catalogue.TryGetCountry(CountryCode.Parse("SYR"), out var syria));
        Assert.True(syria.IsMemberOn(new DateOnly(2012, 7, 31)));
        Assert.False(syria.IsMemberOn(new DateOnly(2012, 8, 1)));
        Assert.False(syria.IsMemberOn(new DateOnly(2020, 9, 14)));
        Assert.False(syria.IsMemberOn(new DateOnly(2025, 3, 6)));
        Assert.True(syria.IsMemberOn(new DateOnly(2025, 3, 7)));
        Assert.True(syria.IsMemberOn(new DateOnly(2025, 10, 1)));
    }

    [Fact]
    public void Observers_are_never_members()
    {
        Assert.All(Catalogue.ObserverStates, o => Assert.False(o.IsMemberOn(new DateOnly(2020, 9, 14))));
        Assert.Equal(57, Catalogue.MembersOn(new DateOnly(2026, 1, 1)).Count());
        Assert.Equal(56, Catalogue.MembersOn(new DateOnly(2020, 9, 14)).Count());
    }

    [Theory]
    [InlineData("someone@example.org", "e-mail")]
    [InlineData("Amina Diallo", "name")]
    [InlineData("", "empty")]
    [InlineData("p/1", "'/'")]
    public void Participant_ids_refuse_emails_and_names(string text, string why)
    {
        Assert.False(ParticipantId.TryParse(text, out _, out var error));
        Assert.Contains(why, error);
    }

    [Fact]
    public void Pseudonymised_ids_are_stable_and_valid()
    {
        var key = "k"u8.ToArray();
        var a = ParticipantId.Pseudonymise("Someone@Example.org ", key);
        Assert.Equal(a, ParticipantId.Pseudonymise("someone@example.org", key));
        Assert.True(ParticipantId.TryParse(a.Value, out _, out _));
    }

    [Fact]
    public void A_member_needs_an_accession_year_and_a_suspension_must_end_after_it_starts()
    {
        Assert.Throws<ArgumentException>(() => new Country(CountryCode.Parse("TUR"), CountryKind.Member, new LocalizedText("Turkiye"), null));
        Assert.Throws<ArgumentException>(() => new MembershipSuspension(new DateOnly(2025, 3, 7), new DateOnly(2012, 8, 1)));
    }
}
