using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Text;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>
/// The axes of charts with categories: value ticks, category labels that stay flat, wrap or turn, and a second value
/// axis; each lays out the plot area and adds the overlay that draws its labels.
/// </summary>
internal static class CategoryAxes
{
    /// <summary>
    /// Lays out a chart with categories along the bottom (columns, lines, combos, waterfalls): value ticks on
    /// the start side, an optional second value axis on the end side, category labels that stay on one line,
    /// wrap to two, or turn 45° when they would overlap.
    /// </summary>
    public static void Vertical(ChartSurface chart, double min, double max, ValueFormat format, IReadOnlyList<string> labels, double[]? rightTicks = null, ValueFormat rightFormat = ValueFormat.Integer, double xMin = double.NaN, double xMax = double.NaN, Func<int, double>? positionOf = null, double labelSpan = 1)
    {
        chart.BeginPlotArea();
        positionOf ??= i => i;
        var ticks = NiceScale.Ticks(min, max);
        var tickSize = chart.Theme.Sizes.Tick;
        var startWidth = ticks.Max(t => chart.Painter.Shaper.Shape(chart.Formatter.Tick(t, format), tickSize).Width) + 10;
        var endWidth = rightTicks is null ? 8f : rightTicks.Max(t => chart.Painter.Shaper.Shape(chart.Formatter.Tick(t, rightFormat), tickSize).Width) + 10;
        var left = ChartSurface.Margin + (chart.Rtl ? endWidth : startWidth);
        var right = chart.Width - ChartSurface.Margin - (chart.Rtl ? startWidth : endWidth);
        var n = labels.Count;
        if (double.IsNaN(xMin))
        {
            xMin = -0.5;
            xMax = n - 0.5;
        }
        var pxPerUnit = (right - left) / (xMax - xMin);
        var slot = (float)(pxPerUnit * labelSpan) * 0.92f;
        var wrapped = labels.Select(l => chart.Painter.Shaper.Wrap(l, tickSize, slot, maxLines: 2)).ToList();
        var fits = wrapped.All(lines => lines.All(line => line.Width <= slot));
        float labelHeight;
        List<IReadOnlyList<ShapedLine>> drawn;
        var rotate = !fits;
        if (fits)
        {
            labelHeight = (wrapped.Max(l => l.Count) * tickSize * 1.25f) + 8;
            drawn = wrapped;
        }
        else
        {
            drawn = [.. labels.Select(l => (IReadOnlyList<ShapedLine>)[.. chart.Painter.Shaper.Wrap(l, tickSize, 150, maxLines: 1)])];
            labelHeight = (drawn.Max(l => l[0].Width) * 0.71f) + tickSize + 8;
        }
        var bottom = chart.PlotBottom - labelHeight;
        chart.SetPadding(left, chart.Width - right, chart.PlotTop, chart.Height - bottom);
        chart.Plot.Axes.SetLimitsY(ticks[0], ticks[^1], chart.Plot.Axes.Left);
        if (chart.Rtl)
        {
            chart.Plot.Axes.SetLimitsX(xMax, xMin, chart.Plot.Axes.Bottom);
        }
        else
        {
            chart.Plot.Axes.SetLimitsX(xMin, xMax, chart.Plot.Axes.Bottom);
        }
        ChartSurface.SetTicks(chart.Plot.Axes.Left, ticks);
        double[] secondTicks = rightTicks ?? [];
        if (rightTicks is not null)
        {
            chart.Plot.Axes.SetLimitsY(rightTicks[0], rightTicks[^1], chart.Plot.Axes.Right);
        }

        chart.Overlays.Add(rp =>
        {
            var canvas = rp.Canvas;
            var data = rp.DataRect;
            var fg = Colors.Sk(chart.Theme.Foreground);
            var muted = Colors.Sk(chart.Theme.Muted);
            foreach (var t in ticks)
            {
                var y = chart.Plot.Axes.Left.GetPixel(t, data) + (tickSize * 0.36f);
                var text = chart.Formatter.Tick(t, format);
                if (chart.Rtl)
                {
                    chart.Painter.Draw(canvas, text, tickSize, data.Right + 6, y, TextAlign.Left, muted);
                }
                else
                {
                    chart.Painter.Draw(canvas, text, tickSize, data.Left - 6, y, TextAlign.Right, muted);
                }
            }
            foreach (var t in secondTicks)
            {
                var y = chart.Plot.Axes.Right.GetPixel(t, data) + (tickSize * 0.36f);
                var text = chart.Formatter.Tick(t, rightFormat);
                if (chart.Rtl)
                {
                    chart.Painter.Draw(canvas, text, tickSize, data.Left - 6, y, TextAlign.Right, muted);
                }
                else
                {
                    chart.Painter.Draw(canvas, text, tickSize, data.Right + 6, y, TextAlign.Left, muted);
                }
            }
            using (var axisPaint = new SKPaint { Color = Colors.Sk(chart.Theme.Muted), StrokeWidth = 1, IsAntialias = false })
            {
                var zero = Math.Clamp(0, ticks[0], ticks[^1]);
                var y0 = chart.Plot.Axes.Left.GetPixel(zero, data);
                canvas.DrawLine(data.Left, y0, data.Right, y0, axisPaint);
            }
            for (var i = 0; i < drawn.Count; i++)
            {
                var x = chart.Plot.Axes.Bottom.GetPixel(positionOf(i), data);
                if (rotate)
                {
                    // Turned 45°, anchored at its end under the category, so long labels never overlap.
                    var line = drawn[i][0];
                    var y = data.Bottom + tickSize + 2;
                    if (chart.Rtl)
                    {
                        chart.Painter.Draw(canvas, line, x, y, TextAlign.Left, fg, rotation: 45);
                    }
                    else
                    {
                        chart.Painter.Draw(canvas, line, x, y, TextAlign.Right, fg, rotation: -45);
                    }
                }
                else
                {
                    var y = data.Bottom + 4;
                    foreach (var line in drawn[i])
                    {
                        y += tickSize * 1.1f;
                        chart.Painter.Draw(canvas, line, x, y, TextAlign.Center, fg);
                        y += tickSize * 0.15f;
                    }
                }
            }
        });
    }

