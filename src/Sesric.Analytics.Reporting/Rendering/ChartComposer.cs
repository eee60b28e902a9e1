using ScottPlot;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Text;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>
/// Turns one visual and its data into a chart: ScottPlot draws the marks and grid in a fixed data area;
/// every text (titles, ticks, legends, labels, captions) is laid out and drawn by this library's shaper,
/// so Arabic is joined, ordered right to left with numbers intact, and centred on its shaped width.
/// </summary>
/// <remarks>Layout: header (title, subtitle, filter caption), legend, plot, footer (note, source and
/// provenance). For Arabic the category axis runs right to left and value labels sit on the right.</remarks>
internal sealed partial class ChartComposer
{
    private const float Margin = 16;
    private readonly ChartRequest _req;
    private readonly ChartData _data;
    private readonly ValueFormatter _fmt;
    private readonly TextPainter _painter;
    private readonly bool _rtl;
    private readonly int _w;
    private readonly int _h;
    private readonly Plot _plot = new();
    private readonly List<Action<RenderPack>> _overlays = [];
    private readonly List<(string Label, string Color, bool IsLine)> _legend = [];
    private float _plotTop;
    private float _plotBottom;
    private IReadOnlyList<ShapedLine> _titleLines = [];
    private IReadOnlyList<ShapedLine> _subtitleLines = [];
    private IReadOnlyList<ShapedLine> _captionLines = [];
    private IReadOnlyList<ShapedLine> _footerLines = [];

    private ChartComposer(ChartRequest req)
    {
        _req = req;
        _rtl = req.Language == Language.Arabic;
        _fmt = new ValueFormatter(req.Language, req.Theme.Formats);
        var fonts = FontSet.For(req.Theme.FontFamily, req.Theme.FallbackFonts);
        _painter = new TextPainter(new TextShaper(fonts, _rtl));
        _w = req.Visual.Width;
        _h = req.Visual.Height;
        _data = ChartData.From(req.Visual, req.Table, req.Language, _fmt, req.Labels, req.Totals);
    }

    private Theming.Theme Theme => _req.Theme;

    private Visual Visual => _req.Visual;

    private (string Title, string Description) _altText;

    /// <summary>Renders the chart to PNG or SVG.</summary>
    public static RenderedChart Render(ChartRequest req, ChartFormat format) => Compose(req).Export(format);

    /// <summary>
    /// Lays the chart out once (data, text shaping, marks, overlays) so that it can be exported to several formats:
    /// a report writes every chart as SVG and PNG, and composing twice cost as much as both exports.
    /// </summary>
    public static ChartComposer Compose(ChartRequest req)
    {
        var composer = new ChartComposer(req);
        composer.Run();
        return composer;
    }

    private void Run()
    {
        LayoutFrame();
        ConfigurePlot();
        if (_data.IsEmpty)
        {
            HideAxes();
            _overlays.Add(rp => DrawCentered(rp.Canvas, Phrases.NoData.In(_req.Language), Theme.Sizes.Label, _w / 2f, (_plotTop + _plotBottom) / 2, Theme.Muted));
        }
        else
        {
            switch (Visual.Mark)
            {
                case MarkKind.Card: Card(); break;
                case MarkKind.Column or MarkKind.StackedColumn or MarkKind.PercentColumn: Bars(horizontal: false); break;
                case MarkKind.Bar or MarkKind.StackedBar or MarkKind.PercentBar: Bars(horizontal: true); break;
                case MarkKind.Line or MarkKind.Area: Lines(); break;
                case MarkKind.Combo: Combo(); break;
                case MarkKind.Donut: Donut(); break;
                case MarkKind.Heatmap: Heatmap(); break;
                case MarkKind.Table: Table(); break;
                case MarkKind.Waterfall: Waterfall(); break;
                case MarkKind.SmallMultiples: SmallMultiples(); break;
            }
        }
        _plot.RenderManager.RenderActions.Add(new OverlayAction(DrawFrameTexts));
        foreach (var overlay in _overlays)
        {
            _plot.RenderManager.RenderActions.Add(new OverlayAction(overlay));
        }
        _altText = AltText.Describe(Visual, _data, Title(), Captions.FilterCaption(_req.Filters, _req.Language, ReportVocabulary.Default, _req.Labels), _req.Language, _fmt);
    }

    /// <summary>
    /// Draws the composed chart as PNG or SVG. Each export draws the figure afresh (the overlays run again and the painter
    /// starts from nothing), so exporting the same composition twice gives what two separate renders give.
    /// </summary>
    public RenderedChart Export(ChartFormat format)
    {
        var (altTitle, altDescription) = _altText;
        _painter.Outlines = format == ChartFormat.Svg;
        if (format == ChartFormat.Png)
        {
            var png = _plot.GetImageBytes(_w, _h, ImageFormat.Png);
            return new RenderedChart(png, null, altTitle, altDescription, [.. _painter.Drawn], _data.CategoryKeys);
        }
        var svg = _plot.GetSvgXml(_w, _h);
        var drawn = _painter.Drawn.ToList();
        return new RenderedChart(null, SvgDocument.Finish(svg, _w, _h, altTitle, altDescription, drawn, Theme.FontFamily, _req.IdPrefix), altTitle, altDescription, drawn, _data.CategoryKeys);
    }

