using System.Globalization;

using ScottPlot;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Text;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering;

internal sealed partial class ChartComposer
{
    private bool Stacked => Visual.Mark is MarkKind.StackedColumn or MarkKind.StackedBar or MarkKind.PercentColumn or MarkKind.PercentBar;

    private bool Percent => Visual.Mark is MarkKind.PercentColumn or MarkKind.PercentBar;

    private void LegendForSeries()
    {
        if (_data.HasSeriesDimension)
        {
            for (var s = 0; s < _data.Series.Count; s++)
            {
                AddLegend(_data.Series[s].Label, ColorOf(_data.Series[s], s));
            }
        }
    }

    private void Bars(bool horizontal)
    {
        LegendForSeries();
        var n = _data.Categories.Count;
        var k = _data.Series.Count;
        var format = Percent ? ValueFormat.Percent : _data.MeasureFormat;
        var withheldColour = Theme.Grid;
        var withheldText = Phrases.Suppressed.In(_req.Language);

        // Parts stay null where the engine withheld them: a withheld part is never drawn, stacked or summed as 0.
        var values = _data.Series.Select(s => s.Values.ToArray()).ToArray();
        var shownSum = Enumerable.Range(0, n).Select(c => values.Sum(s => s[c] ?? 0)).ToArray();
        var anyWithheld = Enumerable.Range(0, n).Select(c => values.Any(s => s[c] is null) && _data.Series.Any(s => s.Statuses[c] == CellStatus.Suppressed)).ToArray();

        // A stack's total is the engine's cell for the category; without one, the shown parts' sum only when nothing is withheld.
        var totals = Enumerable.Range(0, n).Select(c => _data.CategoryTotals?[c] is { } cell
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
        max = Percent ? 1 : _data.MeasureFormat == ValueFormat.Percent ? Math.Min(1, Math.Max(max, 0.01)) : Math.Max(max, 1);
        if (Stacked && anyWithheld.Any(w => w) && _data.CategoryTotals is not null)
        {
            AddLegend(withheldText, withheldColour);
        }
        Func<int, double> x = c => c;
        var step = 1.0;
        if (horizontal)
        {
            HorizontalAxes(0, max, format, _data.Categories);
        }
        else
        {
            (x, step, _) = CategoryVerticalAxes(0, max, format);
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
                    if (!Stacked && _data.Series[s].Statuses[c] == CellStatus.Suppressed)
                    {
                        // A withheld cell has no bar; say so where the bar would be, so it does not read as zero.
                        labels.Add((position, 0, withheldText, true));
                    }
                    continue;
                }
                bars.Add(NewBar(position, stackBase, stackBase + value, size, ColorOf(_data.Series[s], s)));
                if (!Stacked)
                {
                    labels.Add((position, value, _fmt.Format(value, format), false));
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
                    ? (basePosition, Math.Max(t, stackBase), _fmt.Format(t, format), false)
                    : (basePosition, stackBase, withheldText, true));
            }
        }
        _plot.Add.Bars(bars);
        if (LabelsFit(Stacked ? n : n * k, horizontal))
        {
            _overlays.Add(rp => DrawValueLabels(rp, labels, horizontal));
        }
    }

    /// <summary>Whether value labels of the widest number fit side by side along the category axis.</summary>
    private bool LabelsFit(int count, bool horizontal)
    {
        var slot = (horizontal ? _plotBottom - _plotTop : _w - (2 * Margin)) / Math.Max(1, count);
        return horizontal ? slot >= Theme.Sizes.Tick * 1.2f : slot >= Theme.Sizes.Tick * 3.2f;
    }

    private void DrawValueLabels(RenderPack rp, List<(double Position, double Value, string Text, bool Muted)> labels, bool horizontal)
    {
        var size = Theme.Sizes.Tick;
        foreach (var (position, value, text, muted) in labels)
        {
            var fg = Colors.Sk(muted ? Theme.Muted : Theme.Foreground);
            var line = _painter.Shaper.Shape(text, size);
            if (horizontal)
            {
                var x = _plot.Axes.Bottom.GetPixel(value, rp.DataRect);
                var y = _plot.Axes.Left.GetPixel(position, rp.DataRect) + (size * 0.36f);
                var align = _rtl ? TextAlign.Right : TextAlign.Left;
                var anchor = _rtl ? x - 4 : x + 4;
                Halo(rp.Canvas, line, anchor, y, align);
                _painter.Draw(rp.Canvas, line, anchor, y, align, fg);
            }
            else
            {
                var x = _plot.Axes.Bottom.GetPixel(position, rp.DataRect);
                var y = _plot.Axes.Left.GetPixel(value, rp.DataRect) - 4;
                Halo(rp.Canvas, line, x, y, TextAlign.Center);
                _painter.Draw(rp.Canvas, line, x, y, TextAlign.Center, fg);
            }
        }
    }

    /// <summary>Paints the background behind a value label, so gridlines and lines never cut through its digits.</summary>
    private void Halo(SKCanvas canvas, ShapedLine line, float x, float baseline, TextAlign align)
    {
        var left = align switch
        {
            TextAlign.Center => x - (line.Width / 2),
            TextAlign.Right => x - line.Width,
            _ => x,
        };
        using var paint = new SKPaint { Color = Colors.Sk(Theme.Background, 230) };
        canvas.DrawRect(left - 2, baseline - (line.Size * 0.85f), line.Width + 4, line.Size * 1.1f, paint);
    }

    /// <summary>
    /// Draws an expected range behind the lines: the outer band lighter, the inner band, and the expected value dashed, each
    /// over the runs of consecutive categories that have a point (a category without one is a gap, never a zero).
    /// </summary>
    private void ExpectedRangeMarks(ExpectedRange range, Func<int, double> x)
    {
        // Not ForecastPoint.Validated: a count's interval is of whole numbers and need not hold a fractional mean (one nominee
        // attending with probability 0.97 has the 80 % interval [1, 1] and the expectation 0.97).
        var byCategory = range.Points.ToDictionary(p => p.Category, StringComparer.Ordinal);
        var points = _data.CategoryKeys.Select(k => byCategory.GetValueOrDefault(k)).ToArray();
        var run = new List<int>();
        void Flush()
        {
            if (run.Count == 0)
            {
                return;
            }
            var xs = run.Select(x).ToArray();
            if (range.DrawsOuter)
            {
                var outer = _plot.Add.FillY(xs, run.Select(i => points[i]!.OuterLower!.Value).ToArray(), run.Select(i => points[i]!.OuterUpper!.Value).ToArray());
                outer.FillColor = Colors.Sp(Theme.Forecast, 0.10);
                outer.LineWidth = 0;
            }
            var inner = _plot.Add.FillY(xs, run.Select(i => points[i]!.Lower).ToArray(), run.Select(i => points[i]!.Upper).ToArray());
            inner.FillColor = Colors.Sp(Theme.Forecast, 0.22);
            inner.LineWidth = 0;
            var expected = _plot.Add.ScatterLine(xs, run.Select(i => points[i]!.Value).ToArray(), Colors.Sp(Theme.Forecast));
            expected.LineWidth = 2f;
            expected.LinePattern = LinePattern.Dashed;
            expected.MarkerSize = 0;
            run.Clear();
        }
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i] is null)
            {
                Flush();
            }
            else
            {
                run.Add(i);
            }
        }
        Flush();
    }

    private void Lines()
    {
        LegendForSeries();
        var n = _data.Categories.Count;
        var band = Visual.Forecast ? _req.Forecast : null;
        var forecastYears = band?.Points.Select(p => int.TryParse(p.Category, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : (int?)null).ToArray() ?? [];
        var time = TimeAxis.Of(_data, forecastYears.OfType<int>(), _req.EditionYears);
        if (time is null || forecastYears.Any(y => y is null))
        {
            time = null;
        }
        double X(int i) => time?.Positions[i] ?? i;
        double ForecastX(int i) => time is null ? n + i : forecastYears[i]!.Value;
        if (band is not null)
        {
            // The legend names both what is measured and what the band is.
            if (!_data.HasSeriesDimension && _data.Series.Count >= 1)
            {
                AddLegend(_data.Series[0].Label, ColorOf(_data.Series[0], 0), isLine: true);
            }
            AddLegend(ForecastLegend(band), Theme.Forecast, isLine: !band.DrawsBand);
        }
        var all = _data.Points().Select(p => p.Value).ToList();
        if (band is not null)
        {
            all.AddRange(band.Points.Select(p => band.DrawsOuter ? p.OuterUpper!.Value : p.Upper));
        }
        var range = Visual.Mark == MarkKind.Line ? _req.Expected : null;
        if (range is not null)
        {
            all.AddRange(range.Points.Select(p => range.DrawsOuter ? p.OuterUpper!.Value : p.Upper));
            // The legend names both lines: what is measured and what is expected.
            if (band is null && !_data.HasSeriesDimension && _data.Series.Count >= 1)
            {
                AddLegend(_data.Series[0].Label, ColorOf(_data.Series[0], 0), isLine: true);
            }
            AddLegend(range.Label.In(_req.Language), Theme.Forecast, isLine: true);
        }
        var (lowest, highest) = Domain(all);
        if (time is not null)
        {
            var tickLabels = time.Ticks.Select(t => _fmt.Format((double)t, ValueFormat.Year)).ToList();
            VerticalAxes(lowest, highest, _data.MeasureFormat, tickLabels, xMin: time.Ticks[0] - (time.Cadence * 0.5), xMax: time.Ticks[^1] + (time.Cadence * 0.5), positionOf: i => time.Ticks[i], labelSpan: time.Cadence);
        }
        else
        {
            var labels = _data.Categories.ToList();
            if (band is not null)
            {
                labels.AddRange(band.Points.Select(p => p.Category));
            }
            VerticalAxes(lowest, highest, _data.MeasureFormat, labels);
        }
        var pointLabels = new List<(double Position, double Value, string Text)>();
        if (range is not null)
        {
            ExpectedRangeMarks(range, X);
        }
        for (var s = 0; s < _data.Series.Count; s++)
        {
            var series = _data.Series[s];
            var colour = ColorOf(series, s);
            foreach (var segment in Segments(series.Values, time))
            {
                var xs = segment.Select(X).ToArray();
                var ys = segment.Select(i => series.Values[i]!.Value).ToArray();
                if (Visual.Mark == MarkKind.Area)
                {
                    var fill = _plot.Add.FillY(xs, ys, new double[ys.Length]);
                    fill.FillColor = Colors.Sp(colour, _data.Series.Count > 1 ? 0.25 : 0.35);
                    fill.LineWidth = 0;
                }
                var line = _plot.Add.ScatterLine(xs, ys, Colors.Sp(colour));
                line.LineWidth = 2.5f;
                line.MarkerSize = 7;
                line.MarkerShape = MarkerShape.FilledCircle;
                line.MarkerColor = Colors.Sp(colour);
            }
            if (_data.Series.Count == 1 && n <= 12)
            {
                for (var i = 0; i < n; i++)
                {
                    if (series.Values[i] is { } v)
                    {
                        pointLabels.Add((X(i), v, _fmt.Format(v, _data.MeasureFormat)));
                    }
                }
            }
        }
        if (band is not null && _data.Series.Count >= 1)
        {
            var series = _data.Series[0];
            var last = Array.FindLastIndex(series.Values, v => v.HasValue);
            var xs = new List<double>();
            var lo = new List<double>();
            var hi = new List<double>();
            var outerLo = new List<double>();
            var outerHi = new List<double>();
            var mid = new List<double>();
            if (last >= 0)
            {
                xs.Add(X(last));
                lo.Add(series.Values[last]!.Value);
                hi.Add(series.Values[last]!.Value);
                outerLo.Add(series.Values[last]!.Value);
                outerHi.Add(series.Values[last]!.Value);
                mid.Add(series.Values[last]!.Value);
            }
            for (var i = 0; i < band.Points.Count; i++)
            {
                var p = band.Points[i].Validated();
                xs.Add(ForecastX(i));
                lo.Add(p.Lower);
                hi.Add(p.Upper);
                outerLo.Add(p.OuterLower ?? p.Lower);
                outerHi.Add(p.OuterUpper ?? p.Upper);
                mid.Add(p.Value);
                pointLabels.Add((ForecastX(i), p.Value, _fmt.Format(p.Value, _data.MeasureFormat)));
            }
            if (band.DrawsOuter)
            {
                // The wider interval first, lighter, so the inner band reads as the likelier range.
                var outer = _plot.Add.FillY(xs.ToArray(), outerLo.ToArray(), outerHi.ToArray());
                outer.FillColor = Colors.Sp(Theme.Forecast, 0.10);
                outer.LineWidth = 0;
            }
            if (band.DrawsBand)
            {
                var fill = _plot.Add.FillY(xs.ToArray(), lo.ToArray(), hi.ToArray());
                fill.FillColor = Colors.Sp(Theme.Forecast, 0.22);
                fill.LineWidth = 0;
            }
            var line = _plot.Add.ScatterLine(xs.ToArray(), mid.ToArray(), Colors.Sp(Theme.Forecast));
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.MarkerShape = MarkerShape.OpenCircle;
        }
        _overlays.Add(rp =>
        {
            var size = Theme.Sizes.Tick;
            foreach (var (position, value, text) in pointLabels)
            {
                var x = _plot.Axes.Bottom.GetPixel(position, rp.DataRect);
                var y = _plot.Axes.Left.GetPixel(value, rp.DataRect) - 9;
                var line = _painter.Shaper.Shape(text, size);
                Halo(rp.Canvas, line, x, y, TextAlign.Center);
                _painter.Draw(rp.Canvas, line, x, y, TextAlign.Center, Colors.Sk(Theme.Foreground));
            }
        });
    }

    /// <summary>"Forecast, 80% interval" (or without an interval when none is drawn): the band's legend entry.</summary>
    private string ForecastLegend(ForecastBand band)
    {
        var forecast = Phrases.Forecast.In(_req.Language);
        if (!band.DrawsBand)
        {
            return forecast;
        }
        var levels = _fmt.Format(band.Level, ValueFormat.Percent) + (band.DrawsOuter ? " / " + _fmt.Format(band.OuterLevel!.Value, ValueFormat.Percent) : "");
        return $"{forecast}, {levels} {Phrases.Interval.In(_req.Language)}";
    }

    /// <summary>
    /// The value axis's range: from 0 (or the lowest value when negative) to a little above the highest, but never past
    /// the measure's domain: a share (percent format) cannot pass 100 %, so its axis stops there.
    /// </summary>
    private (double Low, double High) Domain(IEnumerable<double> values)
    {
        var list = values.DefaultIfEmpty(0).ToList();
        var low = Math.Min(0, list.Min());
        if (_data.MeasureFormat == ValueFormat.Percent)
        {
            return (low, Math.Min(1, Math.Max(0.01, list.Max() * 1.08)));
        }
        return (low, Math.Max(1, list.Max()) * 1.08);
    }

    /// <summary>
    /// Runs of known values at adjacent editions; a gap (unknown or suppressed value, or editions missing between two
    /// categories on a time axis) breaks the line instead of drawing through it.
    /// </summary>
    private static List<List<int>> Segments(double?[] values, TimeAxis? time = null)
    {
        var segments = new List<List<int>>();
        List<int>? current = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                current = null;
                continue;
            }
            if (current is null || (time is not null && !time.Adjacent(current[^1], i)))
            {
                current = [];
                segments.Add(current);
            }
            current.Add(i);
        }
        return segments;
    }

    private void Combo()
    {
        var bars = _data.Series[0];
        var line = _data.Line!;
        AddLegend(_data.MeasureLabel, Theme.Palette[0]);
        AddLegend(_data.LineLabel ?? "", Theme.Palette[1], isLine: true);
        var (_, max) = Domain(bars.Values.Select(v => v ?? 0));
        var lineValues = line.Values.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(0).ToList();
        var lineTop = _data.LineFormat == ValueFormat.Percent ? Math.Min(1, Math.Max(lineValues.Max(), 0.01)) : Math.Max(lineValues.Max(), 1);
        var lineTicks = NiceScale.Ticks(Math.Min(0, lineValues.Min()), lineTop);
        var (x, width, time) = CategoryVerticalAxes(0, max / 1.08, _data.MeasureFormat, lineTicks, _data.LineFormat);

        // A withheld bar is not drawn (its label says so); it never stands as a zero-height bar.
        var list = bars.Values.Select((v, i) => (v, i)).Where(p => p.v is not null)
            .Select(p => new Bar { Position = x(p.i), Value = p.v!.Value, Size = 0.6 * width, FillColor = Colors.Sp(Theme.Palette[0]), LineWidth = 0 }).ToList();
        _plot.Add.Bars(list);
        foreach (var segment in Segments(line.Values, time))
        {
            var scatter = _plot.Add.ScatterLine(segment.Select(x).ToArray(), segment.Select(i => line.Values[i]!.Value).ToArray(), Colors.Sp(Theme.Palette[1]));
            scatter.Axes.YAxis = _plot.Axes.Right;
            scatter.LineWidth = 2.5f;
            scatter.MarkerSize = 7;
            scatter.MarkerShape = MarkerShape.FilledCircle;
        }
        var suppressed = Phrases.Suppressed.In(_req.Language);
        var labels = bars.Values
            .Select((v, i) => (Position: x(i), Value: v ?? 0,
                Text: v is { } shown ? _fmt.Format(shown, _data.MeasureFormat) : bars.Statuses[i] == CellStatus.Suppressed ? suppressed : "",
                Muted: v is null))
            .Where(l => l.Text.Length > 0).ToList();
        _overlays.Add(rp => DrawValueLabels(rp, labels, horizontal: false));
    }

    /// <summary>
    /// Categories along the bottom: by time when they are years (each category at its year, a tick for every year of
    /// the range, gaps left open), otherwise one slot each. Returns each category's x, the width of one step, and the time axis.
    /// </summary>
    private (Func<int, double> X, double Width, TimeAxis? Time) CategoryVerticalAxes(double min, double max, ValueFormat format, double[]? rightTicks = null, ValueFormat rightFormat = ValueFormat.Integer)
    {
        var time = TimeAxis.Of(_data, null, _req.EditionYears);
        if (time is null)
        {
            VerticalAxes(min, max, format, _data.Categories, rightTicks, rightFormat);
            return (i => i, 1, null);
        }
        var labels = time.Ticks.Select(t => _fmt.Format((double)t, ValueFormat.Year)).ToList();
        VerticalAxes(min, max, format, labels, rightTicks, rightFormat, time.Ticks[0] - (time.Cadence * 0.5), time.Ticks[^1] + (time.Cadence * 0.5), i => time.Ticks[i], time.Cadence);
        return (i => time.Positions[i], time.Cadence, time);
    }

    private void Waterfall()
    {
        var values = _data.Series[0].Values;
        var statuses = _data.Series[0].Statuses;
        var up = Theme.Palette[2 % Theme.Palette.Count];
        var down = Theme.Palette[3 % Theme.Palette.Count];
        var total = Theme.Palette[0];
        var labels = _data.Categories.ToList();
        var bars = new List<Bar>();
        var texts = new List<(double Position, double Value, string Text, bool Muted)>();
        double? level = null;
        var lastKnown = -1;
        var top = 1.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } v)
            {
                // A withheld or unknown step is a gap, never "no change": the next known value's bar spans both.
                texts.Add((i, level ?? 0, statuses[i] == CellStatus.Suppressed ? Phrases.Suppressed.In(_req.Language) : Phrases.Unknown.In(_req.Language), true));
                continue;
            }
            var from = level ?? 0;
            var change = v - from;
            var colour = level is null ? total : change >= 0 ? up : down;
            bars.Add(new Bar { Position = i, ValueBase = from, Value = v, Size = 0.6, FillColor = Colors.Sp(colour), LineWidth = 0 });
            texts.Add((i, Math.Max(from, v), level is null ? _fmt.Format(v, _data.MeasureFormat) : _fmt.Format(change, ValueFormat.SignedInteger), false));
            level = v;
            lastKnown = i;
            top = Math.Max(top, v);
        }
        if (level is { } end && lastKnown >= 0)
        {
            // The closing bar is the level at the last known category, and is labelled as that: "2022 level", not "Total".
            labels.Add($"{_data.Categories[lastKnown]} ({Phrases.Level.In(_req.Language)})");
            bars.Add(new Bar { Position = values.Length, ValueBase = 0, Value = end, Size = 0.6, FillColor = Colors.Sp(total), LineWidth = 0 });
            texts.Add((values.Length, end, _fmt.Format(end, _data.MeasureFormat), false));
        }
        VerticalAxes(0, top * 1.08, _data.MeasureFormat, labels);
        _plot.Add.Bars(bars);
        _overlays.Add(rp => DrawValueLabels(rp, texts, horizontal: false));
    }

    private void Donut()
    {
        var series = _data.Series[0];
        var shown = series.Values.Sum(v => v ?? 0);
        var withheld = series.Statuses.Count(st => st != CellStatus.Ok);

        // The whole is the engine's total cell (it counts withheld groups too); without one, the shown groups' sum,
        // and the centre says so. Shares are of that whole, so a withheld group never takes a 0 % share.
        var engineTotal = _data.GrandTotal is { Status: CellStatus.Ok } cell ? cell.AsDouble() : null;
        var whole = engineTotal ?? shown;
        var slices = new List<PieSlice>();
        var withheldText = Phrases.Suppressed.In(_req.Language);
        for (var c = 0; c < _data.Categories.Count; c++)
        {
            var colour = _req.Colors.Of(_data.CategoryKeys[c]);
            if (series.Values[c] is not { } value)
            {
                var status = series.Statuses[c] == CellStatus.Suppressed ? withheldText : Phrases.Unknown.In(_req.Language);
                AddLegend($"{_data.Categories[c]}: {status}", Theme.Grid);
                continue;
            }
            slices.Add(new PieSlice { Value = value, FillColor = Colors.Sp(colour) });
            var share = whole > 0 ? value / whole : 0;
            AddLegend(Punctuation.Labelled(_data.Categories[c], $"{_fmt.Format(value, _data.MeasureFormat)} ({_fmt.Format(share, ValueFormat.Percent)})", _req.Language), colour);
        }
        if (engineTotal is { } t && withheld > 0 && t > shown)
        {
            // What the withheld groups hold together, in the withheld style and unnumbered, so the ring shows true shares.
            slices.Add(new PieSlice { Value = t - shown, FillColor = Colors.Sp(Theme.Grid) });
        }
        BeginPlotArea();
        SetPadding(Margin, Margin, _plotTop, _h - _plotBottom);
        var pie = _plot.Add.Pie(slices);
        pie.DonutFraction = 0.55;
        pie.LineWidth = 0;
        pie.SliceLabelDistance = 0;
        var dataWidth = _w - (2 * Margin);
        var dataHeight = _plotBottom - _plotTop;
        var aspect = dataWidth / dataHeight;
        _plot.Axes.SetLimits(-1.1 * aspect, 1.1 * aspect, -1.1, 1.1);
        HideAxes();
        var centreLabel = engineTotal is null && withheld > 0 ? $"{_data.MeasureLabel} ({Phrases.TotalOfShown.In(_req.Language)})" : _data.MeasureLabel;
        var centreValue = _data.GrandTotal is { Status: not CellStatus.Ok } hidden ? _fmt.Format(hidden, _data.MeasureFormat) : _fmt.Format(whole, _data.MeasureFormat);
        _overlays.Add(rp =>
        {
            var cx = (rp.DataRect.Left + rp.DataRect.Right) / 2;
            var cy = (rp.DataRect.Top + rp.DataRect.Bottom) / 2;
            var ring = Math.Min(rp.DataRect.Width, rp.DataRect.Height) * 0.5f * 0.55f * 2 / 1.1f;
            DrawCentered(rp.Canvas, centreValue, Theme.Sizes.Title, cx, cy + (Theme.Sizes.Title * 0.3f), Theme.Foreground, bold: true);
            var label = _painter.Shaper.Wrap(centreLabel, Theme.Sizes.Tick, Math.Max(40, ring - 8), maxLines: 2);
            var y = cy + (Theme.Sizes.Title * 0.3f) + (Theme.Sizes.Tick * 1.4f);
            foreach (var line in label)
            {
                _painter.Draw(rp.Canvas, line, cx, y, TextAlign.Center, Colors.Sk(Theme.Muted));
                y += Theme.Sizes.Tick * 1.2f;
            }
        });
    }

    private void Card()
    {
        BeginPlotArea();
        SetPadding(Margin, Margin, _plotTop, _h - _plotBottom);
        HideAxes();
        var series = _data.Series[0];
        var last = Array.FindLastIndex(series.Values, v => v.HasValue);
        var lastStatus = series.Statuses.Length > 0 ? series.Statuses[^1] : CellStatus.Unknown;
        var valueText = last >= 0 ? _fmt.Format(series.Values[last]!.Value, _data.MeasureFormat) : _fmt.Format(new ResultCell(null, lastStatus), _data.MeasureFormat);
        string? changeText = null;
        var changeColour = Theme.Muted;
        if (last >= 1 && series.Values[last - 1] is { } previous)
        {
            var change = series.Values[last]!.Value - previous;

            // A change of a share is in percentage points; a count's change adds its relative change in percent.
            var absolute = _data.MeasureFormat == ValueFormat.Percent ? _fmt.PercentagePoints(change) : _fmt.Format(change, ValueFormat.SignedInteger);
            var relative = previous != 0 && _data.MeasureFormat != ValueFormat.Percent ? $" ({_fmt.Format(change / previous, ValueFormat.SignedPercent)})" : "";
            changeText = $"{absolute}{relative} {Phrases.VersusPrevious.In(_req.Language)} {_data.Categories[last - 1]}";
            changeColour = _fmt.IsNoChange(change, _data.MeasureFormat) ? Theme.Muted
                : change > 0 ? Theme.Palette[2 % Theme.Palette.Count] : Theme.Palette[3 % Theme.Palette.Count];
        }
        var period = last >= 0 ? _data.Categories[last] : "";
        _overlays.Add(rp =>
        {
            var cx = _w / 2f;
            var cy = (_plotTop + _plotBottom) / 2;
            DrawCentered(rp.Canvas, valueText, Theme.Sizes.CardValue, cx, cy + (Theme.Sizes.CardValue * 0.2f), Theme.Foreground, bold: true);
            var y = cy + (Theme.Sizes.CardValue * 0.2f) + (Theme.Sizes.Subtitle * 1.6f);
            DrawCentered(rp.Canvas, $"{_data.MeasureLabel} · {period}", Theme.Sizes.Subtitle, cx, y, Theme.Muted);
            if (changeText is not null)
            {
                DrawCentered(rp.Canvas, changeText, Theme.Sizes.Subtitle, cx, y + (Theme.Sizes.Subtitle * 1.5f), changeColour, bold: true);
            }
        });
    }

    private void Heatmap()
    {
        var rows = _data.Categories.Count;
        var cols = _data.Series.Count;
        var known = _data.Points().Select(p => p.Value).ToList();
        var min = known.DefaultIfEmpty(0).Min();
        var max = known.DefaultIfEmpty(1).Max();
        BeginPlotArea();
        var tickSize = Theme.Sizes.Tick;
        var rowLabelWidth = Math.Min((_w - (2 * Margin)) * 0.3f, _data.Categories.Max(c => _painter.Shaper.Shape(c, tickSize).Width)) + 10;
        var left = Margin + (_rtl ? 0 : rowLabelWidth);
        var right = _w - Margin - (_rtl ? rowLabelWidth : 0);
        var scaleHeight = tickSize * 2.6f;
        var bottom = _plotBottom - (tickSize * 1.8f) - scaleHeight;
        SetPadding(left, _w - right, _plotTop, _h - bottom);
        _plot.Axes.SetLimitsY(-0.5, rows - 0.5, _plot.Axes.Left);
        if (_rtl)
        {
            _plot.Axes.SetLimitsX(cols - 0.5, -0.5, _plot.Axes.Bottom);
        }
        else
        {
            _plot.Axes.SetLimitsX(-0.5, cols - 0.5, _plot.Axes.Bottom);
        }
        HideAxes();
        var cells = new List<(int Row, int Col, string Text, string Fill)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var v = _data.Series[c].Values[r];
                var status = _data.Series[c].Statuses[r];
                var fill = v is { } value ? Shade(value, min, max) : Theme.Background;
                var y = rows - 1 - r;
                var rect = _plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                rect.FillColor = Colors.Sp(fill);
                rect.LineColor = Colors.Sp(v is null ? Theme.Grid : Theme.Background);
                rect.LineWidth = 1;
                var text = v is { } shown ? _fmt.Format(shown, _data.MeasureFormat) : status == CellStatus.Suppressed ? "•" : "";
                cells.Add((r, c, text, fill));
            }
        }
        _overlays.Add(rp =>
        {
            var data = rp.DataRect;
            var fg = Colors.Sk(Theme.Foreground);
            var cellHeight = data.Height / rows;
            var cellWidth = data.Width / cols;
            foreach (var (r, c, text, fill) in cells)
            {
                if (text.Length == 0 || cellHeight < tickSize * 1.1f)
                {
                    continue;
                }
                var line = _painter.Shaper.Shape(text, tickSize);
                if (line.Width > cellWidth - 4)
                {
                    continue;
                }
                var x = _plot.Axes.Bottom.GetPixel(c, data);
                var y = _plot.Axes.Left.GetPixel(rows - 1 - r, data) + (tickSize * 0.36f);
                _painter.Draw(rp.Canvas, line, x, y, TextAlign.Center, Colors.TextOn(fill));
            }
            var step = Math.Max(1, (int)Math.Ceiling(rows / (data.Height / (tickSize * 1.15f))));
            for (var r = 0; r < rows; r += step)
            {
                var y = _plot.Axes.Left.GetPixel(rows - 1 - r, data) + (tickSize * 0.36f);
                var label = _painter.Shaper.Wrap(_data.Categories[r], tickSize, rowLabelWidth - 10, maxLines: 1)[0];
                _painter.Draw(rp.Canvas, label, _rtl ? data.Right + 6 : data.Left - 6, y, _rtl ? TextAlign.Left : TextAlign.Right, fg);
            }
            for (var c = 0; c < cols; c++)
            {
                var x = _plot.Axes.Bottom.GetPixel(c, data);
                _painter.Draw(rp.Canvas, _data.Series[c].Label, tickSize, x, data.Bottom + (tickSize * 1.3f), TextAlign.Center, fg);
            }

            // Colour scale: low and high ends with five steps between.
            var sy = data.Bottom + (tickSize * 2.2f);
            var sw = Math.Min(220f, data.Width * 0.5f);
            var sx = _rtl ? data.Right - sw : data.Left;
            for (var i = 0; i < 5; i++)
            {
                // Low to high in reading direction: left to right, or right to left in Arabic.
                using var paint = new SKPaint { Color = Colors.Sk(Shade(min + ((max - min) * (_rtl ? 4 - i : i) / 4.0), min, max)) };
                rp.Canvas.DrawRect(sx + (i * sw / 5), sy, sw / 5, tickSize, paint);
            }
            var lowText = _fmt.Format(min, _data.MeasureFormat);
            var highText = _fmt.Format(max, _data.MeasureFormat);
            var (startText, endText) = _rtl ? (highText, lowText) : (lowText, highText);
            _painter.Draw(rp.Canvas, startText, tickSize, sx - 4, sy + (tickSize * 0.85f), TextAlign.Right, Colors.Sk(Theme.Muted));
            _painter.Draw(rp.Canvas, endText, tickSize, sx + sw + 4, sy + (tickSize * 0.85f), TextAlign.Left, Colors.Sk(Theme.Muted));
        });
    }

    /// <summary>
    /// A heatmap cell's colour: the lowest value takes a step into the scale, never its palest end, so a cell with a value
    /// never looks like a blank (unknown) one, which keeps the background and a grid-coloured outline.
    /// </summary>
    private string Shade(double value, double min, double max) =>
        Colors.Mix(Theme.Sequential[0], Theme.Sequential[1], 0.18 + (0.82 * (max > min ? (value - min) / (max - min) : 1)));

    private void Table()
    {
        BeginPlotArea();
        SetPadding(Margin, Margin, _plotTop, _h - _plotBottom);
        HideAxes();
        var header = new List<string> { _data.CategoryLabel };
        header.AddRange(_data.HasSeriesDimension ? _data.Series.Select(s => s.Label) : [_data.MeasureLabel]);
        if (_data.Line is not null)
        {
            header.Add(_data.LineLabel ?? "");
        }
        var rows = new List<List<string>>();
        for (var r = 0; r < _data.Categories.Count; r++)
        {
            var row = new List<string> { _data.Categories[r] };
            row.AddRange(_data.Series.Select(s => _fmt.Format(new ResultCell(s.Values[r], s.Statuses[r]), _data.MeasureFormat)));
            if (_data.Line is { } line)
            {
                row.Add(_fmt.Format(new ResultCell(line.Values[r], line.Statuses[r]), _data.LineFormat));
            }
            rows.Add(row);
        }
        var size = Theme.Sizes.Tick;
        var rowHeight = size * 1.9f;
        var capacity = Math.Max(1, (int)((_plotBottom - _plotTop) / rowHeight) - 1);

        // Rows that do not fit are never cut silently: the last line says how many are missing (the HTML report's
        // data table and the CSV have them all).
        var notShown = rows.Count > capacity ? rows.Count - capacity + 1 : 0;
        var shown = rows.Take(notShown > 0 ? capacity - 1 : capacity).ToList();
        var notShownText = notShown > 0
            ? Phrases.RowsNotShown.Format(notShown, _fmt)
            : null;
        _overlays.Add(rp =>
        {
            var canvas = rp.Canvas;
            var widths = header.Select((h, i) => Math.Max(_painter.Shaper.Shape(h, size, bold: true).Width, shown.Select(r => _painter.Shaper.Shape(r[i], size).Width).DefaultIfEmpty(0).Max()) + 24).ToArray();
            var scale = Math.Min(1, (_w - (2 * Margin)) / widths.Sum());
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] *= scale;
            }
            var y = _plotTop;
            using var stripe = new SKPaint { Color = Colors.Sk(Theme.Grid, 120) };
            using var rule = new SKPaint { Color = Colors.Sk(Theme.Muted), StrokeWidth = 1 };
            void Row(IReadOnlyList<string> cells, bool bold)
            {
                var x = _rtl ? _w - Margin : Margin;
                for (var i = 0; i < cells.Count; i++)
                {
                    var numeric = i > 0;
                    var cellStart = x;
                    var cellEnd = _rtl ? x - widths[i] : x + widths[i];
                    var line = _painter.Shaper.Wrap(cells[i], size, widths[i] - 12, maxLines: 1, bold: bold)[0];

                    // Text columns start at the reading start; numbers end at the column's far edge so digits line up.
                    var (anchor, align) = (numeric, _rtl) switch
                    {
                        (false, false) => (cellStart + 6, TextAlign.Left),
                        (false, true) => (cellStart - 6, TextAlign.Right),
                        (true, false) => (cellEnd - 6, TextAlign.Right),
                        (true, true) => (cellEnd + 6, TextAlign.Left),
                    };
                    _painter.Draw(canvas, line, anchor, y + (rowHeight * 0.65f), align, Colors.Sk(Theme.Foreground));
                    x = cellEnd;
                }
                y += rowHeight;
            }
            Row(header, bold: true);
            canvas.DrawLine(Margin, y, _w - Margin, y, rule);
            for (var r = 0; r < shown.Count; r++)
            {
                if (r % 2 == 1)
                {
                    canvas.DrawRect(Margin, y, _w - (2 * Margin), rowHeight, stripe);
                }
                Row(shown[r], bold: false);
            }
            if (notShownText is not null)
            {
                var anchor = _rtl ? _w - Margin - 6 : Margin + 6;
                _painter.Draw(canvas, notShownText, size, anchor, y + (rowHeight * 0.65f), _rtl ? TextAlign.Right : TextAlign.Left, Colors.Sk(Theme.Muted));
            }
        });
    }

    private void SmallMultiples()
    {
        var panels = _data.Series.Take(6).ToList();
        var n = _data.Categories.Count;
        var max = Math.Max(1, _data.Points().Select(p => p.Value).DefaultIfEmpty(0).Max());
        var gap = 1.0;
        double X(int panel, int i) => (panel * (n - 1 + gap + 1)) + i;
        var xMax = X(panels.Count - 1, n - 1) + 0.5;
        // Every panel labels its categories at the step that fits them flat (every year when there is room), so no
        // label turns into the neighbouring panel.
        var tickSize = Theme.Sizes.Tick;
        var perCategory = (_w - (2 * Margin) - 60) / (xMax + 0.5);
        var widest = _data.Categories.Max(c => _painter.Shaper.Shape(c, tickSize).Width) + 6;
        var step = Math.Max(1, (int)Math.Ceiling(widest / perCategory));
        var labels = new List<string>();
        var positions = new List<double>();
        for (var p = 0; p < panels.Count; p++)
        {
            for (var i = 0; i < n; i += step)
            {
                labels.Add(_data.Categories[i]);
                positions.Add(X(p, i));
            }
        }
        _plotTop += Theme.Sizes.Label * 2.8f;
        VerticalAxes(0, max * 1.1, _data.MeasureFormat, labels, xMin: -0.5, xMax: xMax, positionOf: i => positions[i], labelSpan: step);
        for (var p = 0; p < panels.Count; p++)
        {
            var series = panels[p];
            var colour = _req.Colors.Of(series.Key);
            foreach (var segment in Segments(series.Values))
            {
                var line = _plot.Add.ScatterLine(segment.Select(i => X(p, i)).ToArray(), segment.Select(i => series.Values[i]!.Value).ToArray(), Colors.Sp(colour));
                line.LineWidth = 2;
                line.MarkerSize = 5;
                line.MarkerShape = MarkerShape.FilledCircle;
            }
        }
        _overlays.Add(rp =>
        {
            using var separator = new SKPaint { Color = Colors.Sk(Theme.Grid), StrokeWidth = 1 };
            for (var p = 0; p < panels.Count; p++)
            {
                var x0 = _plot.Axes.Bottom.GetPixel(X(p, 0) - 0.5, rp.DataRect);
                var x1 = _plot.Axes.Bottom.GetPixel(X(p, n - 1) + 0.5, rp.DataRect);
                // Titles wrap to two lines over their panel rather than being cut ("برنامج بناء القدرات في…").
                var title = _painter.Shaper.Wrap(panels[p].Label, Theme.Sizes.Label, Math.Abs(x1 - x0) - 4, maxLines: 2, bold: true);
                var baseline = rp.DataRect.Top - 6 - ((title.Count - 1) * Theme.Sizes.Label * 1.2f);
                foreach (var line in title)
                {
                    _painter.Draw(rp.Canvas, line, (x0 + x1) / 2, baseline, TextAlign.Center, Colors.Sk(Theme.Foreground));
                    baseline += Theme.Sizes.Label * 1.2f;
                }
                if (p > 0)
                {
                    var xs = _plot.Axes.Bottom.GetPixel(X(p, 0) - ((gap + 1) / 2), rp.DataRect);
                    rp.Canvas.DrawLine(xs, rp.DataRect.Top, xs, rp.DataRect.Bottom, separator);
                }
            }
        });
    }
}
