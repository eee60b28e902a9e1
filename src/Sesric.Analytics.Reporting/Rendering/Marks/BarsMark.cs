using ScottPlot;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>
/// Columns or bars (<paramref name="horizontal"/>), side by side, stacked or stacked to 100 %: a withheld part is never
/// drawn, stacked or summed as 0, and a stack's total is the engine's cell for its category.
/// </summary>
internal sealed class BarsMark(ChartSurface chart, bool horizontal) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        chart.LegendForSeries();
        var n = chart.Data.Categories.Count;
        var k = chart.Data.Series.Count;
        var format = Percent ? ValueFormat.Percent : chart.Data.MeasureFormat;
        var withheldColour = chart.Theme.Grid;
        var withheldText = Phrases.Suppressed.In(chart.Request.Language);

        // Parts stay null where the engine withheld them: a withheld part is never drawn, stacked or summed as 0.
        var values = chart.Data.Series.Select(s => s.Values.ToArray()).ToArray();
        var shownSum = Enumerable.Range(0, n).Select(c => values.Sum(s => s[c] ?? 0)).ToArray();
        var anyWithheld = Enumerable.Range(0, n).Select(c => values.Any(s => s[c] is null) && chart.Data.Series.Any(s => s.Statuses[c] == CellStatus.Suppressed)).ToArray();

        // A stack's total is the engine's cell for the category; without one, the shown parts' sum only when nothing is withheld.
        var totals = Enumerable.Range(0, n).Select(c => chart.Data.CategoryTotals?[c] is { } cell
            ? (cell.Status == CellStatus.Ok ? cell.AsDouble() : null)
            : anyWithheld[c] ? null : (double?)shownSum[c]).ToArray();
        if (Percent)
        {
            for (var c = 0; c < n; c++)
            {
                var whole = totals[c] ?? shownSum[c];
                foreach (var s in values)
                {
                    s[c] = s[c] is { } v && whole > 0 ? v / whole : s[c];
                }
                totals[c] = totals[c] is not null ? 1 : null;
            }
        }
        var stackTops = Enumerable.Range(0, n).Select(c => Math.Max(values.Sum(s => s[c] ?? 0), totals[c] ?? 0)).ToArray();
        var max = Stacked ? stackTops.DefaultIfEmpty(0).Max() : values.SelectMany(s => s).Max(v => v ?? 0);
        max = Percent ? 1 : chart.Data.MeasureFormat == ValueFormat.Percent ? Math.Min(1, Math.Max(max, 0.01)) : Math.Max(max, 1);
        if (Stacked && anyWithheld.Any(w => w) && chart.Data.CategoryTotals is not null)
        {
            chart.AddLegend(withheldText, withheldColour);
        }
        Func<int, double> x = c => c;
        var step = 1.0;
        if (horizontal)
        {
            CategoryAxes.Horizontal(chart, 0, max, format, chart.Data.Categories);
        }
        else
        {
            (x, step, _) = CategoryAxes.Categories(chart, 0, max, format);
        }
        var bars = new List<Bar>();
        var labels = new List<(double Position, double Value, string Text, bool Muted)>();
        var group = 0.8 * step;
        Bar NewBar(double position, double from, double to, double size, string colour) => new()
        {
            Position = position,
            Value = to,
            ValueBase = from,
            Size = size,
            FillColor = Colors.Sp(colour),
            LineWidth = 0,
            Orientation = horizontal ? Orientation.Horizontal : Orientation.Vertical,
        };
        for (var c = 0; c < n; c++)
        {
            var basePosition = horizontal ? n - 1 - c : x(c);
            var stackBase = 0.0;
            for (var s = 0; s < k; s++)
            {
                var position = Stacked || k == 1 ? basePosition : basePosition - (group / 2) + ((s + 0.5) * group / k);
                var size = Stacked || k == 1 ? group : group / k * 0.92;
                if (values[s][c] is not { } value)
                {
                    if (!Stacked && chart.Data.Series[s].Statuses[c] == CellStatus.Suppressed)
                    {
                        // A withheld cell has no bar; say so where the bar would be, so it does not read as zero.
                        labels.Add((position, 0, withheldText, true));
                    }
                    continue;
                }
                bars.Add(NewBar(position, stackBase, stackBase + value, size, chart.ColorOf(chart.Data.Series[s], s)));
                if (!Stacked)
                {
                    labels.Add((position, value, chart.Formatter.Format(value, format), false));
                }
                else
                {
                    stackBase += value;
                }
            }
            if (!Stacked)
            {
                continue;
            }
            if (anyWithheld[c] && totals[c] is { } whole && whole > stackBase)
            {
                // The part of the engine's total that the withheld parts hold, drawn in the withheld style, unnumbered.
                bars.Add(NewBar(basePosition, stackBase, whole, group, withheldColour));
            }
            if (!Percent)
            {
                labels.Add(totals[c] is { } t
                    ? (basePosition, Math.Max(t, stackBase), chart.Formatter.Format(t, format), false)
                    : (basePosition, stackBase, withheldText, true));
            }
        }
        chart.Plot.Add.Bars(bars);
        if (ValueLabels.Fit(chart, Stacked ? n : n * k, horizontal))
        {
            chart.Overlays.Add(rp => ValueLabels.Draw(chart, rp, labels, horizontal));
        }
    }

    private bool Stacked => chart.Visual.Mark is MarkKind.StackedColumn or MarkKind.StackedBar or MarkKind.PercentColumn or MarkKind.PercentBar;

    private bool Percent => chart.Visual.Mark is MarkKind.PercentColumn or MarkKind.PercentBar;
}
