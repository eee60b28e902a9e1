using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Theming;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>Runs a report: validates it, queries every visual, assigns member colours in reading order, renders the charts.</summary>
internal static class ReportRun
{
    public static Task<IReadOnlyList<RenderedVisual>> RenderAsync(
        Report report, QueryEngine engine, Language language, bool png, ReportRenderOptions? options, IProgress<ReportProgress>? progress, CancellationToken ct) =>
        RenderAsync(report, ReportVocabulary.From(engine.Model), (query, token) => engine.ExecuteAsync(query, token), language, png, options, progress, ct);

    public static async Task<IReadOnlyList<RenderedVisual>> RenderAsync(
        Report report, ReportVocabulary vocabulary, Func<SemanticQuery, CancellationToken, Task<Querying.ResultTable>> execute, Language language, bool png, ReportRenderOptions? options, IProgress<ReportProgress>? progress, CancellationToken ct)
    {
        options ??= new ReportRenderOptions();
        ReportValidator.EnsureValid(report, vocabulary);
        var theme = options.Theme ?? Theme.BuiltIn(report.Theme);
        var colors = new MemberColors(theme);
        var visuals = report.VisualsWithFilters().ToList();
        var total = (visuals.Count * 2) + 1;
        var done = 0;
        var tables = new List<Querying.ResultTable>();
        foreach (var (_, visual, filters) in visuals)
        {
            ct.ThrowIfCancellationRequested();
            tables.Add(await execute(VisualQuery.Build(visual, filters, options.Policy, vocabulary), ct).ConfigureAwait(false));
            progress?.Report(new ReportProgress(++done, total, $"queried {visual.Id}"));
        }
        var result = new List<RenderedVisual>();
        for (var i = 0; i < visuals.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (page, visual, filters) = visuals[i];
            var chartOptions = new ChartOptions(filters, report.Source, options.Forecasts?.GetValueOrDefault(visual.Id), colors, vocabulary, options.Labels ?? MemberLabels.None);
            var svg = ReportRenderer.Render(visual, tables[i], theme, language, chartOptions, ChartFormat.Svg);
            var pngBytes = png ? ReportRenderer.Render(visual, tables[i], theme, language, chartOptions, ChartFormat.Png).Png : null;
            result.Add(new RenderedVisual(report.Pages.IndexOf(page), visual, tables[i], svg.Svg!, pngBytes, svg.AltTitle, svg.AltDescription));
            progress?.Report(new ReportProgress(++done, total, $"rendered {visual.Id}"));
        }
        return result;
    }

    private static int IndexOf(this ValueList<ReportPage> pages, ReportPage page)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            if (ReferenceEquals(pages[i], page))
            {
                return i;
            }
        }
        return -1;
    }
}
