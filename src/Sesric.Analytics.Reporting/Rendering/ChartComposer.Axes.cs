using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Text;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering;

internal sealed partial class ChartComposer
{
    /// <summary>
    /// Lays out a chart with categories along the bottom (columns, lines, combos, waterfalls): value ticks on
    /// the start side, an optional second value axis on the end side, category labels that stay on one line,
    /// wrap to two, or turn 45° when they would overlap.
    /// </summary>
    private void VerticalAxes(double min, double max, ValueFormat format, IReadOnlyList<string> labels, double[]? rightTicks = null, ValueFormat rightFormat = ValueFormat.Integer, double xMin = double.NaN, double xMax = double.NaN, Func<int, double>? positionOf = null, double labelSpan = 1)
    {
        BeginPlotArea();
        positionOf ??= i => i;
        var ticks = NiceScale.Ticks(min, max);
        var tickSize = Theme.Sizes.Tick;
        var startWidth = ticks.Max(t => _painter.Shaper.Shape(_fmt.Tick(t, format), tickSize).Width) + 10;
        var endWidth = rightTicks is null ? 8f : rightTicks.Max(t => _painter.Shaper.Shape(_fmt.Tick(t, rightFormat), tickSize).Width) + 10;
        var left = Margin + (_rtl ? endWidth : startWidth);
        var right = _w - Margin - (_rtl ? startWidth : endWidth);
        var n = labels.Count;
        if (double.IsNaN(xMin))
        {
            xMin = -0.5;
            xMax = n - 0.5;
        }
        var pxPerUnit = (right - left) / (xMax - xMin);
        var slot = (float)(pxPerUnit * labelSpan) * 0.92f;
        var wrapped = labels.Select(l => _painter.Shaper.Wrap(l, tickSize, slot, maxLines: 2)).ToList();
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
            drawn = [.. labels.Select(l => (IReadOnlyList<ShapedLine>)[.. _painter.Shaper.Wrap(l, tickSize, 150, maxLines: 1)])];
            labelHeight = (drawn.Max(l => l[0].Width) * 0.71f) + tickSize + 8;
        }
        var bottom = _plotBottom - labelHeight;
        SetPadding(left, _w - right, _plotTop, _h - bottom);
        _plot.Axes.SetLimitsY(ticks[0], ticks[^1], _plot.Axes.Left);
        if (_rtl)
        {
            _plot.Axes.SetLimitsX(xMax, xMin, _plot.Axes.Bottom);
        }
        else
        {
            _plot.Axes.SetLimitsX(xMin, xMax, _plot.Axes.Bottom);
        }
        SetTicks(_plot.Axes.Left, ticks);
        double[] secondTicks = rightTicks ?? [];
        if (rightTicks is not null)
        {
            _plot.Axes.SetLimitsY(rightTicks[0], rightTicks[^1], _plot.Axes.Right);
        }

