using System.Text.RegularExpressions;

using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Semantic;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Tests.Annual;

public sealed class AnnualReportTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");

    [Fact]
    public async Task The_2020_page_shows_81_participants_from_29_member_states()
    {
        var report = await AnnualReport.BuildAsync(seeded.Store, Diplomacy, 2020);
        Assert.Empty(ReportValidator.Validate(report));
        var html = await ReportRenderer.RenderHtmlAsync(report, new QueryEngine(seeded.Store), Language.English);
        var participants = Figure(html, "participants-card");
        var states = Figure(html, "member-states-card");
        Assert.Contains("highest 81 in 2020", participants);
        Assert.Contains("highest 29 in 2020", states);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html);
        Assert.Contains("<nav aria-label=\"Pages\">", html);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public async Task The_arabic_report_is_right_to_left_with_arabic_member_state_names()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var report = AnnualReport.Build(Diplomacy, 2020, catalogue);
        var html = await ReportRenderer.RenderHtmlAsync(report, new QueryEngine(seeded.Store), Language.Arabic, options: new ReportRenderOptions(new MemberLabels(catalogue)));
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html);
        Assert.Contains("Diplomacy-CaB", html);
        var rowHeads = Regex.Matches(html, "<th scope=\"row\">([^<]*)</th>").Select(m => m.Groups[1].Value).ToHashSet();
        var arabicNames = catalogue.Countries.Select(c => c.Name.Arabic).OfType<string>().ToHashSet();
        Assert.True(rowHeads.Count(arabicNames.Contains) >= 10, "member states are named in Arabic");
        Assert.DoesNotContain(rowHeads, h => Regex.IsMatch(h, "^[A-Z]{3}$"));
    }

    [Fact]
    public async Task The_report_folder_holds_every_chart_as_png_and_svg_and_reports_progress()
    {
        var dir = Path.Combine(seeded.Folder, "out-" + Guid.NewGuid().ToString("N"));
        var steps = new List<ReportProgress>();
        var forecast = new ForecastBand([new ForecastPoint("2023", 90, 70, 112)], 0.8, "test forecast");
        var files = await AnnualReport.WriteAsync(seeded.Store, Diplomacy, 2022, Language.French, dir, forecast, new SyncProgress(steps));
        var report = ReportJson.Read(File.ReadAllText(Path.Combine(dir, "report.json")));
        var ids = report.Pages.SelectMany(p => p.Visuals).Select(v => v.Id).ToList();
        Assert.True(ids.Count >= 10, $"the annual report has {ids.Count} visuals");
        foreach (var id in ids)
        {
            Assert.Contains(Path.Combine(dir, id + ".png"), files);
            using var png = SKBitmap.Decode(Path.Combine(dir, id + ".png"));
            Assert.True(png.Width >= 400);
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(dir, id + ".svg")));
        }
        Assert.Contains("2023", File.ReadAllText(Path.Combine(dir, AnnualReport.ForecastVisualId + ".svg")));
        Assert.Equal(steps[^1].Total, steps[^1].Done);
        Assert.Equal((ids.Count * 2) + 1, steps.Count);
        Assert.Contains("lang=\"fr\"", File.ReadAllText(Path.Combine(dir, "index.html")));
    }

    [Fact]
    public async Task Writes_the_annual_report_for_inspection()
    {
        var dir = Environment.GetEnvironmentVariable("SESRIC_RENDER_SAMPLES");
        if (dir is null)
        {
            return;
        }
        foreach (var language in new[] { Language.Arabic, Language.English })
        {
            var forecast = new ForecastBand([new ForecastPoint("2023", 90, 70, 112)], 0.8, "drift");
            await AnnualReport.WriteAsync(seeded.Store, Diplomacy, 2022, language, Path.Combine(dir, "annual-" + language.Tag()), forecast);
        }
    }

    [Fact]
    public async Task The_report_folder_is_byte_identical_across_runs_although_charts_render_in_parallel()
    {
        var forecast = new ForecastBand([new ForecastPoint("2023", 90, 70, 112)], 0.8, "test forecast");
        var first = Path.Combine(seeded.Folder, "twice-a-" + Guid.NewGuid().ToString("N"));
        var second = Path.Combine(seeded.Folder, "twice-b-" + Guid.NewGuid().ToString("N"));
        var a = await AnnualReport.WriteAsync(seeded.Store, Diplomacy, 2022, Language.Arabic, first, forecast);
        var b = await AnnualReport.WriteAsync(seeded.Store, Diplomacy, 2022, Language.Arabic, second, forecast);
        Assert.Equal(a.Select(Path.GetFileName), b.Select(Path.GetFileName));
        Assert.True(a.Count >= 20, $"{a.Count} files");
        for (var i = 0; i < a.Count; i++)
        {
            Assert.True(File.ReadAllBytes(a[i]).AsSpan().SequenceEqual(File.ReadAllBytes(b[i])), $"{Path.GetFileName(a[i])} differs between two runs");
        }
    }

    [Fact]
    public async Task The_html_is_byte_identical_across_runs()
    {
        var report = await AnnualReport.BuildAsync(seeded.Store, Diplomacy, 2021);
        var engine = new QueryEngine(seeded.Store);
        var first = await ReportRenderer.RenderHtmlAsync(report, engine, Language.Arabic);
        var second = await ReportRenderer.RenderHtmlAsync(report, engine, Language.Arabic);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_visual_becomes_the_engines_query()
    {
        var visual = new Visual("top", MarkKind.Bar, "participants", "member_state");
        var query = VisualQuery.Build(visual, [FilterSpec.Eq("programme", "diplomacy-cab"), FilterSpec.Between("year", 2017, 2022), FilterSpec.In("oic_group", "Arab Group", "Asian Group")]);
        Assert.Equal(["participants"], query.Measures);
        Assert.Equal(["member_state"], query.Dimensions);
        Assert.Equal("programme = \"diplomacy-cab\" AND year >= 2017 AND year <= 2022 AND (oic_group = \"Arab Group\" OR oic_group = \"Asian Group\")", query.Filter?.ToString());
        Assert.Equal(query.Filter, FilterParser.Parse(query.Filter!.ToString()));
        Assert.Equal([new OrderTerm("participants", true), new OrderTerm("member_state", false)], query.Order);
    }

    private static string Figure(string html, string id) =>
        Regex.Match(html, $"<figure class=\"[^\"]*\" id=\"{id}\">(.*?)</figure>", RegexOptions.Singleline).Groups[1].Value;

    private sealed class SyncProgress(List<ReportProgress> steps) : IProgress<ReportProgress>
    {
        public void Report(ReportProgress value) => steps.Add(value);
    }
}
