using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting;

/// <summary>Optional inputs of a report render.</summary>
/// <param name="Labels">Display names of members (use <c>new MemberLabels(catalogue)</c> for member-state names).</param>
/// <param name="Forecasts">Forecast bands by visual id, for line/area visuals with <see cref="Visual.Forecast"/> set.</param>
/// <param name="Policy">The disclosure policy of every query (default: public, the cell key method).</param>
/// <param name="Theme">A theme that overrides the report's named one, or null.</param>
/// <param name="EditionYears">The years the programme held editions, for time axes (see <see cref="ChartOptions.EditionYears"/>).</param>
/// <param name="RenderSlots">
/// How many charts may render at once, shared with other renders given the same instance (a server's cap); null for one
/// chart per core for this render alone. The output is the same either way.
/// </param>
/// <param name="PendingForecasts">
/// Forecast bands by visual id that are still being computed (a forecaster training while the report queries and draws
/// its other charts): each such visual renders once its band is ready; a faulted task fails the render. A visual keyed
/// in <paramref name="Forecasts"/> too takes the band given there.
/// </param>
public sealed record ReportRenderOptions(
    MemberLabels? Labels = null,
    IReadOnlyDictionary<string, ForecastBand>? Forecasts = null,
    DisclosurePolicy? Policy = null,
    Theming.Theme? Theme = null,
    IReadOnlyList<int>? EditionYears = null,
    ChartRenderSlots? RenderSlots = null,
    IReadOnlyDictionary<string, Task<ForecastBand?>>? PendingForecasts = null);
