using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>A card: the latest value large, its period, and the change from the previous category (percentage points for shares).</summary>
internal sealed class CardMark(ChartSurface chart) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        chart.BeginPlotArea();
        chart.SetPadding(ChartSurface.Margin, ChartSurface.Margin, chart.PlotTop, chart.Height - chart.PlotBottom);
        chart.HideAxes();
        var series = chart.Data.Series[0];
        var last = Array.FindLastIndex(series.Values, v => v.HasValue);
        var lastStatus = series.Statuses.Length > 0 ? series.Statuses[^1] : CellStatus.Unknown;
        var valueText = last >= 0 ? chart.Formatter.Format(series.Values[last]!.Value, chart.Data.MeasureFormat) : chart.Formatter.Format(new ResultCell(null, lastStatus), chart.Data.MeasureFormat);
        string? changeText = null;
        var changeColour = chart.Theme.Muted;
        if (last >= 1 && series.Values[last - 1] is { } previous)
        {
            var change = series.Values[last]!.Value - previous;

            // A change of a share is in percentage points; a count's change adds its relative change in percent.
            var absolute = chart.Data.MeasureFormat == ValueFormat.Percent ? chart.Formatter.PercentagePoints(change) : chart.Formatter.Format(change, ValueFormat.SignedInteger);
            var relative = previous != 0 && chart.Data.MeasureFormat != ValueFormat.Percent ? $" ({chart.Formatter.Format(change / previous, ValueFormat.SignedPercent)})" : "";
            changeText = $"{absolute}{relative} {Phrases.VersusPrevious.In(chart.Request.Language)} {chart.Data.Categories[last - 1]}";
            changeColour = chart.Formatter.IsNoChange(change, chart.Data.MeasureFormat) ? chart.Theme.Muted
                : change > 0 ? chart.Theme.Palette[2 % chart.Theme.Palette.Count] : chart.Theme.Palette[3 % chart.Theme.Palette.Count];
        }
        var period = last >= 0 ? chart.Data.Categories[last] : "";
        chart.Overlays.Add(rp =>
        {
            var cx = chart.Width / 2f;
            var cy = (chart.PlotTop + chart.PlotBottom) / 2;
            chart.DrawCentered(rp.Canvas, valueText, chart.Theme.Sizes.CardValue, cx, cy + (chart.Theme.Sizes.CardValue * 0.2f), chart.Theme.Foreground, bold: true);
            var y = cy + (chart.Theme.Sizes.CardValue * 0.2f) + (chart.Theme.Sizes.Subtitle * 1.6f);
            chart.DrawCentered(rp.Canvas, $"{chart.Data.MeasureLabel} · {period}", chart.Theme.Sizes.Subtitle, cx, y, chart.Theme.Muted);
            if (changeText is not null)
            {
                chart.DrawCentered(rp.Canvas, changeText, chart.Theme.Sizes.Subtitle, cx, y + (chart.Theme.Sizes.Subtitle * 1.5f), changeColour, bold: true);
            }
        });
    }
}
