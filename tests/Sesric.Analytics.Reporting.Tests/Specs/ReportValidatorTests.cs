using Sesric.Analytics.Reporting.Specs;

namespace Sesric.Analytics.Reporting.Tests.Specs;

public sealed class ReportValidatorTests
{
    private static IReadOnlyList<SpecProblem> Problems(string visuals) =>
        ReportValidator.Validate(ReportJson.Read($$"""
            { "title": "T", "pages": [ { "title": "P0", "visuals": [ { "id": "ok", "mark": "card", "measure": "participants" } ] },
                                       { "title": "P1", "visuals": [ {{visuals}} ] } ] }
            """));

    [Fact]
    public void A_valid_report_has_no_problems() => Assert.Empty(ReportValidator.Validate(SampleReports.Diplomacy()));

    [Fact]
    public void An_unknown_measure_is_named_by_its_path()
    {
        var problems = Problems("""
            { "id": "a", "mark": "column", "measure": "participants", "category": "year" },
            { "id": "b", "mark": "column", "measure": "participants", "category": "year" },
            { "id": "c", "mark": "column", "measure": "participants", "category": "year" },
            { "id": "d", "mark": "column", "measure": "attendees", "category": "year" }
            """);
        var problem = Assert.Single(problems);
        Assert.Equal("pages[1].visuals[3].measure", problem.Path);
        Assert.Contains("'attendees' is not a measure", problem.Message);
        Assert.Contains("participants", problem.Message);
    }

    [Fact]
    public void A_dimension_the_mark_cannot_take_is_refused()
    {
        var problems = Problems("""
            { "id": "a", "mark": "line", "measure": "participants", "category": "member_state" },
            { "id": "b", "mark": "donut", "measure": "participants", "category": "year" },
            { "id": "c", "mark": "heatmap", "measure": "participants", "category": "member_state" },
            { "id": "d", "mark": "column", "measure": "participants", "category": "year", "lineMeasure": "coverage" }
            """);
        Assert.Equal(
            ["pages[1].visuals[0].category", "pages[1].visuals[1].category", "pages[1].visuals[2].series", "pages[1].visuals[3].lineMeasure"],
            problems.Select(p => p.Path));
        Assert.Contains("must be year or edition", problems[0].Message);
    }

    [Fact]
    public void Bad_filters_are_named_with_the_fix()
    {
        var problems = Problems("""
            { "id": "a", "mark": "column", "measure": "participants", "category": "year", "filters": [
                { "dimension": "year", "op": "between", "values": [2022, 2017] },
                { "dimension": "year", "op": "eq", "values": ["twenty"] },
                { "dimension": "gender", "op": "gte", "values": ["female"] },
                { "dimension": "region", "op": "eq", "values": ["x"] },
                { "dimension": "year", "op": "between", "values": [2020] } ] }
            """);
        Assert.Equal(
            [
                "pages[1].visuals[0].filters[0].values", "pages[1].visuals[0].filters[1].values[0]", "pages[1].visuals[0].filters[2].op",
                "pages[1].visuals[0].filters[3].dimension", "pages[1].visuals[0].filters[4].values",
            ],
            problems.Select(p => p.Path));
        Assert.Contains("write the smaller value first", problems[0].Message);
    }

    [Fact]
    public void Duplicate_ids_and_sizes_are_checked()
    {
        var problems = Problems("""
            { "id": "ok", "mark": "table", "measure": "participants", "category": "member_state", "width": 50 }
            """);
        Assert.Equal(["pages[1].visuals[0].id", "pages[1].visuals[0].width"], problems.Select(p => p.Path));
    }
}
