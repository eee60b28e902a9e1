using ScottPlot;

using Sesric.Analytics.Reporting.Text;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>One small line panel per series (up to six) on a shared value axis.</summary>
internal sealed class SmallMultiplesMark(ChartSurface chart) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        var panels = chart.Data.Series.Take(6).ToList();
        var n = chart.Data.Categories.Count;
        var max = Math.Max(1, chart.Data.Points().Select(p => p.Value).DefaultIfEmpty(0).Max());
        var gap = 1.0;
        double X(int panel, int i) => (panel * (n - 1 + gap + 1)) + i;
        var xMax = X(panels.Count - 1, n - 1) + 0.5;
        // Every panel labels its categories at the step that fits them flat (every year when there is room), so no
        // label turns into the neighbouring panel.
        var tickSize = chart.Theme.Sizes.Tick;
        var perCategory = (chart.Width - (2 * ChartSurface.Margin) - 60) / (xMax + 0.5);
        var widest = chart.Data.Categories.Max(c => chart.Painter.Shaper.Shape(c, tickSize).Width) + 6;
        var step = Math.Max(1, (int)Math.Ceiling(widest / perCategory));
        var labels = new List<string>();
        var positions = new List<double>();
        for (var p = 0; p < panels.Count; p++)
        {
            for (var i = 0; i < n; i += step)
            {
                labels.Add(chart.Data.Categories[i]);
                positions.Add(X(p, i));
            }
        }
        chart.PlotTop += chart.Theme.Sizes.Label * 2.8f;
        CategoryAxes.Vertical(chart, 0, max * 1.1, chart.Data.MeasureFormat, labels, xMin: -0.5, xMax: xMax, positionOf: i => positions[i], labelSpan: step);
        for (var p = 0; p < panels.Count; p++)
        {
            var series = panels[p];
            var colour = chart.Request.Colors.Of(series.Key);
            foreach (var segment in LineSegments.Of(series.Values))
            {
                var line = chart.Plot.Add.ScatterLine(segment.Select(i => X(p, i)).ToArray(), segment.Select(i => series.Values[i]!.Value).ToArray(), Colors.Sp(colour));
                line.LineWidth = 2;
                line.MarkerSize = 5;
                line.MarkerShape = MarkerShape.FilledCircle;
            }
        }
        chart.Overlays.Add(rp =>
        {
            using var separator = new SKPaint { Color = Colors.Sk(chart.Theme.Grid), StrokeWidth = 1 };
            for (var p = 0; p < panels.Count; p++)
            {
                var x0 = chart.Plot.Axes.Bottom.GetPixel(X(p, 0) - 0.5, rp.DataRect);
                var x1 = chart.Plot.Axes.Bottom.GetPixel(X(p, n - 1) + 0.5, rp.DataRect);
                // Titles wrap to two lines over their panel rather than being cut ("برنامج بناء القدرات في…").
                var title = chart.Painter.Shaper.Wrap(panels[p].Label, chart.Theme.Sizes.Label, Math.Abs(x1 - x0) - 4, maxLines: 2, bold: true);
                var baseline = rp.DataRect.Top - 6 - ((title.Count - 1) * chart.Theme.Sizes.Label * 1.2f);
                foreach (var line in title)
                {
                    chart.Painter.Draw(rp.Canvas, line, (x0 + x1) / 2, baseline, TextAlign.Center, Colors.Sk(chart.Theme.Foreground));
                    baseline += chart.Theme.Sizes.Label * 1.2f;
                }
                if (p > 0)
                {
                    var xs = chart.Plot.Axes.Bottom.GetPixel(X(p, 0) - ((gap + 1) / 2), rp.DataRect);
                    rp.Canvas.DrawLine(xs, rp.DataRect.Top, xs, rp.DataRect.Bottom, separator);
                }
            }
        });
    }
}
