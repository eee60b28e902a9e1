using System.Text.RegularExpressions;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Theming;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

public sealed class SvgAndPngTests
{
    private static readonly Visual PerEdition = new("per-edition", MarkKind.Column, "participants", "year",
        Title: new("Participants per edition, Diplomacy-CaB", "المشاركون في كل دورة من برنامج Diplomacy-CaB", "Participants par édition, Diplomacy-CaB"));

    [Fact]
    public void A_bar_chart_has_one_bar_per_member_and_their_labels()
    {
        var visual = new Visual("top", MarkKind.Bar, "participants", "member_state");
        var svg = ReportRenderer.RenderSvg(visual, SampleTables.TopStates(), Theme.Default, Language.English);
        Assert.Equal(6, Regex.Matches(svg, $"<rect fill=\"{Theme.Default.Palette[0]}\"").Count);
        foreach (var name in new[] { "Türkiye", "Azerbaijan", "Kyrgyz Republic", "United Arab Emirates", "Bosnia and Herzegovina", "Brunei Darussalam" })
        {
            Assert.Contains($">{name}</text>", svg);
        }
        Assert.Contains(">14</text>", svg);
    }

    [Fact]
    public void The_svg_alt_text_names_the_maximum_and_its_year()
    {
        var svg = ReportRenderer.RenderSvg(PerEdition, SampleTables.PerEdition(), Theme.Default, Language.English);
        var title = Regex.Match(svg, "<title id=\"per-edition-title\">(.*?)</title>").Groups[1].Value;
        var desc = Regex.Match(svg, "<desc id=\"per-edition-desc\">(.*?)</desc>").Groups[1].Value;
        Assert.Equal("Participants per edition, Diplomacy-CaB, 2017–2022", title);
        Assert.Contains("highest 112 in 2021", desc);
        Assert.Contains("lowest 35 in 2017", desc);
        Assert.Contains("role=\"img\"", svg);
    }

    [Fact]
    public void Years_are_never_printed_with_a_thousands_separator()
    {
        var svg = ReportRenderer.RenderSvg(PerEdition, SampleTables.PerEdition(), Theme.Default, Language.English);
        Assert.Contains(">2020</text>", svg);
        Assert.DoesNotContain("2,020", svg);
    }

    [Theory]
    [InlineData(640, 360)]
    [InlineData(1200, 800)]
    public void The_png_decodes_at_the_requested_size(int width, int height)
    {
        var png = ReportRenderer.RenderPng(PerEdition with { Width = width, Height = height }, SampleTables.PerEdition(), Theme.Default, Language.French);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
    }

    [Fact]
    public void Two_renders_are_byte_identical()
    {
        var options = new ChartOptions(Filters: [FilterSpec.Eq("programme", "diplomacy-cab")]);
        var svg1 = ReportRenderer.RenderSvg(PerEdition, SampleTables.PerEdition(), Theme.Default, Language.Arabic, options);
        var png1 = ReportRenderer.RenderPng(PerEdition, SampleTables.PerEdition(), Theme.Default, Language.Arabic, options);
        var svg2 = ReportRenderer.RenderSvg(PerEdition, SampleTables.PerEdition(), Theme.Default, Language.Arabic, options);
        var png2 = ReportRenderer.RenderPng(PerEdition, SampleTables.PerEdition(), Theme.Default, Language.Arabic, options);
        Assert.Equal(svg1, svg2);
        Assert.Equal(png1, png2);
    }

    [Fact]
    public void A_member_keeps_its_colour_across_charts_and_reports_whatever_came_first()
    {
        var theme = Theme.Default;

        // One report meets Arab and Asian Group before African Group; another meets African Group first.
        var report2022 = new MemberColors(theme);
        report2022.Of("Arab Group");
        report2022.Of("Asian Group");
        var report2020 = new MemberColors(theme);
        Assert.Equal(report2022.Of("African Group"), report2020.Of("African Group"));
        Assert.Equal(report2022.Of("TUR"), new MemberColors(theme).Of("TUR"));

        // The groups that share a donut never share a colour.
        string[] groups = ["Arab Group", "African Group", "Asian Group", "Unknown"];
        Assert.Equal(groups.Length, groups.Select(report2020.Of).Distinct().Count());

        // Drawn: African Group's colour is the same in a donut that lists it first and one that lists it last.
        var donut = new Visual("donut", MarkKind.Donut, "participants", "oic_group");
        var african = report2020.Of("African Group");
        var first = ReportRenderer.RenderSvg(donut, SampleTables.ByGroup("African Group", "Arab Group"), theme, Language.English, new ChartOptions(Colors: new MemberColors(theme)));
        var last = ReportRenderer.RenderSvg(donut, SampleTables.ByGroup("Arab Group", "Asian Group", "African Group"), theme, Language.English, new ChartOptions(Colors: new MemberColors(theme)));
        Assert.Contains($"fill=\"{african}\"", first);
        Assert.Contains($"fill=\"{african}\"", last);
    }

