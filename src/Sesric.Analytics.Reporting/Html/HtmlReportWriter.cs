using System.Net;
using System.Text;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Html;

/// <summary>
/// Writes one self-contained HTML file: inline SVG charts, page navigation, a data table under each chart
/// (for screen readers and for copying figures), print CSS (one report page per printed page), and
/// <c>lang</c>/<c>dir</c> for the language (<c>dir="rtl"</c> for Arabic). No scripts, no external files.
/// </summary>
internal static class HtmlReportWriter
{
    public static string Write(Report report, IReadOnlyList<RenderedVisual> visuals, Language language, Theme theme, MemberLabels labels)
    {
        var rtl = language == Language.Arabic;
        var fmt = new ValueFormatter(language, theme.Formats);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n");
        sb.Append($"<html lang=\"{language.Tag()}\" dir=\"{(rtl ? "rtl" : "ltr")}\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append($"<title>{E(report.Title.In(language))}</title>\n<style>\n{Css(theme)}</style>\n</head>\n<body>\n");
        sb.Append($"<header>\n<h1>{E(report.Title.In(language))}</h1>\n");
        if (report.Subtitle is { } subtitle)
        {
            sb.Append($"<p class=\"subtitle\">{E(subtitle.In(language))}</p>\n");
        }
        sb.Append("</header>\n");
        sb.Append($"<nav aria-label=\"{E(Phrases.Pages.In(language))}\">\n<ol>\n");
        for (var p = 0; p < report.Pages.Count; p++)
        {
            sb.Append($"<li><a href=\"#page-{p + 1}\">{E(report.Pages[p].Title.In(language))}</a></li>\n");
        }
        sb.Append("</ol>\n</nav>\n<main>\n");
        for (var p = 0; p < report.Pages.Count; p++)
        {
            sb.Append($"<section class=\"page\" id=\"page-{p + 1}\" aria-labelledby=\"page-{p + 1}-title\">\n");
            sb.Append($"<h2 id=\"page-{p + 1}-title\">{E(report.Pages[p].Title.In(language))}</h2>\n");
            var inCards = false;
            foreach (var v in visuals.Where(v => v.Page == p))
            {
                // Consecutive cards share a grid row (two per row on a wide page, one on a narrow one).
                var card = v.Visual.Mark is MarkKind.Card;
                if (card != inCards)
                {
                    sb.Append(card ? "<div class=\"cards\">\n" : "</div>\n");
                    inCards = card;
                }
                sb.Append($"<figure class=\"visual{(card ? " card" : "")}\" id=\"{v.Visual.Id}\">\n");
                sb.Append(StripXmlDeclaration(v.Svg));
                sb.Append($"<figcaption>{E(v.AltDescription)}</figcaption>\n");
                sb.Append(DataTable(v, language, fmt, labels));
                sb.Append("</figure>\n");
            }
            if (inCards)
            {
                sb.Append("</div>\n");
            }
            sb.Append("</section>\n");
        }
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string DataTable(RenderedVisual v, Language language, ValueFormatter fmt, MemberLabels labels)
    {
        var t = v.Table;
        var sb = new StringBuilder();
        sb.Append($"<table>\n<caption>{E(v.AltTitle)}</caption>\n<thead><tr>");
        foreach (var c in t.Columns)
        {
            sb.Append($"<th scope=\"col\">{E(c.Label.In(language))}</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < t.Columns.Count; i++)
            {
                var column = t.Columns[i];
                var cell = row[i];
                var text = cell.Value is string member ? labels.Label(column.Name, member, language) : fmt.Format(cell, column.Format);
                var tag = column.Role == ColumnRole.Dimension ? "th scope=\"row\"" : "td";
                var status = cell.Status == CellStatus.Ok ? "" : $" class=\"{cell.Status.ToString().ToLowerInvariant()}\"";
                sb.Append($"<{tag}{status}>{E(text)}</{tag.Split(' ')[0]}>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        var table = sb.ToString();

        // Browsers do not print the content of a closed <details>, and CSS cannot open it; so the table is written twice:
        // folded away on screen, and as a plain table that only print shows (hidden from screen readers, which have the first).
        return $"<details class=\"data\"><summary>{E(Phrases.DataTable.In(language))}</summary>\n{table}</details>\n"
            + $"<div class=\"print-data\" aria-hidden=\"true\">\n{table}</div>\n";
    }

    private static string Css(Theme theme) => $$"""
        :root { --fg: {{theme.Foreground}}; --muted: {{theme.Muted}}; --grid: {{theme.Grid}}; --bg: {{theme.Background}}; --accent: {{theme.Palette[0]}}; }
        body { margin: 0 auto; max-width: 1100px; padding: 1.5rem; font-family: "{{theme.FontFamily}}", sans-serif; color: var(--fg); background: var(--bg); line-height: 1.45; }
        header h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
        .subtitle { margin: 0; color: var(--muted); }
        nav ol { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; list-style: none; padding: 0; margin: 1rem 0; border-bottom: 1px solid var(--grid); padding-bottom: .75rem; }
        nav a { color: var(--accent); text-decoration: none; font-weight: bold; }
        nav a:focus, nav a:hover { text-decoration: underline; }
        section.page { padding-top: .5rem; }
        section.page h2 { border-bottom: 2px solid var(--accent); padding-bottom: .25rem; }
        figure.visual { margin: 1.5rem 0; break-inside: avoid; }
        .cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 1.5rem; }
        .cards figure.visual.card { margin: 1rem 0; min-width: 0; }
        @media (max-width: 640px) { .cards { grid-template-columns: minmax(0, 1fr); } }
        .print-data { display: none; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: .9rem; margin-top: .25rem; }
        details.data summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
        table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
        caption { text-align: start; font-weight: bold; padding: .25rem 0; }
        th, td { padding: .2rem .6rem; border-bottom: 1px solid var(--grid); text-align: start; }
        td { text-align: end; font-variant-numeric: tabular-nums; }
        td.suppressed, td.unknown { color: var(--muted); font-style: italic; }
        @media print {
          nav, details.data { display: none; }
          .print-data { display: block; }
          .print-data table { font-size: .75rem; }
          .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
          .cards figure.visual.card { margin: .25rem 0; }
          .cards figure.visual.card figcaption { font-size: .7rem; }
          body { max-width: none; padding: 0; }
          section.page { break-before: page; }
          section.page:first-of-type { break-before: auto; }
          a { color: inherit; }
        }

        """;

    private static string StripXmlDeclaration(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
