using ScottPlot;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>A waterfall: the first known level, each change up or down, and the closing level labelled as the level it is.</summary>
internal sealed class WaterfallMark(ChartSurface chart) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        var values = chart.Data.Series[0].Values;
        var statuses = chart.Data.Series[0].Statuses;
        var up = chart.Theme.Palette[2 % chart.Theme.Palette.Count];
        var down = chart.Theme.Palette[3 % chart.Theme.Palette.Count];
        var total = chart.Theme.Palette[0];
        var labels = chart.Data.Categories.ToList();
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
                texts.Add((i, level ?? 0, statuses[i] == CellStatus.Suppressed ? Phrases.Suppressed.In(chart.Request.Language) : Phrases.Unknown.In(chart.Request.Language), true));
                continue;
            }
            var from = level ?? 0;
            var change = v - from;
            var colour = level is null ? total : change >= 0 ? up : down;
            bars.Add(new Bar { Position = i, ValueBase = from, Value = v, Size = 0.6, FillColor = Colors.Sp(colour), LineWidth = 0 });
            texts.Add((i, Math.Max(from, v), level is null ? chart.Formatter.Format(v, chart.Data.MeasureFormat) : chart.Formatter.Format(change, ValueFormat.SignedInteger), false));
            level = v;
            lastKnown = i;
            top = Math.Max(top, v);
        }
        if (level is { } end && lastKnown >= 0)
        {
            // The closing bar is the level at the last known category, and is labelled as that: "2022 level", not "Total".
            labels.Add($"{chart.Data.Categories[lastKnown]} ({Phrases.Level.In(chart.Request.Language)})");
            bars.Add(new Bar { Position = values.Length, ValueBase = 0, Value = end, Size = 0.6, FillColor = Colors.Sp(total), LineWidth = 0 });
            texts.Add((values.Length, end, chart.Formatter.Format(end, chart.Data.MeasureFormat), false));
        }
        CategoryAxes.Vertical(chart, 0, top * 1.08, chart.Data.MeasureFormat, labels);
        chart.Plot.Add.Bars(bars);
        chart.Overlays.Add(rp => ValueLabels.Draw(chart, rp, texts, horizontal: false));
    }
}
