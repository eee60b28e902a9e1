using ScottPlot;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>Columns of the measure with a line of a second measure on its own axis.</summary>
internal sealed class ComboMark(ChartSurface chart) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        var bars = chart.Data.Series[0];
        var line = chart.Data.Line!;
        chart.AddLegend(chart.Data.MeasureLabel, chart.Theme.Palette[0]);
        chart.AddLegend(chart.Data.LineLabel ?? "", chart.Theme.Palette[1], isLine: true);
        var (_, max) = chart.Domain(bars.Values.Select(v => v ?? 0));
        var lineValues = line.Values.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(0).ToList();
        var lineTop = chart.Data.LineFormat == ValueFormat.Percent ? Math.Min(1, Math.Max(lineValues.Max(), 0.01)) : Math.Max(lineValues.Max(), 1);
        var lineTicks = NiceScale.Ticks(Math.Min(0, lineValues.Min()), lineTop);
        var (x, width, time) = CategoryAxes.Categories(chart, 0, max / 1.08, chart.Data.MeasureFormat, lineTicks, chart.Data.LineFormat);

        // A withheld bar is not drawn (its label says so); it never stands as a zero-height bar.
        var list = bars.Values.Select((v, i) => (v, i)).Where(p => p.v is not null)
            .Select(p => new Bar { Position = x(p.i), Value = p.v!.Value, Size = 0.6 * width, FillColor = Colors.Sp(chart.Theme.Palette[0]), LineWidth = 0 }).ToList();
        chart.Plot.Add.Bars(list);
        foreach (var segment in LineSegments.Of(line.Values, time))
        {
            var scatter = chart.Plot.Add.ScatterLine(segment.Select(x).ToArray(), segment.Select(i => line.Values[i]!.Value).ToArray(), Colors.Sp(chart.Theme.Palette[1]));
            scatter.Axes.YAxis = chart.Plot.Axes.Right;
            scatter.LineWidth = 2.5f;
            scatter.MarkerSize = 7;
            scatter.MarkerShape = MarkerShape.FilledCircle;
        }
        var suppressed = Phrases.Suppressed.In(chart.Request.Language);
        var labels = bars.Values
            .Select((v, i) => (Position: x(i), Value: v ?? 0,
                Text: v is { } shown ? chart.Formatter.Format(shown, chart.Data.MeasureFormat) : bars.Statuses[i] == CellStatus.Suppressed ? suppressed : "",
                Muted: v is null))
            .Where(l => l.Text.Length > 0).ToList();
        chart.Overlays.Add(rp => ValueLabels.Draw(chart, rp, labels, horizontal: false));
    }
}