    private string Title() => (Visual.Title ?? Measure().Label).In(_req.Language);

    // A measure outside the built-in model (a model file's) is described by its result column, which carries its label and format.
    private ReportVocabulary.MeasureTerm Measure()
    {
        if (ReportVocabulary.Default.TryGetMeasure(Visual.Measure, out var term))
        {
            return term;
        }
        var column = _req.Table.Columns[_req.Table.IndexOf(Visual.Measure)];
        return new ReportVocabulary.MeasureTerm(column.Label, column.Format);
    }

    // ---- frame: header, footer ------------------------------------------------------------------------

    private void LayoutFrame()
    {
        var shaper = _painter.Shaper;
        var width = _w - (2 * Margin);
        _titleLines = shaper.Wrap(Title(), Theme.Sizes.Title, width, maxLines: 2, bold: true);
        _subtitleLines = Visual.Subtitle is { } sub ? shaper.Wrap(sub.In(_req.Language), Theme.Sizes.Subtitle, width, maxLines: 2) : [];
        var caption = Captions.FilterCaption(_req.Filters, _req.Language, ReportVocabulary.Default, _req.Labels);
        _captionLines = caption is null ? [] : shaper.Wrap(caption, Theme.Sizes.Source, width, maxLines: 2);
        var footer = new List<ShapedLine>();
        if (Visual.Note is { } note)
        {
            footer.AddRange(shaper.Wrap(note.In(_req.Language), Theme.Sizes.Source, width, maxLines: 2));
        }
        if (_req.Forecast is { } band && Visual.Forecast && Visual.Mark is MarkKind.Line or MarkKind.Area)
        {
            footer.AddRange(shaper.Wrap(ForecastNote(band), Theme.Sizes.Source, width, maxLines: 2));
        }
        if (Visual.Mark is MarkKind.Line or MarkKind.Area or MarkKind.Combo or MarkKind.Column && TimeAxis.Of(_data, null, _req.EditionYears) is { Missing.Count: > 0 } time)
        {
            // Gaps on a time axis are editions with unknown figures: name them, so a break in the line is not a mystery.
            var years = Punctuation.JoinList(time.Missing.Select(y => _fmt.Format((double)y, ValueFormat.Year)), _req.Language);
            footer.AddRange(shaper.Wrap($"{Phrases.NoFiguresFor.In(_req.Language)} {years}.", Theme.Sizes.Source, width, maxLines: 1));
        }
        if (Visual.Mark == MarkKind.Heatmap && _data.SuppressedShown > 0)
        {
            // The heatmap marks a suppressed cell with a dot; say so where the reader looks for the key.
            footer.AddRange(shaper.Wrap($"• {Phrases.Suppressed.In(_req.Language)}", Theme.Sizes.Source, width, maxLines: 1));
        }
        footer.AddRange(shaper.Wrap(Captions.SourceLine(_req.Source, _req.Table.Metadata, _req.Language, _fmt, _data.SuppressedShown), Theme.Sizes.Source, width, maxLines: 2));
        _footerLines = footer;

        _plotTop = Margin + _titleLines.Sum(l => l.Size * 1.25f) + _subtitleLines.Sum(l => l.Size * 1.3f) + _captionLines.Sum(l => l.Size * 1.35f) + 10;
        _plotBottom = _h - Margin - _footerLines.Sum(l => l.Size * 1.35f) - 6;
    }

    /// <summary>"Forecast: simple exponential smoothing; no interval shown: … (3)": what the model is and what its band rests on.</summary>
    private string ForecastNote(ForecastBand band)
    {
        var note = Punctuation.Labelled(Phrases.Forecast.In(_req.Language), Phrases.ModelName(band.Method).In(_req.Language), _req.Language);
        if (band.TooFewPoints is { } n)
        {
            note += Punctuation.Semicolon(_req.Language) + $"{Phrases.TooFewErrors.In(_req.Language)} ({_fmt.Format((double)n, ValueFormat.Integer)})";
        }
        else if (band.DrawsBand)
        {
            var levels = _fmt.Format(band.Level, ValueFormat.Percent) + (band.DrawsOuter ? " / " + _fmt.Format(band.OuterLevel!.Value, ValueFormat.Percent) : "");
            note += Punctuation.Semicolon(_req.Language) + $"{levels} {Phrases.Interval.In(_req.Language)}";
        }
        if (band.AsOfYear is { } year)
        {
            note += Punctuation.Semicolon(_req.Language) + $"{Phrases.TrainedUpTo.In(_req.Language)} {_fmt.Format((double)year, ValueFormat.Year)}";
        }
        return note;
    }