        _overlays.Add(rp =>
        {
            var canvas = rp.Canvas;
            var data = rp.DataRect;
            var fg = Colors.Sk(Theme.Foreground);
            var muted = Colors.Sk(Theme.Muted);
            foreach (var t in ticks)
            {
                var y = _plot.Axes.Left.GetPixel(t, data) + (tickSize * 0.36f);
                var text = _fmt.Tick(t, format);
                if (_rtl)
                {
                    _painter.Draw(canvas, text, tickSize, data.Right + 6, y, TextAlign.Left, muted);
                }
                else
                {
                    _painter.Draw(canvas, text, tickSize, data.Left - 6, y, TextAlign.Right, muted);
                }
            }
            foreach (var t in secondTicks)
            {
                var y = _plot.Axes.Right.GetPixel(t, data) + (tickSize * 0.36f);
                var text = _fmt.Tick(t, rightFormat);
                if (_rtl)
                {
                    _painter.Draw(canvas, text, tickSize, data.Left - 6, y, TextAlign.Right, muted);
                }
                else
                {
                    _painter.Draw(canvas, text, tickSize, data.Right + 6, y, TextAlign.Left, muted);
                }
            }
            using (var axisPaint = new SKPaint { Color = Colors.Sk(Theme.Muted), StrokeWidth = 1, IsAntialias = false })
            {
                var zero = Math.Clamp(0, ticks[0], ticks[^1]);
                var y0 = _plot.Axes.Left.GetPixel(zero, data);
                canvas.DrawLine(data.Left, y0, data.Right, y0, axisPaint);
            }
            for (var i = 0; i < drawn.Count; i++)
            {
                var x = _plot.Axes.Bottom.GetPixel(positionOf(i), data);
                if (rotate)
                {
                    // Turned 45°, anchored at its end under the category, so long labels never overlap.
                    var line = drawn[i][0];
                    var y = data.Bottom + tickSize + 2;
                    if (_rtl)
                    {
                        _painter.Draw(canvas, line, x, y, TextAlign.Left, fg, rotation: 45);
                    }
                    else
                    {
                        _painter.Draw(canvas, line, x, y, TextAlign.Right, fg, rotation: -45);
                    }
                }
                else
                {
                    var y = data.Bottom + 4;
                    foreach (var line in drawn[i])
                    {
                        y += tickSize * 1.1f;
                        _painter.Draw(canvas, line, x, y, TextAlign.Center, fg);
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
    private void HorizontalAxes(double min, double max, ValueFormat format, IReadOnlyList<string> labels)
    {
        BeginPlotArea();
        var ticks = NiceScale.Ticks(min, max);
        var tickSize = Theme.Sizes.Tick;
        var maxLabel = (_w - (2 * Margin)) * 0.34f;
        var wrapped = labels.Select(l => _painter.Shaper.Wrap(l, tickSize, maxLabel, maxLines: 2)).ToList();
        var labelWidth = Math.Min(maxLabel, wrapped.Max(lines => lines.Max(line => line.Width))) + 10;
        var lastTickHalf = (_painter.Shaper.Shape(_fmt.Tick(ticks[^1], format), tickSize).Width / 2) + 4;
        var left = Margin + (_rtl ? lastTickHalf : labelWidth);
        var right = _w - Margin - (_rtl ? labelWidth : lastTickHalf);
        var bottom = _plotBottom - (tickSize * 1.6f);
        SetPadding(left, _w - right, _plotTop, _h - bottom);
        var n = labels.Count;
        _plot.Axes.SetLimitsY(-0.5, n - 0.5, _plot.Axes.Left);
        if (_rtl)
        {
            _plot.Axes.SetLimitsX(ticks[^1], ticks[0], _plot.Axes.Bottom);
        }
        else
        {
            _plot.Axes.SetLimitsX(ticks[0], ticks[^1], _plot.Axes.Bottom);
        }
        SetTicks(_plot.Axes.Bottom, ticks);
        _overlays.Add(rp =>
        {
            var canvas = rp.Canvas;
            var data = rp.DataRect;
            var fg = Colors.Sk(Theme.Foreground);
            var muted = Colors.Sk(Theme.Muted);
            foreach (var t in ticks)
            {
                var x = _plot.Axes.Bottom.GetPixel(t, data);
                _painter.Draw(canvas, _fmt.Tick(t, format), tickSize, x, data.Bottom + (tickSize * 1.2f), TextAlign.Center, muted);
            }
            using (var axisPaint = new SKPaint { Color = Colors.Sk(Theme.Muted), StrokeWidth = 1 })
            {
                var x0 = _plot.Axes.Bottom.GetPixel(Math.Clamp(0, ticks[0], ticks[^1]), data);
                canvas.DrawLine(x0, data.Top, x0, data.Bottom, axisPaint);
            }
            for (var i = 0; i < wrapped.Count; i++)
            {
                var center = _plot.Axes.Left.GetPixel(n - 1 - i, data);
                var lines = wrapped[i];
                var y = center - ((lines.Count - 1) * tickSize * 0.6f) + (tickSize * 0.36f);
                foreach (var line in lines)
                {
                    if (_rtl)
                    {
                        _painter.Draw(canvas, line, data.Right + 8, y, TextAlign.Left, fg);
                    }
                    else
                    {
                        _painter.Draw(canvas, line, data.Left - 8, y, TextAlign.Right, fg);
                    }
                    y += tickSize * 1.2f;
                }
            }
        });
    }
}
