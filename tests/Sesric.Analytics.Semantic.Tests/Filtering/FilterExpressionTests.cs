using CsCheck;

using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Filtering;

/// <summary>Typed filters: built in code or parsed from text, one value with one canonical text.</summary>
public class FilterExpressionTests
{
    private static readonly QueryEngine Engine = new(new CannedStore());

    [Fact]
    public void A_filter_built_in_code_equals_the_one_parsed_from_its_text()
    {
        var typed = FilterExpression.Equal("programme", "diplomacy-cab") & FilterExpression.AtMost("year", 2022) & !FilterExpression.Equal("gender", "female");

        var parsed = FilterParser.Parse("programme = \"diplomacy-cab\" AND year <= 2022 AND NOT gender = \"female\"");

        Assert.Equal(parsed, typed);
        Assert.Equal(parsed.GetHashCode(), typed.GetHashCode());
        Assert.Equal("programme = \"diplomacy-cab\" AND year <= 2022 AND NOT gender = \"female\"", typed.ToString());
    }

    [Fact]
    public void Spelling_does_not_change_the_filter_but_every_value_and_operator_does()
    {
        var a = FilterParser.Parse("year>=2020  AND   programme='diplomacy-cab'");
        var b = FilterParser.Parse("year >= 2020 AND programme = \"diplomacy-cab\"");

        Assert.Equal(a, b);
        Assert.NotEqual(a, FilterParser.Parse("year > 2020 AND programme = \"diplomacy-cab\""));
        Assert.NotEqual(a, FilterParser.Parse("year >= 2021 AND programme = \"diplomacy-cab\""));
        Assert.NotEqual(a, FilterParser.Parse("year >= 2020 AND programme = \"Diplomacy-cab\""));
        Assert.NotEqual(a, FilterParser.Parse("programme = \"diplomacy-cab\" AND year >= 2020"));
        // A number and the same digits quoted are different literals (the model accepts only one of them).
        Assert.NotEqual(FilterParser.Parse("year = 2020"), FilterParser.Parse("year = \"2020\""));
    }

    [Fact]
    public void All_and_any_skip_missing_parts_and_join_from_the_left_as_the_parser_does()
    {
        Assert.Null(FilterExpression.All(null, null));
        var year = FilterExpression.Equal("year", 2020);
        Assert.Same(year, FilterExpression.All(null, year, null));
        Assert.Equal(
            FilterParser.Parse("year = 2020 AND gender = \"male\" AND modality = \"virtual\""),
            FilterExpression.All(year, FilterExpression.Equal("gender", "male"), FilterExpression.Equal("modality", "virtual")));
        Assert.Equal(
            FilterParser.Parse("member_state = \"TUR\" OR member_state = \"EGY\""),
            FilterExpression.AnyOf("member_state", [FilterValue.Of("TUR"), FilterValue.Of("EGY")]));
        Assert.Throws<ArgumentException>(() => FilterExpression.AnyOf("member_state", []));
    }

    [Fact]
    public void Text_reads_back_to_an_equal_filter_for_any_tree()
    {
        var fields = Gen.OneOf(Gen.Const("year"), Gen.Const("programme"), Gen.Const("date"), Gen.Const("member_state"));
        var ops = Gen.Enum<FilterOperator>();
        var values = Gen.OneOf(
            Gen.Long[-5000, 5000].Select(FilterValue.Of),
            Gen.String[Gen.Char["ab \"'\\é—ع"], 0, 8].Select(FilterValue.Of),
            Gen.Int[0, 20000].Select(d => FilterValue.Of(new DateOnly(2000, 1, 1).AddDays(d))));
        var leaf = Gen.Select(fields, ops, values).Select((f, o, v) => (FilterExpression)FilterExpression.Compare(f, o, v));
        Gen<FilterExpression> Tree(int depth) => depth == 0
            ? leaf
            : Gen.Frequency(
                (3, leaf),
                (2, Gen.Select(Tree(depth - 1), Tree(depth - 1)).Select((l, r) => (FilterExpression)new FilterAnd(l, r))),
                (2, Gen.Select(Tree(depth - 1), Tree(depth - 1)).Select((l, r) => (FilterExpression)new FilterOr(l, r))),
                (1, Tree(depth - 1).Select(o => (FilterExpression)new FilterNot(o))));

        Tree(4).Sample(e => Assert.Equal(e, FilterParser.Parse(e.ToString())), iter: 2000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void An_unknown_field_in_a_filter_built_in_code_is_named_without_a_text_position()
    {
        var e = Assert.Throws<QueryException>(() => Engine.Compile(SemanticQuery.Of("participants").Where(FilterExpression.Equal("programe", "diplomacy-cab"))));

        Assert.Equal(QueryErrorKind.UnknownField, e.Kind);
        Assert.Equal("programe", e.Field);
        Assert.Null(e.Position);
        Assert.DoesNotContain("position", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrongly_typed_value_built_in_code_is_refused_naming_the_field()
    {
        var e = Assert.Throws<QueryException>(() => Engine.Compile(SemanticQuery.Of("participants").Where(FilterExpression.Equal("year", "2020"))));

        Assert.Equal(QueryErrorKind.InvalidValue, e.Kind);
        Assert.Equal("year", e.Field);
        Assert.Contains("whole number", e.Message, StringComparison.Ordinal);
    }
}
