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
        Report report, IQueryRunner engine, Language language, bool png, ReportRenderOptions? options, IProgress<ReportProgress>? progress, CancellationToken ct) =>
        RenderAsync(report, ReportVocabulary.From(engine.Model), (query, token) => engine.ExecuteAsync(query, token), language, png, options, progress, ct, queryTotals: true);

    public static async Task<IReadOnlyList<RenderedVisual>> RenderAsync(
        Report report, ReportVocabulary vocabulary, Func<SemanticQuery, CancellationToken, Task<Querying.ResultTable>> execute, Language language, bool png, ReportRenderOptions? options, IProgress<ReportProgress>? progress, CancellationToken ct, bool queryTotals = false)
    {
        options ??= new ReportRenderOptions();
        ReportValidator.EnsureValid(report, vocabulary);
        var theme = options.Theme ?? Theme.BuiltIn(report.Theme);
        var colors = new MemberColors(theme);
        var visuals = report.VisualsWithFilters().ToList();
        var total = (visuals.Count * 2) + 1;
        var done = 0;
        ChartFormat[] formats = png ? [ChartFormat.Svg, ChartFormat.Png] : [ChartFormat.Svg];
        RenderedVisual Render(int i, Querying.ResultTable table, Querying.ResultTable? totals, ForecastBand? forecast)
        {
            var (page, visual, filters) = visuals[i];
            var chartOptions = new ChartOptions(filters, report.Source, forecast, colors, vocabulary, options.Labels ?? MemberLabels.None, totals, options.EditionYears);
            var charts = ReportRenderer.Render(visual, table, theme, language, chartOptions, formats);
            var svg = charts[0];
            return new RenderedVisual(report.Pages.IndexOf(page), visual, ShownRows(visual, table, svg.CategoryKeys), svg.Svg!, png ? charts[1].Png : null, svg.AltTitle, svg.AltDescription);
        }

        // Charts are independent (member colours come from stable keys, each chart has its own plot, painter and shaper
        // cache), so each one starts rendering as soon as its own query has answered, side by side with the queries still
        // to run and with the other charts: on every core, or within the slots the caller shares between reports (a
        // server's cap). A chart whose forecast is still being computed (ReportRenderOptions.PendingForecasts) waits for it
        // without holding a slot. Results and progress keep reading order; output is byte-identical to rendering one by one.
        var slots = options.RenderSlots ?? new ChartRenderSlots(Math.Max(1, Environment.ProcessorCount));
        var renders = new List<Task<RenderedVisual>>(visuals.Count);
        var result = new List<RenderedVisual>(visuals.Count);
        try
        {
            for (var i = 0; i < visuals.Count; i++)
            {
                var (_, visual, filters) = visuals[i];
                ct.ThrowIfCancellationRequested();
                var table = await execute(VisualQuery.Build(visual, filters, options.Policy, vocabulary), ct).ConfigureAwait(false);

                // Totals come from the engine as cells of their own (see VisualQuery.Totals), never as sums of the parts drawn.
                var totalsQuery = queryTotals ? VisualQuery.Totals(visual, filters, options.Policy, vocabulary) : null;
                var totals = totalsQuery is null ? null : await TotalsAsync(execute, totalsQuery, ct).ConfigureAwait(false);
                progress?.Report(new ReportProgress(++done, total, $"queried {visual.Id}"));

                var index = i;
                var forecast = options.Forecasts?.GetValueOrDefault(visual.Id);
                var pending = forecast is null ? options.PendingForecasts?.GetValueOrDefault(visual.Id) : null;
                renders.Add(Task.Run(
                    async () =>
                    {
                        var band = pending is null ? forecast : await pending.WaitAsync(ct).ConfigureAwait(false);
                        return await slots.RunAsync(() => Render(index, table, totals, band), ct).ConfigureAwait(false);
                    },
                    ct));
            }
            foreach (var render in renders)
            {
                var rendered = await render.ConfigureAwait(false);
                result.Add(rendered);
                progress?.Report(new ReportProgress(++done, total, $"rendered {rendered.Visual.Id}"));
            }
        }
        catch
        {
            // The first failure in reading order (a query's or a chart's) is the one reported; the charts already started
            // are let finish, never left running.
            await Task.WhenAll(renders.Select(r => r.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default))).ConfigureAwait(false);
            throw;
        }
        return result;
    }

    /// <summary>
    /// The engine's totals, or null where the disclosure policy refuses that query: a total over a range of years
    /// that the chart splits by (a heatmap's years up to Y, totalled per member state) is a differently composed set
    /// of people that the public policy does not publish. The chart then says its total is of the shown groups.
    /// </summary>
    private static async Task<Querying.ResultTable?> TotalsAsync(
        Func<SemanticQuery, CancellationToken, Task<Querying.ResultTable>> execute, SemanticQuery query, CancellationToken ct)
    {
        try
        {
            return await execute(query, ct).ConfigureAwait(false);
        }
        catch (QueryException e) when (e.Kind == QueryErrorKind.InvalidQuery && query.Policy.Protects)
        {
            return null;
        }
    }

    /// <summary>
    /// The rows of <paramref name="table"/> the chart drew, in the chart's order, when it drew a top N: the HTML data
    /// table then lists what the chart and its caption show ("top 20"), not every member the engine returned.
    /// </summary>
    private static Querying.ResultTable ShownRows(Visual visual, Querying.ResultTable table, IReadOnlyList<string> categoryKeys)
    {
        if (visual.Limit is null || visual.Category is not { } category)
        {
            return table;
        }
        var index = table.IndexOf(category);
        var rank = categoryKeys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var rows = table.Rows
            .Select((row, i) => (row, i, key: ChartData.Key(row[index])))
            .Where(r => rank.ContainsKey(r.key))
            .OrderBy(r => rank[r.key]).ThenBy(r => r.i)
            .Select(r => r.row)
            .ToList();
        return rows.Count == table.Rows.Count && rows.SequenceEqual(table.Rows) ? table : new Querying.ResultTable(table.Columns, rows, table.Metadata);
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
