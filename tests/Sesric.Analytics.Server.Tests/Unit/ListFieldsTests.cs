using Google.Rpc;

using Grpc.Core;

using Sesric.Analytics.Api.Services;
using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Server.Tests.Unit;

/// <summary>The catalogue's List filters, evaluated against the built-in dataset's real editions and states.</summary>
public sealed class ListFieldsTests
{
    private static readonly Catalogue Catalogue = BuiltInDataset.LoadCatalogue();

    private static IReadOnlyList<string> Editions(string filter) =>
        CatalogFields.Editions.Apply(Catalogue.Editions, filter, null, "programme, edition_number")
            .Select(e => $"{e.Programme.Value}/{e.Number}").ToArray();

    private static IReadOnlyList<string> Expected(Func<Edition, bool> keep) =>
        Catalogue.Editions.Where(keep).OrderBy(e => e.Programme.Value, StringComparer.Ordinal).ThenBy(e => e.Number)
            .Select(e => $"{e.Programme.Value}/{e.Number}").ToArray();

    [Theory]
    [InlineData("year = 2020", 0)]
    [InlineData("year != 2020", 1)]
    [InlineData("year < 2020", 2)]
    [InlineData("year <= 2020", 3)]
    [InlineData("year > 2020", 4)]
    [InlineData("year >= 2020", 5)]
    public void Every_operator_compares_numbers(string filter, int which)
    {
        Func<Edition, bool> keep = which switch
        {
            0 => e => e.Year == 2020,
            1 => e => e.Year != 2020,
            2 => e => e.Year < 2020,
            3 => e => e.Year <= 2020,
            4 => e => e.Year > 2020,
            _ => e => e.Year >= 2020,
        };
        var expected = Expected(keep);

        Assert.NotEmpty(expected);
        Assert.NotEqual(Catalogue.Editions.Count, expected.Count);
        Assert.Equal(expected, Editions(filter));
    }

    [Fact]
    public void Every_edition_field_filters()
    {
        Assert.Equal(["diplomacy-cab/1", "diplomacy-cab/2", "diplomacy-cab/3", "diplomacy-cab/4", "diplomacy-cab/5", "diplomacy-cab/6"], Editions("programme = \"diplomacy-cab\""));
        Assert.Equal(Expected(e => e.Number <= 2), Editions("edition_number <= 2"));
        Assert.Equal(Expected(e => e.Modality == Modality.Hybrid), Editions("modality = \"hybrid\""));
        Assert.Equal(["oic-statcom/12"], Editions("host_country = \"SAU\""));
        Assert.Equal(Expected(e => e.Published.Participants > 100), Editions("published_participants > 100"));
        Assert.Contains("diplomacy-cab/5", Editions("published_participants > 100"));
    }

    [Fact]
    public void Text_compares_ignoring_case_and_a_missing_value_differs_from_everything()
    {
        Assert.Equal(["oic-statcom/12"], Editions("host_country = \"sau\""));
        Assert.Equal(Editions("modality = \"virtual\""), Editions("modality = 'VIRTUAL'"));

        // diplomacy-cab 3 has no known host: it is not equal to TUR and is kept by != TUR.
        var notTurkey = Editions("host_country != \"TUR\"");
        Assert.Contains("diplomacy-cab/3", notTurkey);
        Assert.DoesNotContain("diplomacy-cab/3", Editions("host_country = \"TUR\""));
        Assert.Equal(Expected(e => e.HostCountry?.Value != "TUR"), notTurkey);
        Assert.DoesNotContain("diplomacy-cab/2", Editions("published_participants >= 0"));
    }

    [Fact]
    public void Not_or_and_parentheses_combine_with_and_binding_tighter_than_or()
    {
        Assert.Equal(
            ["oic-statcom-follow-up/1", "oic-statcom-follow-up/2"],
            Editions("NOT (modality = \"virtual\" OR modality = \"hybrid\") AND year >= 2020"));

        var withoutParentheses = Editions("programme = \"ibnsina-cab-mnch\" OR programme = \"oic-statcom-follow-up\" AND year = 2023");
        Assert.Equal(Expected(e => e.Programme.Value == "ibnsina-cab-mnch" || (e.Programme.Value == "oic-statcom-follow-up" && e.Year == 2023)), withoutParentheses);
        Assert.Contains("oic-statcom-follow-up/2", withoutParentheses);
        Assert.DoesNotContain("oic-statcom-follow-up/1", withoutParentheses);

        Assert.Equal(
            ["oic-statcom-follow-up/2"],
            Editions("(programme = \"ibnsina-cab-mnch\" OR programme = \"oic-statcom-follow-up\") AND year = 2023"));
        Assert.Equal(Expected(e => e.Year != 2020), Editions("NOT year = 2020"));
    }

    [Fact]
    public void A_blank_filter_keeps_everything()
    {
        Assert.Equal(Catalogue.Editions.Count, Editions("  ").Count);
    }

    [Fact]
    public void Programme_and_member_state_lists_use_the_same_grammar()
    {
        var programmes = CatalogFields.Programmes.Apply(Catalogue.Programmes, "NOT programme_id = \"diplomacy-cab\" AND start_year > 0", null, "programme_id");
        Assert.DoesNotContain(programmes, p => p.Id.Value == "diplomacy-cab");
        Assert.Equal(Catalogue.Programmes.Count(p => p.Id.Value != "diplomacy-cab" && p.StartYear > 0), programmes.Count);

        var states = CatalogFields.MemberStates.Apply(Catalogue.Countries, "kind = \"member\" AND (oic_group = \"arab\" OR oic_group = \"asian\")", null, "iso3");
        Assert.Contains(states, c => c.Code.Value == "SYR");
        Assert.All(states, c => Assert.True(c.Kind == CountryKind.Member && c.Group is OicGroup.Arab or OicGroup.Asian));
        Assert.Equal(Catalogue.Countries.Count(c => c.Kind == CountryKind.Member && c.Group is OicGroup.Arab or OicGroup.Asian), states.Count);
    }

    [Theory]
    [InlineData("year >>= 2020", "position 6")]
    [InlineData("year >= 2020 AND colour = \"red\"", "unknown field 'colour' at position 17")]
    [InlineData("year = \"2020\"", "'year' is a whole number; the value at position 7")]
    [InlineData("modality = virtual", "text values must be quoted")]
    [InlineData("host_country = 792", "'host_country' is text; quote the value at position 15")]
    [InlineData("(year = 2020", "expected ')' to close the '(' at position 0")]
    [InlineData("theme = \"unterminated", "position 8")]
    [InlineData("year = 2020 and modality = \"virtual\"", "expected AND, OR or the end of the filter at position 12")]
    public void A_bad_filter_is_invalid_argument_on_filter_naming_the_position_and_the_problem(string filter, string expected)
    {
        var e = Assert.Throws<RpcException>(() => Editions(filter));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var violation = Assert.Single(e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("filter", violation.Field);
        Assert.Contains(expected, violation.Description, StringComparison.Ordinal);
    }
}
