using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Text;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>A heatmap of categories by series with a colour scale; suppressed cells are marked with a dot, unknown ones left blank.</summary>
internal sealed class HeatmapMark(ChartSurface chart) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        var rows = chart.Data.Categories.Count;
        var cols = chart.Data.Series.Count;
        var known = chart.Data.Points().Select(p => p.Value).ToList();
        var min = known.DefaultIfEmpty(0).Min();
        var max = known.DefaultIfEmpty(1).Max();
        chart.BeginPlotArea();
        var tickSize = chart.Theme.Sizes.Tick;
        var rowLabelWidth = Math.Min((chart.Width - (2 * ChartSurface.Margin)) * 0.3f, chart.Data.Categories.Max(c => chart.Painter.Shaper.Shape(c, tickSize).Width)) + 10;
        var left = ChartSurface.Margin + (chart.Rtl ? 0 : rowLabelWidth);
        var right = chart.Width - ChartSurface.Margin - (chart.Rtl ? rowLabelWidth : 0);
        var scaleHeight = tickSize * 2.6f;
        var bottom = chart.PlotBottom - (tickSize * 1.8f) - scaleHeight;
        chart.SetPadding(left, chart.Width - right, chart.PlotTop, chart.Height - bottom);
        chart.Plot.Axes.SetLimitsY(-0.5, rows - 0.5, chart.Plot.Axes.Left);
        if (chart.Rtl)
        {
            chart.Plot.Axes.SetLimitsX(cols - 0.5, -0.5, chart.Plot.Axes.Bottom);
        }
        else
        {
            chart.Plot.Axes.SetLimitsX(-0.5, cols - 0.5, chart.Plot.Axes.Bottom);
        }
        chart.HideAxes();
        var cells = new List<(int Row, int Col, string Text, string Fill)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var v = chart.Data.Series[c].Values[r];
                var status = chart.Data.Series[c].Statuses[r];
                var fill = v is { } value ? Shade(value, min, max) : chart.Theme.Background;
                var y = rows - 1 - r;
                var rect = chart.Plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                rect.FillColor = Colors.Sp(fill);
                rect.LineColor = Colors.Sp(v is null ? chart.Theme.Grid : chart.Theme.Background);
                rect.LineWidth = 1;
                var text = v is { } shown ? chart.Formatter.Format(shown, chart.Data.MeasureFormat) : status == CellStatus.Suppressed ? "•" : "";
                cells.Add((r, c, text, fill));
            }
        }
        chart.Overlays.Add(rp =>
        {
            var data = rp.DataRect;
            var fg = Colors.Sk(chart.Theme.Foreground);
            var cellHeight = data.Height / rows;
            var cellWidth = data.Width / cols;
            foreach (var (r, c, text, fill) in cells)
            {
                if (text.Length == 0 || cellHeight < tickSize * 1.1f)
                {
                    continue;
                }
                var line = chart.Painter.Shaper.Shape(text, tickSize);
                if (line.Width > cellWidth - 4)
                {
                    continue;
                }
                var x = chart.Plot.Axes.Bottom.GetPixel(c, data);
                var y = chart.Plot.Axes.Left.GetPixel(rows - 1 - r, data) + (tickSize * 0.36f);
                chart.Painter.Draw(rp.Canvas, line, x, y, TextAlign.Center, Colors.TextOn(fill));
            }
            var step = Math.Max(1, (int)Math.Ceiling(rows / (data.Height / (tickSize * 1.15f))));
            for (var r = 0; r < rows; r += step)
            {
                var y = chart.Plot.Axes.Left.GetPixel(rows - 1 - r, data) + (tickSize * 0.36f);
                var label = chart.Painter.Shaper.Wrap(chart.Data.Categories[r], tickSize, rowLabelWidth - 10, maxLines: 1)[0];
                chart.Painter.Draw(rp.Canvas, label, chart.Rtl ? data.Right + 6 : data.Left - 6, y, chart.Rtl ? TextAlign.Left : TextAlign.Right, fg);
            }
            for (var c = 0; c < cols; c++)
            {
                var x = chart.Plot.Axes.Bottom.GetPixel(c, data);
                chart.Painter.Draw(rp.Canvas, chart.Data.Series[c].Label, tickSize, x, data.Bottom + (tickSize * 1.3f), TextAlign.Center, fg);
            }

            // Colour scale: low and high ends with five steps between.
            var sy = data.Bottom + (tickSize * 2.2f);
            var sw = Math.Min(220f, data.Width * 0.5f);
            var sx = chart.Rtl ? data.Right - sw : data.Left;
            for (var i = 0; i < 5; i++)
            {
                // Low to high in reading direction: left to right, or right to left in Arabic.
                using var paint = new SKPaint { Color = Colors.Sk(Shade(min + ((max - min) * (chart.Rtl ? 4 - i : i) / 4.0), min, max)) };
                rp.Canvas.DrawRect(sx + (i * sw / 5), sy, sw / 5, tickSize, paint);
            }
            var lowText = chart.Formatter.Format(min, chart.Data.MeasureFormat);
            var highText = chart.Formatter.Format(max, chart.Data.MeasureFormat);
            var (startText, endText) = chart.Rtl ? (highText, lowText) : (lowText, highText);
            chart.Painter.Draw(rp.Canvas, startText, tickSize, sx - 4, sy + (tickSize * 0.85f), TextAlign.Right, Colors.Sk(chart.Theme.Muted));
            chart.Painter.Draw(rp.Canvas, endText, tickSize, sx + sw + 4, sy + (tickSize * 0.85f), TextAlign.Left, Colors.Sk(chart.Theme.Muted));
        });
    }

    /// <summary>
    /// A heatmap cell's colour: the lowest value takes a step into the scale, never its palest end, so a cell with a value
    /// never looks like a blank (unknown) one, which keeps the background and a grid-coloured outline.
    /// </summary>
    private string Shade(double value, double min, double max) =>
        Colors.Mix(chart.Theme.Sequential[0], chart.Theme.Sequential[1], 0.18 + (0.82 * (max > min ? (value - min) / (max - min) : 1)));
}
