using ScottPlot;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Text;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>
/// What a mark draws on: the request and its data, the ScottPlot plot with a fixed data area, the text painter, the
/// overlays drawn after ScottPlot's marks, the legend entries, and the plot area left between header and footer.
/// </summary>
/// <remarks>Made for one chart and one thread; the composer lays out the frame, a mark fills the plot area.</remarks>
internal sealed class ChartSurface
{
    /// <summary>The space around the chart, in pixels.</summary>
    public const float Margin = 16;

    public ChartSurface(ChartRequest request)
    {
        Request = request;
        Rtl = request.Language == Language.Arabic;
        Formatter = new ValueFormatter(request.Language, request.Theme.Formats);
        var fonts = FontSet.For(request.Theme.FontFamily, request.Theme.FallbackFonts);
        Painter = new TextPainter(new TextShaper(fonts, Rtl));
        Width = request.Visual.Width;
        Height = request.Visual.Height;
        Data = ChartData.From(request.Visual, request.Table, request.Language, Formatter, request.Labels, request.Totals);
    }

    public ChartRequest Request { get; }

    public ChartData Data { get; }

    public ValueFormatter Formatter { get; }

    public TextPainter Painter { get; }

    /// <summary>Arabic: the category axis runs right to left and value labels sit on the right.</summary>
    public bool Rtl { get; }

    public int Width { get; }

    public int Height { get; }

    public Plot Plot { get; } = new();

    /// <summary>Drawing done after ScottPlot's marks, in order, with the data area known.</summary>
    public List<Action<RenderPack>> Overlays { get; } = [];

    public List<(string Label, string Color, bool IsLine)> Legend { get; } = [];

    public float PlotTop { get; set; }

    public float PlotBottom { get; set; }

    /// <summary>Where the legend rows start: just under the header, fixed when the plot area begins.</summary>
    public float LegendTop { get; private set; }

    public Theming.Theme Theme => Request.Theme;

    public Visual Visual => Request.Visual;

    public void AddLegend(string label, string color, bool isLine = false) => Legend.Add((label, color, isLine));

    /// <summary>A legend entry per series when the visual splits by a series dimension.</summary>
    public void LegendForSeries()
    {
        if (Data.HasSeriesDimension)
        {
            for (var s = 0; s < Data.Series.Count; s++)
            {
                AddLegend(Data.Series[s].Label, ColorOf(Data.Series[s], s));
            }
        }
    }

    /// <summary>Starts the plot area: the legend entries added so far get their rows under the header.</summary>
    public void BeginPlotArea()
    {
        LegendTop = PlotTop - 4;
        if (Legend.Count > 0)
        {
            PlotTop += LegendRows().Count * (Theme.Sizes.Label * 1.6f);
        }
    }

    /// <summary>The legend entries shaped and broken into rows that fit the width.</summary>
    public List<List<(string Label, string Color, bool IsLine, ShapedLine Text)>> LegendRows()
    {
        var rows = new List<List<(string, string, bool, ShapedLine)>> { new() };
        var used = 0f;
        foreach (var (label, color, isLine) in Legend)
        {
            var text = Painter.Shaper.Shape(label, Theme.Sizes.Label);
            var itemWidth = 18 + text.Width + 18;
            if (used + itemWidth > Width - (2 * Margin) && rows[^1].Count > 0)
            {
                rows.Add([]);
                used = 0;
            }
            rows[^1].Add((label, color, isLine, text));
            used += itemWidth;
        }
        return rows;
    }

    public void SetPadding(float left, float right, float top, float bottom) =>
        Plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));

    public void HideAxes() => Plot.Grid.MajorLineWidth = 0;

    public static void SetTicks(IAxis axis, IEnumerable<double> positions)
    {
        var manual = new ScottPlot.TickGenerators.NumericManual();
        foreach (var p in positions)
        {
            manual.AddMajor(p, "");
        }
        axis.TickGenerator = manual;
    }

    public void DrawCentered(SkiaSharp.SKCanvas canvas, string text, float size, float x, float baseline, string color, bool bold = false) =>
        Painter.Draw(canvas, text, size, x, baseline, TextAlign.Center, Colors.Sk(color), bold);

    public string ColorOf(SeriesData s, int index) =>
        Data.HasSeriesDimension || Data.Series.Count > 1 ? Request.Colors.Of(s.Key) : Theme.Palette[0];

    /// <summary>
    /// The value axis's range: from 0 (or the lowest value when negative) to a little above the highest, but never past
    /// the measure's domain: a share (percent format) cannot pass 100 %, so its axis stops there.
    /// </summary>
    public (double Low, double High) Domain(IEnumerable<double> values)
    {
        var list = values.DefaultIfEmpty(0).ToList();
        var low = Math.Min(0, list.Min());
        if (Data.MeasureFormat == ValueFormat.Percent)
        {
            return (low, Math.Min(1, Math.Max(0.01, list.Max() * 1.08)));
        }
        return (low, Math.Max(1, list.Max()) * 1.08);
    }
}
