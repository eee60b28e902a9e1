using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>Everything one chart render needs.</summary>
/// <param name="Visual">The visual.</param>
/// <param name="Table">Its data.</param>
/// <param name="Theme">The theme.</param>
/// <param name="Language">The language of every text.</param>
/// <param name="Colors">Report-wide member colours.</param>
/// <param name="Filters">Filters of all scopes that apply (for the caption).</param>
/// <param name="Source">The report's source line, or null.</param>
/// <param name="Forecast">A forecast band for line/area visuals, or null.</param>
/// <param name="Labels">Display names of members.</param>
/// <param name="IdPrefix">Prefix of the SVG's element ids, unique per chart in an HTML page.</param>
/// <param name="EditionYears">The years the programme held editions, for time axes (cadence, missing editions), or null.</param>
/// <param name="Expected">An expected range at a line visual's own categories, or null.</param>
/// <param name="Totals">The engine's totals for the visual (see <see cref="Binding.VisualQuery.Totals"/>), or null.</param>
internal sealed record ChartRequest(
    Visual Visual,
    ResultTable Table,
    Theme Theme,
    Language Language,
    MemberColors Colors,
    IReadOnlyList<FilterSpec> Filters,
    LocalizedText? Source,
    ForecastBand? Forecast,
    Binding.MemberLabels Labels,
    string IdPrefix,
    ResultTable? Totals = null,
    IReadOnlyList<int>? EditionYears = null,
    ExpectedRange? Expected = null);
