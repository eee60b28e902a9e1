using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting;

/// <summary>A page of a report: a title, page-scope filters and visuals in reading order.</summary>
/// <param name="Title">The page title (shown in the navigation).</param>
/// <param name="Filters">Filters of page scope.</param>
/// <param name="Visuals">The visuals, in reading order.</param>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record ReportPage(LocalizedText Title, ValueList<FilterSpec> Filters, ValueList<Visual> Visuals);
