using ScottPlot;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Text;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>A donut of shares of the engine's total, the total in its centre; withheld groups are named, never given a 0 % share.</summary>
internal sealed class DonutMark(ChartSurface chart) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        var series = chart.Data.Series[0];
        var shown = series.Values.Sum(v => v ?? 0);
        var withheld = series.Statuses.Count(st => st != CellStatus.Ok);

        // The whole is the engine's total cell (it counts withheld groups too); without one, the shown groups' sum,
        // and the centre says so. Shares are of that whole, so a withheld group never takes a 0 % share.
        var engineTotal = chart.Data.GrandTotal is { Status: CellStatus.Ok } cell ? cell.AsDouble() : null;
        var whole = engineTotal ?? shown;
        var slices = new List<PieSlice>();
        var withheldText = Phrases.Suppressed.In(chart.Request.Language);
        for (var c = 0; c < chart.Data.Categories.Count; c++)
        {
            var colour = chart.Request.Colors.Of(chart.Data.CategoryKeys[c]);
            if (series.Values[c] is not { } value)
            {
                var status = series.Statuses[c] == CellStatus.Suppressed ? withheldText : Phrases.Unknown.In(chart.Request.Language);
                chart.AddLegend($"{chart.Data.Categories[c]}: {status}", chart.Theme.Grid);
                continue;
            }
            slices.Add(new PieSlice { Value = value, FillColor = Colors.Sp(colour) });
            var share = whole > 0 ? value / whole : 0;
            chart.AddLegend(Punctuation.Labelled(chart.Data.Categories[c], $"{chart.Formatter.Format(value, chart.Data.MeasureFormat)} ({chart.Formatter.Format(share, ValueFormat.Percent)})", chart.Request.Language), colour);
        }
        if (engineTotal is { } t && withheld > 0 && t > shown)
        {
            // What the withheld groups hold together, in the withheld style and unnumbered, so the ring shows true shares.
            slices.Add(new PieSlice { Value = t - shown, FillColor = Colors.Sp(chart.Theme.Grid) });
        }
        chart.BeginPlotArea();
        chart.SetPadding(ChartSurface.Margin, ChartSurface.Margin, chart.PlotTop, chart.Height - chart.PlotBottom);
        var pie = chart.Plot.Add.Pie(slices);
        pie.DonutFraction = 0.55;
        pie.LineWidth = 0;
        pie.SliceLabelDistance = 0;
        var dataWidth = chart.Width - (2 * ChartSurface.Margin);
        var dataHeight = chart.PlotBottom - chart.PlotTop;
        var aspect = dataWidth / dataHeight;
        chart.Plot.Axes.SetLimits(-1.1 * aspect, 1.1 * aspect, -1.1, 1.1);
        chart.HideAxes();
        var centreLabel = engineTotal is null && withheld > 0 ? $"{chart.Data.MeasureLabel} ({Phrases.TotalOfShown.In(chart.Request.Language)})" : chart.Data.MeasureLabel;
        var centreValue = chart.Data.GrandTotal is { Status: not CellStatus.Ok } hidden ? chart.Formatter.Format(hidden, chart.Data.MeasureFormat) : chart.Formatter.Format(whole, chart.Data.MeasureFormat);
        chart.Overlays.Add(rp =>
        {
            var cx = (rp.DataRect.Left + rp.DataRect.Right) / 2;
            var cy = (rp.DataRect.Top + rp.DataRect.Bottom) / 2;
            var ring = Math.Min(rp.DataRect.Width, rp.DataRect.Height) * 0.5f * 0.55f * 2 / 1.1f;
            chart.DrawCentered(rp.Canvas, centreValue, chart.Theme.Sizes.Title, cx, cy + (chart.Theme.Sizes.Title * 0.3f), chart.Theme.Foreground, bold: true);
            var label = chart.Painter.Shaper.Wrap(centreLabel, chart.Theme.Sizes.Tick, Math.Max(40, ring - 8), maxLines: 2);
            var y = cy + (chart.Theme.Sizes.Title * 0.3f) + (chart.Theme.Sizes.Tick * 1.4f);
            foreach (var line in label)
            {
                chart.Painter.Draw(rp.Canvas, line, cx, y, TextAlign.Center, Colors.Sk(chart.Theme.Muted));
                y += chart.Theme.Sizes.Tick * 1.2f;
            }
        });
    }
}
