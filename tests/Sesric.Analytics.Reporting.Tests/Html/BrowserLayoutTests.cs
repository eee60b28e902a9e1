using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting.Tests.Html;

/// <summary>
/// The annual report's HTML in a real browser (Debian's headless Chromium): cards two per row on a wide page, and a
/// printout that shows the data tables with the four cards on one page. Run alone with <c>--filter Category=Browser</c>,
/// or leave out with <c>--filter Category!=Browser</c>.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class BrowserLayoutTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private static readonly string[] CardIds = ["participants-card", "member-states-card", "coverage-card", "female-share-card"];

    [Fact]
    public async Task Cards_sit_two_per_row_on_a_wide_page()
    {
        var html = await ReportHtml();

        // Test-only probe: measures the laid-out cards and writes the figures into the DOM that --dump-dom prints.
        const string probe = """
            <script>
            document.body.setAttribute('data-cards', [...document.querySelectorAll('figure.card')]
              .map(f => { const b = f.getBoundingClientRect(); return [f.id, Math.round(b.left), Math.round(b.top), Math.round(b.width)].join(','); }).join(';'));
            document.body.setAttribute('data-main', Math.round(document.querySelector('main').getBoundingClientRect().width));
            </script>
            """;
        var file = Write(html.Replace("</body>", probe + "</body>", StringComparison.Ordinal), "layout.html");
        var dom = Chromium.Run(file, "--window-size=1280,2400", "--dump-dom");
        var main = int.Parse(Regex.Match(dom, "data-main=\"([0-9]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
        var cards = Regex.Match(dom, "data-cards=\"([^\"]*)\"").Groups[1].Value.Split(';')
            .Select(c => c.Split(',')).Select(c => (Id: c[0], Left: int.Parse(c[1], CultureInfo.InvariantCulture), Top: int.Parse(c[2], CultureInfo.InvariantCulture), Width: int.Parse(c[3], CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(CardIds, cards.Select(c => c.Id));
        var rows = cards.GroupBy(c => c.Top).ToList();
        Assert.True(rows.Count == 2 && rows.All(r => r.Count() == 2), $"cards by row: {string.Join(" | ", rows.Select(r => string.Join(", ", r.Select(c => $"{c.Id}@{c.Left}"))))} (main {main}px)");
        Assert.All(cards, c => Assert.True(c.Width >= main * 0.4, $"{c.Id} is {c.Width}px of {main}px"));
    }

    [Fact]
    public async Task Print_shows_the_data_tables_and_puts_the_four_cards_on_one_page()
    {
        var html = await ReportHtml();

        // The charts' SVG carries an invisible text layer that pdftotext would read; without the SVGs, the PDF's text is
        // the HTML's own: headings, captions and whatever tables print.
        var text = PrintedText(SvgElement().Replace(html, ""));
        var pages = text.Split('\f');

        // Member states listed in the top-10 table but named nowhere else in the HTML outside tables: only a printed table shows them.
        var outsideTables = TableElement().Replace(SvgElement().Replace(html, ""), "");
        var top = Regex.Match(html, "<figure class=\"visual\" id=\"top-member-states\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        var onlyInTable = Regex.Matches(top, "<th scope=\"row\">([^<]*)</th>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(name => !outsideTables.Contains(WebUtility.HtmlEncode(name), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(onlyInTable);
        Assert.All(onlyInTable, name => Assert.Contains(name, text));

        var cardPages = CardIds.Select(id =>
        {
            var title = WebUtility.HtmlDecode(Regex.Match(html, $"<figure class=\"visual card\" id=\"{id}\">.*?<title[^>]*>([^<]*)</title>", RegexOptions.Singleline).Groups[1].Value);
            var page = Array.FindIndex(pages, p => Normalize(p).Contains(Normalize(title), StringComparison.Ordinal));
            Assert.True(page >= 0, $"card '{title}' printed");
            return page;
        }).ToList();
        Assert.Single(cardPages.Distinct());
    }

    private async Task<string> ReportHtml()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var report = AnnualReport.Build(ProgrammeId.Parse("diplomacy-cab"), 2022, catalogue);
        return await ReportRenderer.RenderHtmlAsync(report, new QueryEngine(seeded.Store), Language.English, options: new ReportRenderOptions(new MemberLabels(catalogue)));
    }

    private string PrintedText(string html)
    {
        var file = Write(html, "print.html");
        var pdf = Path.Combine(Path.GetDirectoryName(file)!, "print.pdf");
        Chromium.Run(file, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
        Assert.True(File.Exists(pdf), "Chromium wrote the PDF");
        return Chromium.Exec(Chromium.Require("pdftotext"), [pdf, "-"]);
    }

    private string Write(string html, string name)
    {
        var dir = Path.Combine(seeded.Folder, "browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, name);
        File.WriteAllText(file, html);
        return file;
    }

    private static string Normalize(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();

    [GeneratedRegex("<table>.*?</table>", RegexOptions.Singleline)]
    private static partial Regex TableElement();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhiteSpace();
}
