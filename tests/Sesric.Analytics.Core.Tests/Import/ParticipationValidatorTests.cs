using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Import;

public sealed class ParticipationValidatorTests
{
    private static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");

    private static ParticipationValidator NewValidator() => new(CsvTestData.Catalogue, row => $"row #{row}");

    private static ParticipationFields Row(
        string id = "p-001", string country = "TUR", int? edition = 4, Gender? gender = Gender.Female,
        string? institution = "mfa", AttendanceStatus? attendance = AttendanceStatus.Completed, DateOnly? nominatedOn = null,
        string programme = "diplomacy-cab") =>
        new(id, country, ProgrammeId.Parse(programme), edition, gender, institution, attendance, IsSynthetic: true, RecordKey: 1234, NominatedOn: nominatedOn);

    [Fact]
    public void A_valid_row_gives_its_participation_built_from_every_field()
    {
        var check = NewValidator().Check(Row(country: " tur ", institution: " moh ", nominatedOn: new DateOnly(2020, 8, 1)), 2);

        Assert.Empty(check.Problems);
        var participation = Assert.IsType<Participation>(check.Participation);
        Assert.Equal(EditionId.Parse("diplomacy-cab/4"), participation.Edition);
        Assert.Equal("TUR", participation.Participant.Country.Value);
        Assert.Equal(Gender.Female, participation.Participant.Gender);
        Assert.Equal("moh", participation.Participant.InstitutionType);
        Assert.Equal(AttendanceStatus.Completed, participation.Status);
        Assert.True(participation.IsSynthetic);
        Assert.Equal(1234, participation.Participant.RecordKey);
        Assert.Equal(new DateOnly(2020, 8, 1), participation.NominatedOn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_blank_institution_is_none(string? institution) =>
        Assert.Null(NewValidator().Check(Row(institution: institution), 2).Participation!.Participant.InstitutionType);

    public static TheoryData<string, ParticipationField, string> BadRows => new()
    {
        { "country=XYZ", ParticipationField.Country, "unknown member state `XYZ`" },
        { "country=T1R", ParticipationField.Country, "not an ISO 3166 alpha-3 code" },
        { "programme=no-such-programme", ParticipationField.Programme, "unknown programme: import the programmes first" },
        { "edition=99", ParticipationField.Edition, "programme diplomacy-cab has no edition 99 (known: 1, 2, 3, 4" },
        { "id=amina@example.org", ParticipationField.ParticipantId, "e-mail" },
        { "id=Amina Diallo", ParticipationField.ParticipantId, "never a name" },
        { "id=", ParticipationField.ParticipantId, "participant id is empty" },
        { "institution=Ministry of Health", ParticipationField.InstitutionType, "use a short code such as mfa" },
        { "institution=" + "a234567890123456789012345678901X3", ParticipationField.InstitutionType, "at most 32" },
        { "nominated=2020-09-18", ParticipationField.NominatedOn, "a nomination comes no later than its last day 2020-09-17" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_field_is_the_one_problem_and_no_participation_is_given(string change, ParticipationField field, string message)
    {
        var (name, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
        var row = name switch
        {
            "country" => Row(country: value),
            "programme" => Row(programme: value),
            "edition" => Row(edition: int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            "id" => Row(id: value),
            "institution" => Row(institution: value),
            "nominated" => Row(nominatedOn: DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException(change),
        };

        var check = NewValidator().Check(row, 3);

        Assert.Null(check.Participation);
        var problem = Assert.Single(check.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_institution_of_exactly_32_code_characters_is_accepted() =>
        Assert.NotNull(NewValidator().Check(Row(institution: new string('a', 31) + "_"), 2).Participation);

    [Fact]
    public void A_field_the_adapter_could_not_read_gives_no_participation_while_the_rest_is_still_checked()
    {
        var validator = NewValidator();

        var noGender = validator.Check(Row(gender: null), 2);
        Assert.Null(noGender.Participation);
        Assert.Empty(noGender.Problems);

        var noEditionButBadCountry = validator.Check(Row(id: "p-002", edition: null, country: "XYZ"), 3);
        Assert.Null(noEditionButBadCountry.Participation);
        Assert.Equal([ParticipationField.Country], noEditionButBadCountry.Problems.Select(p => p.Field));

        Assert.Null(validator.Check(Row(id: "p-003", attendance: null), 4).Participation);
    }

    [Fact]
    public void A_participant_keeps_one_country_and_one_gender_across_rows_named_by_the_adapter()
    {
        var validator = NewValidator();
        Assert.NotNull(validator.Check(Row(), 10).Participation);

        var otherCountry = validator.Check(Row(edition: 5, country: "SAU"), 11);
        var otherGender = validator.Check(Row(edition: 6, gender: Gender.Male), 12);

        var country = Assert.Single(otherCountry.Problems);
        Assert.Equal(ParticipationField.Country, country.Field);
        Assert.Contains("participant p-001 has country TUR on row #10 but SAU here", country.Message, StringComparison.Ordinal);
        var gender = Assert.Single(otherGender.Problems);
        Assert.Equal(ParticipationField.Gender, gender.Field);
        Assert.Contains("has gender female on row #10 but male here", gender.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_row_for_the_same_participant_and_edition_names_both_rows()
    {
        var validator = NewValidator();
        Assert.NotNull(validator.Check(Row(), 7).Participation);
        Assert.NotNull(validator.Check(Row(id: "p-002"), 8).Participation);
        Assert.NotNull(validator.Check(Row(edition: 5), 9).Participation);

        var again = validator.Check(Row(), 20);

        Assert.Null(again.Participation);
        var problem = Assert.Single(again.Problems);
        Assert.Equal(ParticipationField.ParticipantId, problem.Field);
        Assert.Contains("p-001 is already in diplomacy-cab/4 on row #7 (and again on row #20)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_row_for_a_participants_later_edition_names_the_row_of_that_edition()
    {
        var validator = NewValidator();
        Assert.NotNull(validator.Check(Row(), 7).Participation);
        Assert.NotNull(validator.Check(Row(edition: 5), 8).Participation);
        Assert.NotNull(validator.Check(Row(edition: 3), 9).Participation);

        var again = validator.Check(Row(edition: 5), 30);

        var problem = Assert.Single(again.Problems);
        Assert.Equal(ParticipationField.ParticipantId, problem.Field);
        Assert.Contains("p-001 is already in diplomacy-cab/5 on row #8 (and again on row #30)", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(validator.Check(Row(edition: 2), 31).Participation);
    }

    [Fact]
    public void When_a_participants_first_row_has_no_known_edition_their_editions_are_still_checked_for_duplicates()
    {
        var validator = NewValidator();
        Assert.Null(validator.Check(Row(edition: 99), 2).Participation);
        Assert.NotNull(validator.Check(Row(), 3).Participation);

        var again = validator.Check(Row(), 4);

        var problem = Assert.Single(again.Problems);
        Assert.Contains("p-001 is already in diplomacy-cab/4 on row #3 (and again on row #4)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_participant_is_remembered_from_a_row_that_had_other_problems()
    {
        var validator = NewValidator();
        Assert.Null(validator.Check(Row(institution: "Ministry of Health"), 2).Participation);

        var later = validator.Check(Row(edition: 5, country: "SAU"), 3);

        Assert.Contains(later.Problems, p => p.Field == ParticipationField.Country && p.Message.Contains("TUR on row #2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_problems_of_a_bad_row_do_not_carry_over_to_the_next_row()
    {
        var validator = NewValidator();
        Assert.Equal(2, validator.Check(Row(id: "a@b", country: "XYZ"), 2).Problems.Count);

        var next = validator.Check(Row(id: "p-009"), 3);

        Assert.Empty(next.Problems);
        Assert.NotNull(next.Participation);
    }

    [Fact]
    public void Problems_sort_by_field_and_keep_their_order_within_a_field()
    {
        List<ParticipationProblem> problems =
        [
            new(ParticipationField.Gender, "g"),
            new(ParticipationField.ParticipantId, "first"),
            new(ParticipationField.Programme, "p"),
            new(ParticipationField.ParticipantId, "second"),
        ];

        ParticipationProblem.SortByField(problems);

        Assert.Equal(["p", "first", "second", "g"], problems.Select(p => p.Message));
    }

    [Fact]
    public void A_programme_the_adapter_could_not_read_skips_the_edition_check() =>
        Assert.Empty(NewValidator().Check(Row() with { Programme = null, EditionNumber = 99 }, 2).Problems);

    [Fact]
    public void The_edition_of_an_unknown_programme_is_not_reported_a_second_time()
    {
        var problem = Assert.Single(NewValidator().Check(Row(programme: "no-such-programme", edition: 99), 2).Problems);
        Assert.Equal(ParticipationField.Programme, problem.Field);
        Assert.Contains("known programmes: " + Diplomacy.Value, problem.Message, StringComparison.Ordinal);
    }
}
