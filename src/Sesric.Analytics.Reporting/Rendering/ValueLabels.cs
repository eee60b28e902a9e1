using ScottPlot;

using Sesric.Analytics.Reporting.Text;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>Numbers drawn at bars and points, each on a halo of the background so gridlines never cut through its digits.</summary>
internal static class ValueLabels
{
    /// <summary>Whether value labels of the widest number fit side by side along the category axis.</summary>
    public static bool Fit(ChartSurface chart, int count, bool horizontal)
    {
        var slot = (horizontal ? chart.PlotBottom - chart.PlotTop : chart.Width - (2 * ChartSurface.Margin)) / Math.Max(1, count);
        return horizontal ? slot >= chart.Theme.Sizes.Tick * 1.2f : slot >= chart.Theme.Sizes.Tick * 3.2f;
    }

    public static void Draw(ChartSurface chart, RenderPack rp, List<(double Position, double Value, string Text, bool Muted)> labels, bool horizontal)
    {
        var size = chart.Theme.Sizes.Tick;
        foreach (var (position, value, text, muted) in labels)
        {
            var fg = Colors.Sk(muted ? chart.Theme.Muted : chart.Theme.Foreground);
            var line = chart.Painter.Shaper.Shape(text, size);
            if (horizontal)
            {
                var x = chart.Plot.Axes.Bottom.GetPixel(value, rp.DataRect);
                var y = chart.Plot.Axes.Left.GetPixel(position, rp.DataRect) + (size * 0.36f);
                var align = chart.Rtl ? TextAlign.Right : TextAlign.Left;
                var anchor = chart.Rtl ? x - 4 : x + 4;
                ValueLabels.Halo(chart, rp.Canvas, line, anchor, y, align);
                chart.Painter.Draw(rp.Canvas, line, anchor, y, align, fg);
            }
            else
            {
                var x = chart.Plot.Axes.Bottom.GetPixel(position, rp.DataRect);
                var y = chart.Plot.Axes.Left.GetPixel(value, rp.DataRect) - 4;
                ValueLabels.Halo(chart, rp.Canvas, line, x, y, TextAlign.Center);
                chart.Painter.Draw(rp.Canvas, line, x, y, TextAlign.Center, fg);
            }
        }
    }

    /// <summary>Paints the background behind a value label, so gridlines and lines never cut through its digits.</summary>
    public static void Halo(ChartSurface chart, SKCanvas canvas, ShapedLine line, float x, float baseline, TextAlign align)
    {
        var left = align switch
        {
            TextAlign.Center => x - (line.Width / 2),
            TextAlign.Right => x - line.Width,
            _ => x,
        };
        using var paint = new SKPaint { Color = Colors.Sk(chart.Theme.Background, 230) };
        canvas.DrawRect(left - 2, baseline - (line.Size * 0.85f), line.Width + 4, line.Size * 1.1f, paint);
    }
}