    private void DrawFrameTexts(RenderPack rp)
    {
        _painter.Reset();
        var canvas = rp.Canvas;
        var y = Margin;
        var x = _rtl ? _w - Margin : Margin;
        var align = _rtl ? TextAlign.Right : TextAlign.Left;
        foreach (var line in _titleLines)
        {
            y += line.Size;
            _painter.Draw(canvas, line, x, y, align, Colors.Sk(Theme.Foreground));
            y += line.Size * 0.25f;
        }
        foreach (var line in _subtitleLines)
        {
            y += line.Size * 1.05f;
            _painter.Draw(canvas, line, x, y, align, Colors.Sk(Theme.Muted));
            y += line.Size * 0.25f;
        }
        foreach (var line in _captionLines)
        {
            y += line.Size * 1.1f;
            _painter.Draw(canvas, line, x, y, align, Colors.Sk(Theme.Muted));
            y += line.Size * 0.25f;
        }
        var fy = _h - Margin - _footerLines.Sum(l => l.Size * 1.35f);
        foreach (var line in _footerLines)
        {
            fy += line.Size * 1.1f;
            _painter.Draw(canvas, line, x, fy, align, Colors.Sk(Theme.Muted));
            fy += line.Size * 0.25f;
        }
        DrawLegend(canvas);
    }

    /// <summary>Reserves legend rows under the header and returns their height.</summary>
    private float ReserveLegend()
    {
        if (_legend.Count == 0)
        {
            return 0;
        }
        var rows = LegendRows();
        var height = rows.Count * (Theme.Sizes.Label * 1.6f);
        _plotTop += height;
        return height;
    }

    private List<List<(string Label, string Color, bool IsLine, ShapedLine Text)>> LegendRows()
    {
        var rows = new List<List<(string, string, bool, ShapedLine)>> { new() };
        var used = 0f;
        foreach (var (label, color, isLine) in _legend)
        {
            var text = _painter.Shaper.Shape(label, Theme.Sizes.Label);
            var itemWidth = 18 + text.Width + 18;
            if (used + itemWidth > _w - (2 * Margin) && rows[^1].Count > 0)
            {
                rows.Add([]);
                used = 0;
            }
            rows[^1].Add((label, color, isLine, text));
            used += itemWidth;
        }
        return rows;
    }

    private float _legendTop;

    private void DrawLegend(SKCanvas canvas)
    {
        if (_legend.Count == 0)
        {
            return;
        }
        var rowHeight = Theme.Sizes.Label * 1.6f;
        var y = _legendTop;
        foreach (var row in LegendRows())
        {
            var x = _rtl ? _w - Margin : Margin;
            foreach (var (_, color, isLine, text) in row)
            {
                using var paint = new SKPaint { Color = Colors.Sk(color), IsAntialias = true, StrokeWidth = 3 };
                var swatchLeft = _rtl ? x - 12 : x;
                var mid = y + (rowHeight / 2);
                if (isLine)
                {
                    canvas.DrawLine(swatchLeft, mid, swatchLeft + 12, mid, paint);
                }
                else
                {
                    canvas.DrawRect(swatchLeft, mid - 6, 12, 12, paint);
                }
                var textX = _rtl ? x - 18 : x + 18;
                _painter.Draw(canvas, text, textX, mid + (Theme.Sizes.Label * 0.36f), _rtl ? TextAlign.Right : TextAlign.Left, Colors.Sk(Theme.Foreground));
                var advance = 18 + text.Width + 18;
                x += _rtl ? -advance : advance;
            }
            y += rowHeight;
        }
    }

    private void AddLegend(string label, string color, bool isLine = false) => _legend.Add((label, color, isLine));

    private void BeginPlotArea()
    {
        _legendTop = _plotTop - 4;
        ReserveLegend();
    }

    // ---- ScottPlot set-up -----------------------------------------------------------------------------

    private void ConfigurePlot()
    {
        _plot.FigureBackground.Color = Colors.Sp(Theme.Background);
        _plot.DataBackground.Color = Colors.Sp(Theme.Background);
        _plot.Grid.MajorLineColor = Colors.Sp(Theme.Grid);
        _plot.Grid.MinorLineWidth = 0;
        foreach (var axis in new IAxis[] { _plot.Axes.Bottom, _plot.Axes.Left, _plot.Axes.Right, _plot.Axes.Top })
        {
            axis.TickLabelStyle.IsVisible = false;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
            axis.FrameLineStyle.Width = 0;
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        }
    }

    private void HideAxes()
    {
        _plot.Grid.MajorLineWidth = 0;
    }

    private void SetPadding(float left, float right, float top, float bottom) =>
        _plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));

    private static void SetTicks(IAxis axis, IEnumerable<double> positions)
    {
        var manual = new ScottPlot.TickGenerators.NumericManual();
        foreach (var p in positions)
        {
            manual.AddMajor(p, "");
        }
        axis.TickGenerator = manual;
    }

    private void DrawCentered(SKCanvas canvas, string text, float size, float x, float baseline, string color, bool bold = false) =>
        _painter.Draw(canvas, text, size, x, baseline, TextAlign.Center, Colors.Sk(color), bold);

    private string ColorOf(SeriesData s, int index) =>
        _data.HasSeriesDimension || _data.Series.Count > 1 ? _req.Colors.Of(s.Key) : Theme.Palette[0];
}
