using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// A report: pages of visuals with report-scope filters and a theme. Plain immutable data, written with
/// <see cref="ReportBuilder"/> or read from a JSON spec (<see cref="Specs.ReportJson"/>); both give equal reports.
/// </summary>
/// <param name="Title">The report title.</param>
/// <param name="Subtitle">A subtitle, or null.</param>
/// <param name="Theme">The theme's name (<c>default</c>, <c>colorblind</c>, <c>high-contrast</c>).</param>
/// <param name="Filters">Filters of report scope.</param>
/// <param name="Pages">The pages, in order.</param>
/// <param name="Source">The source line printed under every visual (before the provenance figures), or null.</param>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Report(
    LocalizedText Title,
    LocalizedText? Subtitle,
    string Theme,
    ValueList<FilterSpec> Filters,
    ValueList<ReportPage> Pages,
    LocalizedText? Source = null)
{
    /// <summary>Every visual with its page and the filters of all three scopes that apply to it, in reading order.</summary>
    public IEnumerable<(ReportPage Page, Visual Visual, IReadOnlyList<FilterSpec> Filters)> VisualsWithFilters() =>
        Pages.SelectMany(page => page.Visuals.Select(v =>
            (page, v, (IReadOnlyList<FilterSpec>)[.. Filters, .. page.Filters, .. v.Filters])));
}
