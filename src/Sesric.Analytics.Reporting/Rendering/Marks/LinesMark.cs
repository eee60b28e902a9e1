using System.Globalization;

using ScottPlot;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Text;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>Lines or areas over the categories (spaced by time when they are years), with the forecast band and an expected range when given.</summary>
internal sealed class LinesMark(ChartSurface chart) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        chart.LegendForSeries();
        var n = chart.Data.Categories.Count;
        var band = chart.Visual.Forecast ? chart.Request.Forecast : null;
        var forecastYears = band?.Points.Select(p => int.TryParse(p.Category, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : (int?)null).ToArray() ?? [];
        var time = TimeAxis.Of(chart.Data, forecastYears.OfType<int>(), chart.Request.EditionYears);
        if (time is null || forecastYears.Any(y => y is null))
        {
            time = null;
        }
        double X(int i) => time?.Positions[i] ?? i;
        double ForecastX(int i) => time is null ? n + i : forecastYears[i]!.Value;
        if (band is not null)
        {
            // The legend names both what is measured and what the band is.
            if (!chart.Data.HasSeriesDimension && chart.Data.Series.Count >= 1)
            {
                chart.AddLegend(chart.Data.Series[0].Label, chart.ColorOf(chart.Data.Series[0], 0), isLine: true);
            }
            chart.AddLegend(ForecastLegend(band), chart.Theme.Forecast, isLine: !band.DrawsBand);
        }
        var all = chart.Data.Points().Select(p => p.Value).ToList();
        if (band is not null)
        {
            all.AddRange(band.Points.Select(p => band.DrawsOuter ? p.OuterUpper!.Value : p.Upper));
        }
        var range = chart.Visual.Mark == MarkKind.Line ? chart.Request.Expected : null;
        if (range is not null)
        {
            all.AddRange(range.Points.Select(p => range.DrawsOuter ? p.OuterUpper!.Value : p.Upper));
            // The legend names both lines: what is measured and what is expected.
            if (band is null && !chart.Data.HasSeriesDimension && chart.Data.Series.Count >= 1)
            {
                chart.AddLegend(chart.Data.Series[0].Label, chart.ColorOf(chart.Data.Series[0], 0), isLine: true);
            }
            chart.AddLegend(range.Label.In(chart.Request.Language), chart.Theme.Forecast, isLine: true);
        }
        var (lowest, highest) = chart.Domain(all);
        if (time is not null)
        {
            var tickLabels = time.Ticks.Select(t => chart.Formatter.Format((double)t, ValueFormat.Year)).ToList();
            CategoryAxes.Vertical(chart, lowest, highest, chart.Data.MeasureFormat, tickLabels, xMin: time.Ticks[0] - (time.Cadence * 0.5), xMax: time.Ticks[^1] + (time.Cadence * 0.5), positionOf: i => time.Ticks[i], labelSpan: time.Cadence);
        }
        else
        {
            var labels = chart.Data.Categories.ToList();
            if (band is not null)
            {
                labels.AddRange(band.Points.Select(p => p.Category));
            }
            CategoryAxes.Vertical(chart, lowest, highest, chart.Data.MeasureFormat, labels);
        }
        var pointLabels = new List<(double Position, double Value, string Text)>();
        if (range is not null)
        {
            ExpectedRangeMarks(range, X);
        }
        for (var s = 0; s < chart.Data.Series.Count; s++)
        {
            var series = chart.Data.Series[s];
            var colour = chart.ColorOf(series, s);
            foreach (var segment in LineSegments.Of(series.Values, time))
            {
                var xs = segment.Select(X).ToArray();
                var ys = segment.Select(i => series.Values[i]!.Value).ToArray();
                if (chart.Visual.Mark == MarkKind.Area)
                {
                    var fill = chart.Plot.Add.FillY(xs, ys, new double[ys.Length]);
                    fill.FillColor = Colors.Sp(colour, chart.Data.Series.Count > 1 ? 0.25 : 0.35);
                    fill.LineWidth = 0;
                }
                var line = chart.Plot.Add.ScatterLine(xs, ys, Colors.Sp(colour));
                line.LineWidth = 2.5f;
                line.MarkerSize = 7;
                line.MarkerShape = MarkerShape.FilledCircle;
                line.MarkerColor = Colors.Sp(colour);
            }
            if (chart.Data.Series.Count == 1 && n <= 12)
            {
                for (var i = 0; i < n; i++)
                {
                    if (series.Values[i] is { } v)
                    {
                        pointLabels.Add((X(i), v, chart.Formatter.Format(v, chart.Data.MeasureFormat)));
                    }
                }
            }
        }
        if (band is not null && chart.Data.Series.Count >= 1)
        {
            var series = chart.Data.Series[0];
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
                pointLabels.Add((ForecastX(i), p.Value, chart.Formatter.Format(p.Value, chart.Data.MeasureFormat)));
            }
            if (band.DrawsOuter)
            {
                // The wider interval first, lighter, so the inner band reads as the likelier range.
                var outer = chart.Plot.Add.FillY(xs.ToArray(), outerLo.ToArray(), outerHi.ToArray());
                outer.FillColor = Colors.Sp(chart.Theme.Forecast, 0.10);
                outer.LineWidth = 0;
            }
            if (band.DrawsBand)
            {
                var fill = chart.Plot.Add.FillY(xs.ToArray(), lo.ToArray(), hi.ToArray());
                fill.FillColor = Colors.Sp(chart.Theme.Forecast, 0.22);
                fill.LineWidth = 0;
            }
            var line = chart.Plot.Add.ScatterLine(xs.ToArray(), mid.ToArray(), Colors.Sp(chart.Theme.Forecast));
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.MarkerShape = MarkerShape.OpenCircle;
        }
        chart.Overlays.Add(rp =>
        {
            var size = chart.Theme.Sizes.Tick;
            foreach (var (position, value, text) in pointLabels)
            {
                var x = chart.Plot.Axes.Bottom.GetPixel(position, rp.DataRect);
                var y = chart.Plot.Axes.Left.GetPixel(value, rp.DataRect) - 9;
                var line = chart.Painter.Shaper.Shape(text, size);
                ValueLabels.Halo(chart, rp.Canvas, line, x, y, TextAlign.Center);
                chart.Painter.Draw(rp.Canvas, line, x, y, TextAlign.Center, Colors.Sk(chart.Theme.Foreground));
            }
        });
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
        var points = chart.Data.CategoryKeys.Select(k => byCategory.GetValueOrDefault(k)).ToArray();
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
                var outer = chart.Plot.Add.FillY(xs, run.Select(i => points[i]!.OuterLower!.Value).ToArray(), run.Select(i => points[i]!.OuterUpper!.Value).ToArray());
                outer.FillColor = Colors.Sp(chart.Theme.Forecast, 0.10);
                outer.LineWidth = 0;
            }
            var inner = chart.Plot.Add.FillY(xs, run.Select(i => points[i]!.Lower).ToArray(), run.Select(i => points[i]!.Upper).ToArray());
            inner.FillColor = Colors.Sp(chart.Theme.Forecast, 0.22);
            inner.LineWidth = 0;
            var expected = chart.Plot.Add.ScatterLine(xs, run.Select(i => points[i]!.Value).ToArray(), Colors.Sp(chart.Theme.Forecast));
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

    /// <summary>"Forecast, 80% interval" (or without an interval when none is drawn): the band's legend entry.</summary>
    private string ForecastLegend(ForecastBand band)
    {
        var forecast = Phrases.Forecast.In(chart.Request.Language);
        if (!band.DrawsBand)
        {
            return forecast;
        }
        var levels = chart.Formatter.Format(band.Level, ValueFormat.Percent) + (band.DrawsOuter ? " / " + chart.Formatter.Format(band.OuterLevel!.Value, ValueFormat.Percent) : "");
        return $"{forecast}, {levels} {Phrases.Interval.In(chart.Request.Language)}";
    }
}
