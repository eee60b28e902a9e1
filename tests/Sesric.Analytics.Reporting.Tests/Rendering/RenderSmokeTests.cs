using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

public sealed class RenderSmokeTests
{
    public static TheoryData<string> Marks() => new(Reporting.Specs.MarkNames.All);

    [Fact]
    public void Writes_samples_for_inspection()
    {
        var dir = Environment.GetEnvironmentVariable("SESRIC_RENDER_SAMPLES");
        if (dir is null)
        {
            return;
        }
        Directory.CreateDirectory(dir);
        var theme = Theme.Default;
        var group = new LocalizedText("Participants by OIC group", "المشاركون حسب مجموعة منظمة التعاون الإسلامي", "Participants par groupe de l'OCI");
        var items = new (Visual Visual, Querying.ResultTable Table)[]
        {
            (new Visual("per-edition", MarkKind.Column, "participants", "year", Title: new("Participants per edition, Diplomacy-CaB", "المشاركون في كل دورة من برنامج Diplomacy-CaB 2020", "Participants par édition")), SampleTables.PerEdition()),
            (new Visual("line", MarkKind.Line, "participants", "year", Forecast: true), SampleTables.PerEdition()),
            (new Visual("area", MarkKind.Area, "participants", "year"), SampleTables.PerEdition()),
            (new Visual("card", MarkKind.Card, "participants", "year"), SampleTables.PerEdition()),
            (new Visual("combo", MarkKind.Combo, "participants", "year", LineMeasure: "coverage"), SampleTables.PerEdition()),
            (new Visual("waterfall", MarkKind.Waterfall, "participants", "year"), SampleTables.PerEdition()),
            (new Visual("clustered", MarkKind.Column, "participants", "year", "oic_group", Title: group), SampleTables.ByGroupAndYear()),
            (new Visual("stacked", MarkKind.StackedColumn, "participants", "year", "oic_group", Title: group), SampleTables.ByGroupAndYear()),
            (new Visual("percent", MarkKind.PercentBar, "participants", "year", "oic_group", Title: group), SampleTables.ByGroupAndYear()),
            (new Visual("multiples", MarkKind.SmallMultiples, "participants", "year", "oic_group", Title: group), SampleTables.ByGroupAndYear()),
            (new Visual("donut", MarkKind.Donut, "participants", "oic_group"), SampleTables.ByGroup("Arab Group", "Asian Group", "African Group")),
            (new Visual("top", MarkKind.Bar, "participants", "member_state"), SampleTables.TopStates(true)),
            (new Visual("top-columns", MarkKind.Column, "participants", "member_state", Width: 500), SampleTables.TopStates()),
            (new Visual("heatmap", MarkKind.Heatmap, "participants", "member_state", "year"), SampleTables.StateByYear()),
            (new Visual("table", MarkKind.Table, "participants", "member_state"), SampleTables.TopStates(true)),
        };
        var forecast = new ForecastBand([new ForecastPoint("2023", 100, 80, 121)], 0.8, "naive drift");
        foreach (var language in new[] { Language.English, Language.Arabic, Language.French })
        {
            foreach (var (visual, table) in items)
            {
                var options = new ChartOptions(Filters: [FilterSpec.Eq("programme", "diplomacy-cab")], Forecast: forecast);
                File.WriteAllBytes(Path.Combine(dir, $"{visual.Id}.{language.Tag()}.png"), ReportRenderer.RenderPng(visual, table, theme, language, options));
                File.WriteAllText(Path.Combine(dir, $"{visual.Id}.{language.Tag()}.svg"), ReportRenderer.RenderSvg(visual, table, theme, language, options));
            }
        }
    }
}