    /// <summary>
    /// Lays out horizontal bars: categories down the start side (wrapped to two lines within a third of the
    /// width), first category on top, values along the bottom (growing right to left in Arabic).
    /// </summary>
    public static void Horizontal(ChartSurface chart, double min, double max, ValueFormat format, IReadOnlyList<string> labels)
    {
        chart.BeginPlotArea();
        var ticks = NiceScale.Ticks(min, max);
        var tickSize = chart.Theme.Sizes.Tick;
        var maxLabel = (chart.Width - (2 * ChartSurface.Margin)) * 0.34f;
        var wrapped = labels.Select(l => chart.Painter.Shaper.Wrap(l, tickSize, maxLabel, maxLines: 2)).ToList();
        var labelWidth = Math.Min(maxLabel, wrapped.Max(lines => lines.Max(line => line.Width))) + 10;
        var lastTickHalf = (chart.Painter.Shaper.Shape(chart.Formatter.Tick(ticks[^1], format), tickSize).Width / 2) + 4;
        var left = ChartSurface.Margin + (chart.Rtl ? lastTickHalf : labelWidth);
        var right = chart.Width - ChartSurface.Margin - (chart.Rtl ? labelWidth : lastTickHalf);
        var bottom = chart.PlotBottom - (tickSize * 1.6f);
        chart.SetPadding(left, chart.Width - right, chart.PlotTop, chart.Height - bottom);
        var n = labels.Count;
        chart.Plot.Axes.SetLimitsY(-0.5, n - 0.5, chart.Plot.Axes.Left);
        if (chart.Rtl)
        {
            chart.Plot.Axes.SetLimitsX(ticks[^1], ticks[0], chart.Plot.Axes.Bottom);
        }
        else
        {
            chart.Plot.Axes.SetLimitsX(ticks[0], ticks[^1], chart.Plot.Axes.Bottom);
        }
        ChartSurface.SetTicks(chart.Plot.Axes.Bottom, ticks);
        chart.Overlays.Add(rp =>
        {
            var canvas = rp.Canvas;
            var data = rp.DataRect;
            var fg = Colors.Sk(chart.Theme.Foreground);
            var muted = Colors.Sk(chart.Theme.Muted);
            foreach (var t in ticks)
            {
                var x = chart.Plot.Axes.Bottom.GetPixel(t, data);
                chart.Painter.Draw(canvas, chart.Formatter.Tick(t, format), tickSize, x, data.Bottom + (tickSize * 1.2f), TextAlign.Center, muted);
            }
            using (var axisPaint = new SKPaint { Color = Colors.Sk(chart.Theme.Muted), StrokeWidth = 1 })
            {
                var x0 = chart.Plot.Axes.Bottom.GetPixel(Math.Clamp(0, ticks[0], ticks[^1]), data);
                canvas.DrawLine(x0, data.Top, x0, data.Bottom, axisPaint);
            }
            for (var i = 0; i < wrapped.Count; i++)
            {
                var center = chart.Plot.Axes.Left.GetPixel(n - 1 - i, data);
                var lines = wrapped[i];
                var y = center - ((lines.Count - 1) * tickSize * 0.6f) + (tickSize * 0.36f);
                foreach (var line in lines)
                {
                    if (chart.Rtl)
                    {
                        chart.Painter.Draw(canvas, line, data.Right + 8, y, TextAlign.Left, fg);
                    }
                    else
                    {
                        chart.Painter.Draw(canvas, line, data.Left - 8, y, TextAlign.Right, fg);
                    }
                    y += tickSize * 1.2f;
                }
            }
        });
    }

    /// <summary>
    /// Categories along the bottom: by time when they are years (each category at its year, a tick for every year of
    /// the range, gaps left open), otherwise one slot each. Returns each category's x, the width of one step, and the time axis.
    /// </summary>
    public static (Func<int, double> X, double Width, TimeAxis? Time) Categories(ChartSurface chart, double min, double max, ValueFormat format, double[]? rightTicks = null, ValueFormat rightFormat = ValueFormat.Integer)
    {
        var time = TimeAxis.Of(chart.Data, null, chart.Request.EditionYears);
        if (time is null)
        {
            CategoryAxes.Vertical(chart, min, max, format, chart.Data.Categories, rightTicks, rightFormat);
            return (i => i, 1, null);
        }
        var labels = time.Ticks.Select(t => chart.Formatter.Format((double)t, ValueFormat.Year)).ToList();
        CategoryAxes.Vertical(chart, min, max, format, labels, rightTicks, rightFormat, time.Ticks[0] - (time.Cadence * 0.5), time.Ticks[^1] + (time.Cadence * 0.5), i => time.Ticks[i], time.Cadence);
        return (i => time.Positions[i], time.Cadence, time);
    }
}