    [Fact]
    public void Long_category_labels_turn_instead_of_overlapping()
    {
        var narrow = new Visual("top", MarkKind.Column, "participants", "member_state", Width: 480);
        var wide = narrow with { Width = 1400 };
        var turned = ReportRenderer.Render(narrow, SampleTables.TopStates(), Theme.Default, Language.English, null, ChartFormat.Png).Labels;
        Assert.Contains(turned, l => l.Text == "United Arab Emirates" && l.Rotation == -45);

        var flat = ReportRenderer.Render(wide, SampleTables.TopStates(), Theme.Default, Language.English, null, ChartFormat.Png).Labels;
        var names = flat.Where(l => l.Rotation == 0 && SampleTables.TopStates().Rows.Any(r => Equals(r[0].Value, l.Text))).OrderBy(l => l.X).ToList();
        Assert.Equal(6, names.Count);
        for (var i = 1; i < names.Count; i++)
        {
            Assert.True(names[i - 1].X + names[i - 1].Width < names[i].X, $"'{names[i - 1].Text}' overlaps '{names[i].Text}'");
        }
    }

    [Theory]
    [InlineData(Language.English, "more rows not shown")]
    [InlineData(Language.French, "lignes de plus non affichées")]
    [InlineData(Language.Arabic, "غير معروض")] // the noun agrees with the count: "5 صفوف أخرى غير معروضة", "45 صفًا آخر غير معروض"
    public void A_table_too_long_for_its_visual_says_how_many_rows_it_leaves_out(Language language, string phrase)
    {
        var states = Enumerable.Range(1, 60).Select(i => $"State {i:00}").ToArray();
        var rows = states.Select((s, i) => (IReadOnlyList<ResultCell>)[ResultCell.Of(s), ResultCell.Of(100L - i)]).ToArray();
        var table = new ResultTable([SampleTables.State, SampleTables.Participants], rows, new QueryMetadata(rows.Length, TimeSpan.Zero, 0, null, "public"));

        var svg = ReportRenderer.RenderSvg(new Visual("t", MarkKind.Table, "participants", "member_state"), table, Theme.Default, language);

        var shown = states.Count(s => svg.Contains($">{s}</text>", StringComparison.Ordinal));
        Assert.InRange(shown, 5, 59);
        var note = Regex.Match(svg, $">([0-9٠-٩]+) [^<]*{phrase}[^<]*</text>");
        Assert.True(note.Success, $"no '{phrase}' line in the table");
        var digits = new string(note.Groups[1].Value.Select(c => c is >= '٠' and <= '٩' ? (char)('0' + (c - '٠')) : c).ToArray());
        Assert.Equal(states.Length - shown, int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(MarkKind.Bar, Language.English, "suppressed")]
    [InlineData(MarkKind.Column, Language.French, "masqué")]
    [InlineData(MarkKind.Bar, Language.Arabic, "محجوب")]
    public void A_suppressed_bar_is_marked_where_the_bar_would_be(MarkKind mark, Language language, string word)
    {
        var visual = new Visual("top", mark, "participants", "member_state");

        var marked = ReportRenderer.RenderSvg(visual, SampleTables.TopStates(suppressOne: true), Theme.Default, language);
        var plain = ReportRenderer.RenderSvg(visual, SampleTables.TopStates(), Theme.Default, language);

        Assert.Single(Regex.Matches(marked, $">{word}</text>"));
        Assert.DoesNotContain($">{word}</text>", plain);
    }

    [Fact]
    public void A_table_that_fits_has_no_note_about_missing_rows()
    {
        var svg = ReportRenderer.RenderSvg(new Visual("t", MarkKind.Table, "participants", "member_state"), SampleTables.TopStates(), Theme.Default, Language.English);

        Assert.Contains(">Brunei Darussalam</text>", svg);
        Assert.DoesNotContain("not shown", svg);
    }

    [Theory]
    [MemberData(nameof(RenderSmokeTests.Marks), MemberType = typeof(RenderSmokeTests))]
    public void Every_mark_renders_in_every_language(string markName)
    {
        Assert.True(Reporting.Specs.MarkNames.TryParse(markName, out var mark));
        var (visual, table) = mark switch
        {
            MarkKind.Card or MarkKind.Line or MarkKind.Area or MarkKind.Waterfall => (new Visual("v", mark, "participants", "year"), SampleTables.PerEdition()),
            MarkKind.Combo => (new Visual("v", mark, "participants", "year", LineMeasure: "coverage"), SampleTables.PerEdition()),
            MarkKind.Donut => (new Visual("v", mark, "participants", "oic_group"), SampleTables.ByGroup("Arab Group", "Asian Group")),
            MarkKind.Heatmap => (new Visual("v", mark, "participants", "member_state", "year"), SampleTables.StateByYear()),
            MarkKind.Bar or MarkKind.Column or MarkKind.Table => (new Visual("v", mark, "participants", "member_state"), SampleTables.TopStates(true)),
            _ => (new Visual("v", mark, "participants", "year", "oic_group"), SampleTables.ByGroupAndYear()),
        };
        foreach (var language in new[] { Language.English, Language.Arabic, Language.French })
        {
            var svg = ReportRenderer.RenderSvg(visual, table, Theme.BuiltIn("high-contrast"), language);
            Assert.Contains("<desc id=\"v-desc\">", svg);
            Assert.StartsWith("<svg", svg);
        }
    }
}
