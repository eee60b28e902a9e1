using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting.Tests.Annual;

/// <summary>
/// Renders whole annual reports on the real engine and reads back every figure: the numbers in the SVG text layers and
/// the HTML data tables must equal the engine's own answers, and a cell shown by several visuals must read the same in all.
/// </summary>
public sealed partial class ReportConsistencyTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");

    [Theory]
    [InlineData(2020)]
    [InlineData(2022)]
    public async Task Every_figure_shown_twice_agrees_and_equals_the_engines_answer(int year)
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var engine = new QueryEngine(seeded.Store);
        var report = AnnualReport.Build(Diplomacy, year, catalogue);
        var html = await ReportRenderer.RenderHtmlAsync(report, engine, Language.English, options: new ReportRenderOptions(new MemberLabels(catalogue)));
        var figures = Figures(html);
        var fmt = new Sesric.Analytics.Reporting.Formatting.ValueFormatter(Language.English);

        // The engine's answers, asked independently of the report: per edition up to the report year.
        var perYear = await engine.ExecuteAsync(SemanticQuery.FromText(["participants", "member_states", "coverage"], ["year"], $"programme = \"diplomacy-cab\" AND year <= {year}"));
        string Engine(string measure, long y)
        {
            var row = perYear.Rows.Single(r => Convert.ToInt64(r[0].Value, CultureInfo.InvariantCulture) == y);
            var column = perYear.IndexOf(measure);
            return fmt.Format(row[column], perYear.Columns[column].Format);
        }
        var years = perYear.Rows.Select(r => Convert.ToInt64(r[0].Value, CultureInfo.InvariantCulture)).ToList();
        var labels = perYear.Columns.Where(c => c.Role == ColumnRole.Measure).ToDictionary(c => c.Label.English, c => c.Name);

        // Every (measure, year) cell in any per-year data table: equal to the engine's, hence equal across visuals.
        var seen = new Dictionary<(string Measure, string Year), List<(string Figure, string Text)>>();
        foreach (var (id, figure) in figures.Where(f => f.Value.Header.Count >= 2 && f.Value.Header[0] == "Year"))
        {
            foreach (var row in figure.Rows)
            {
                for (var i = 1; i < figure.Header.Count; i++)
                {
                    if (!labels.TryGetValue(figure.Header[i], out var measure))
                    {
                        continue;
                    }
                    Assert.True(row.Count == figure.Header.Count, $"{id}: one cell per column");
                    var key = (measure, row[0]);
                    if (!seen.TryGetValue(key, out var list))
                    {
                        seen[key] = list = [];
                    }
                    list.Add((id, row[i]));
                    Assert.True(Engine(measure, long.Parse(row[0], CultureInfo.InvariantCulture)) == row[i],
                        $"{id}: {measure} {row[0]} reads {row[i]}, the engine says {Engine(measure, long.Parse(row[0], CultureInfo.InvariantCulture))}");
                }
            }
        }
        Assert.Contains(seen, kv => kv.Value.Count >= 3);
        foreach (var (key, shown) in seen)
        {
            Assert.True(shown.Select(s => s.Text).Distinct().Count() == 1, $"{key}: {string.Join(", ", shown.Select(s => $"{s.Figure}={s.Text}"))}");
        }

        // What the charts draw: cards, combo bars and the trend line's points read back from the SVG text layer.
        var y0 = (long)year;
        Assert.Contains(Engine("participants", y0), figures["participants-card"].Texts);
        Assert.Contains(Engine("member_states", y0), figures["member-states-card"].Texts);
        Assert.Contains(Engine("coverage", y0), figures["coverage-card"].Texts);
        foreach (var y in years)
        {
            var participants = Engine("participants", y);
            if (participants != "unknown" && participants != "suppressed")
            {
                Assert.Contains(participants, figures["participants-and-states"].Texts);
                Assert.Contains(participants, figures[AnnualReport.ForecastVisualId].Texts);
            }
        }

        // The donut's centre is the edition's total and its legend's shares are of that total.
        var donut = figures["by-group"];
        var total = Engine("participants", y0);
        Assert.Contains(total, donut.Texts);
        var totalValue = double.Parse(total, NumberStyles.Number, CultureInfo.InvariantCulture);
        foreach (var row in donut.Rows)
        {
            var legend = donut.Texts.Single(t => t.StartsWith(row[0] + ": ", StringComparison.Ordinal));
            if (row[1] is "suppressed" or "unknown")
            {
                Assert.Equal($"{row[0]}: {row[1]}", legend);
                continue;
            }
            var value = double.Parse(row[1], NumberStyles.Number, CultureInfo.InvariantCulture);
            Assert.Equal($"{row[0]}: {row[1]} ({fmt.Format(value / totalValue, ValueFormat.Percent)})", legend);
        }
        // A group reads 0 only where the engine publishes 0 for it (the public policy may publish a group of one or two
        // people as 0), never where its value is withheld.
        foreach (var zero in donut.Texts.Where(t => t.Contains(": 0 (0.0%)", StringComparison.Ordinal)))
        {
            var group = zero[..zero.IndexOf(": ", StringComparison.Ordinal)];
            Assert.Equal("0", donut.Rows.Single(r => r[0] == group)[1]);
        }

        // The top member states: bars labelled with the table's values, and the table equals the engine's answer.
        var top = figures["top-member-states"];
        var byState = await engine.ExecuteAsync(SemanticQuery.FromText(["participants"], ["member_state"], $"programme = \"diplomacy-cab\" AND year = {year}"));
        var engineByName = byState.Rows.ToDictionary(r => new MemberLabels(catalogue).Label("member_state", (string)r[0].Value!, Language.English), r => fmt.Format(r[1], ValueFormat.Integer));
        Assert.Equal(10, top.Rows.Count);
        foreach (var row in top.Rows)
        {
            Assert.Equal(engineByName[row[0]], row[1]);
            Assert.Contains(row[1], top.Texts);
        }
    }

    [Fact]
    public async Task The_top_ten_is_the_same_set_in_english_arabic_and_french()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var engine = new QueryEngine(seeded.Store);
        var report = AnnualReport.Build(Diplomacy, 2022, catalogue);
        var (_, visual, filters) = report.VisualsWithFilters().Single(v => v.Visual.Id == "top-member-states");
        var table = await engine.ExecuteAsync(VisualQuery.Build(visual, filters));

        // The case that matters: members tie across the cut-off, so the tie-break decides who is shown.
        var values = table.Rows.Select(r => r[1].AsDouble()).ToList();
        var cutoff = values.Where(v => v is not null).OrderByDescending(v => v).ElementAt(9);
        Assert.True(values.Count(v => v == cutoff) > values.Take(10).Count(v => v == cutoff), "members tie across the top-10 cut-off");

        var sets = new[] { Language.English, Language.Arabic, Language.French }
            .Select(language => Sesric.Analytics.Reporting.Rendering.ChartComposer.Render(new Sesric.Analytics.Reporting.Rendering.ChartRequest(visual, table, Sesric.Analytics.Reporting.Theming.Theme.Default, language,
                new Sesric.Analytics.Reporting.Theming.MemberColors(Sesric.Analytics.Reporting.Theming.Theme.Default), filters, null, null, new MemberLabels(catalogue), visual.Id), ChartFormat.Svg).CategoryKeys)
            .ToList();
        Assert.Equal(10, sets[0].Count);
        Assert.Equal(sets[0], sets[1]);
        Assert.Equal(sets[0], sets[2]);

        // Ties go by the member's code: within a tied value, codes ascend.
        var byKey = table.Rows.ToDictionary(r => (string)r[0].Value!, r => r[1].AsDouble());
        for (var i = 1; i < sets[0].Count; i++)
        {
            if (byKey[sets[0][i]] == byKey[sets[0][i - 1]])
            {
                Assert.True(string.CompareOrdinal(sets[0][i - 1], sets[0][i]) < 0, $"{sets[0][i - 1]} before {sets[0][i]}");
            }
        }
    }

    [Fact]
    public async Task The_heatmap_explains_its_dots_counts_suppressed_cells_once_and_its_table_lists_its_top_20()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var report = AnnualReport.Build(Diplomacy, 2022, catalogue);
        var html = await ReportRenderer.RenderHtmlAsync(report, new QueryEngine(seeded.Store), Language.English, options: new ReportRenderOptions(new MemberLabels(catalogue)));
        var heatmap = Figures(html)["states-by-year"];
        Assert.Equal(20, heatmap.Rows.Select(r => r[0]).Distinct().Count());
        if (heatmap.Texts.Contains("•"))
        {
            Assert.Contains("• suppressed", heatmap.Texts);
        }
        var section = FigureElement().Matches(html).Single(m => m.Groups[1].Value == "states-by-year").Groups[2].Value;
        var footer = SuppressedCount().Match(string.Join(" ", heatmap.Texts));
        var alt = SuppressedCount().Match(WebUtility.HtmlDecode(Regex.Match(section, "<desc[^>]*>(.*?)</desc>", RegexOptions.Singleline).Groups[1].Value));
        Assert.Equal(footer.Success, alt.Success);
        Assert.Equal(footer.Groups[1].Value, alt.Groups[1].Value);
        if (footer.Success)
        {
            Assert.Equal(int.Parse(footer.Groups[1].Value, CultureInfo.InvariantCulture), heatmap.Rows.Sum(r => r.Count(c => c == "suppressed")));
        }

        // Captions name the programme, not its id.
        Assert.Contains(heatmap.Texts, t => t.Contains("Programme: Diplomacy-CaB", StringComparison.Ordinal));
        Assert.DoesNotContain(heatmap.Texts, t => t.Contains("diplomacy-cab", StringComparison.Ordinal));
    }

    [GeneratedRegex("([0-9]+) cells suppressed")]
    private static partial Regex SuppressedCount();

    private sealed record Figure(IReadOnlyList<string> Texts, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

    private static Dictionary<string, Figure> Figures(string html)
    {
        var result = new Dictionary<string, Figure>();
        foreach (Match m in FigureElement().Matches(html))
        {
            var body = m.Groups[2].Value;
            var svgEnd = body.IndexOf("</svg>", StringComparison.Ordinal);
            var texts = SvgText.Texts(body[..svgEnd]);
            var table = TableElement().Match(body[svgEnd..]).Value;
            var header = HeaderCell().Matches(table).Select(h => WebUtility.HtmlDecode(h.Groups[1].Value)).ToList();
            var tbody = TableBody().Match(table).Groups[1].Value;
            var rows = BodyRow().Matches(tbody)
                .Select(r => (IReadOnlyList<string>)[.. Cell().Matches(r.Groups[1].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value))])
                .ToList();
            result[m.Groups[1].Value] = new Figure(texts, header, rows);
        }
        return result;
    }

    [GeneratedRegex("<figure class=\"[^\"]*\" id=\"([^\"]+)\">(.*?)</figure>", RegexOptions.Singleline)]
    private static partial Regex FigureElement();

    [GeneratedRegex("<th scope=\"col\">([^<]*)</th>")]
    private static partial Regex HeaderCell();

    [GeneratedRegex("<table>.*?</table>", RegexOptions.Singleline)]
    private static partial Regex TableElement();

    [GeneratedRegex("<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex TableBody();

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex BodyRow();

    [GeneratedRegex("<t[hd][^>]*>([^<]*)</t[hd]>")]
    private static partial Regex Cell();
}
