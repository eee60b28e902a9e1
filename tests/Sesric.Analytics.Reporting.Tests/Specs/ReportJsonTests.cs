using Sesric.Analytics.Reporting.Specs;

namespace Sesric.Analytics.Reporting.Tests.Specs;

public sealed class ReportJsonTests
{
    [Fact]
    public void Builder_to_json_to_report_gives_an_identical_report()
    {
        var report = SampleReports.Diplomacy();
        var json = ReportJson.Write(report);
        var back = ReportJson.Read(json);
        Assert.Equal(report, back);
        Assert.Equal(json, ReportJson.Write(back));
    }

    [Fact]
    public void Json_writes_years_as_numbers_and_leaves_defaults_out()
    {
        var json = ReportJson.Write(SampleReports.Diplomacy());
        Assert.Contains("\"values\": [\n", json);
        Assert.Contains("2017,", json);
        Assert.DoesNotContain("\"2017\"", json);
        Assert.DoesNotContain("\"width\": 800", json);
        Assert.Contains("\"width\": 900", json);
        Assert.Contains("\"mark\": \"heatmap\"", json);
    }

    [Fact]
    public void Reading_names_every_structural_problem_with_its_path()
    {
        const string json = """
            { "title": "T", "pages": [ { "title": "P", "visuals": [
                { "id": "a", "mark": "column", "measure": "participants", "category": "year" },
                { "id": "b", "mark": "pie", "measure": "participants", "colour": "red" },
                { "id": "c", "mark": "bar", "filters": [ { "dimension": "year", "op": "like", "values": [2020] } ] }
            ] } ] }
            """;
        var e = Assert.Throws<SpecException>(() => ReportJson.Read(json));
        var paths = e.Problems.Select(p => p.Path).ToList();
        Assert.Contains("pages[0].visuals[1].mark", paths);
        Assert.Contains("pages[0].visuals[1].colour", paths);
        Assert.Contains("pages[0].visuals[2].measure", paths);
        Assert.Contains("pages[0].visuals[2].filters[0].op", paths);
        Assert.Contains("'pie' is not a mark", e.Message);
    }

    [Fact]
    public void The_schema_ships_in_the_library_and_lists_every_mark()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(ReportJson.Schema);
        var marks = doc.RootElement.GetProperty("$defs").GetProperty("visual").GetProperty("properties").GetProperty("mark").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(MarkNames.All, marks);
    }
}
