using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Text;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>A table drawn as an image: header, striped rows, and a last line counting the rows that did not fit.</summary>
internal sealed class TableMark(ChartSurface chart) : IChartMark
{
    /// <inheritdoc/>
    public void Compose()
    {
        chart.BeginPlotArea();
        chart.SetPadding(ChartSurface.Margin, ChartSurface.Margin, chart.PlotTop, chart.Height - chart.PlotBottom);
        chart.HideAxes();
        var header = new List<string> { chart.Data.CategoryLabel };
        header.AddRange(chart.Data.HasSeriesDimension ? chart.Data.Series.Select(s => s.Label) : [chart.Data.MeasureLabel]);
        if (chart.Data.Line is not null)
        {
            header.Add(chart.Data.LineLabel ?? "");
        }
        var rows = new List<List<string>>();
        for (var r = 0; r < chart.Data.Categories.Count; r++)
        {
            var row = new List<string> { chart.Data.Categories[r] };
            row.AddRange(chart.Data.Series.Select(s => chart.Formatter.Format(new ResultCell(s.Values[r], s.Statuses[r]), chart.Data.MeasureFormat)));
            if (chart.Data.Line is { } line)
            {
                row.Add(chart.Formatter.Format(new ResultCell(line.Values[r], line.Statuses[r]), chart.Data.LineFormat));
            }
            rows.Add(row);
        }
        var size = chart.Theme.Sizes.Tick;
        var rowHeight = size * 1.9f;
        var capacity = Math.Max(1, (int)((chart.PlotBottom - chart.PlotTop) / rowHeight) - 1);

        // Rows that do not fit are never cut silently: the last line says how many are missing (the HTML report's
        // data table and the CSV have them all).
        var notShown = rows.Count > capacity ? rows.Count - capacity + 1 : 0;
        var shown = rows.Take(notShown > 0 ? capacity - 1 : capacity).ToList();
        var notShownText = notShown > 0
            ? Phrases.RowsNotShown.Format(notShown, chart.Formatter)
            : null;
        chart.Overlays.Add(rp =>
        {
            var canvas = rp.Canvas;
            var widths = header.Select((h, i) => Math.Max(chart.Painter.Shaper.Shape(h, size, bold: true).Width, shown.Select(r => chart.Painter.Shaper.Shape(r[i], size).Width).DefaultIfEmpty(0).Max()) + 24).ToArray();
            var scale = Math.Min(1, (chart.Width - (2 * ChartSurface.Margin)) / widths.Sum());
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] *= scale;
            }
            var y = chart.PlotTop;
            using var stripe = new SKPaint { Color = Colors.Sk(chart.Theme.Grid, 120) };
            using var rule = new SKPaint { Color = Colors.Sk(chart.Theme.Muted), StrokeWidth = 1 };
            void Row(IReadOnlyList<string> cells, bool bold)
            {
                var x = chart.Rtl ? chart.Width - ChartSurface.Margin : ChartSurface.Margin;
                for (var i = 0; i < cells.Count; i++)
                {
                    var numeric = i > 0;
                    var cellStart = x;
                    var cellEnd = chart.Rtl ? x - widths[i] : x + widths[i];
                    var line = chart.Painter.Shaper.Wrap(cells[i], size, widths[i] - 12, maxLines: 1, bold: bold)[0];

                    // Text columns start at the reading start; numbers end at the column's far edge so digits line up.
                    var (anchor, align) = (numeric, chart.Rtl) switch
                    {
                        (false, false) => (cellStart + 6, TextAlign.Left),
                        (false, true) => (cellStart - 6, TextAlign.Right),
                        (true, false) => (cellEnd - 6, TextAlign.Right),
                        (true, true) => (cellEnd + 6, TextAlign.Left),
                    };
                    chart.Painter.Draw(canvas, line, anchor, y + (rowHeight * 0.65f), align, Colors.Sk(chart.Theme.Foreground));
                    x = cellEnd;
                }
                y += rowHeight;
            }
            Row(header, bold: true);
            canvas.DrawLine(ChartSurface.Margin, y, chart.Width - ChartSurface.Margin, y, rule);
            for (var r = 0; r < shown.Count; r++)
            {
                if (r % 2 == 1)
                {
                    canvas.DrawRect(ChartSurface.Margin, y, chart.Width - (2 * ChartSurface.Margin), rowHeight, stripe);
                }
                Row(shown[r], bold: false);
            }
            if (notShownText is not null)
            {
                var anchor = chart.Rtl ? chart.Width - ChartSurface.Margin - 6 : ChartSurface.Margin + 6;
                chart.Painter.Draw(canvas, notShownText, size, anchor, y + (rowHeight * 0.65f), chart.Rtl ? TextAlign.Right : TextAlign.Left, Colors.Sk(chart.Theme.Muted));
            }
        });
    }
}
