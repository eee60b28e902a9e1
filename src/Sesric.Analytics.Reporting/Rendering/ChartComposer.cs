using ScottPlot;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Rendering.Marks;
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
internal sealed class ChartComposer
{
    private const float Margin = ChartSurface.Margin;
    private readonly ChartSurface _chart;
    private IReadOnlyList<ShapedLine> _titleLines = [];
    private IReadOnlyList<ShapedLine> _subtitleLines = [];
    private IReadOnlyList<ShapedLine> _captionLines = [];
    private IReadOnlyList<ShapedLine> _footerLines = [];

    private ChartComposer(ChartRequest req)
    {
        _chart = new ChartSurface(req);
    }

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
        if (_chart.Data.IsEmpty)
        {
            _chart.HideAxes();
            _chart.Overlays.Add(rp => _chart.DrawCentered(rp.Canvas, Phrases.NoData.In(_chart.Request.Language), _chart.Theme.Sizes.Label, _chart.Width / 2f, (_chart.PlotTop + _chart.PlotBottom) / 2, _chart.Theme.Muted));
        }
        else
        {
            ChartMarks.For(_chart).Compose();
        }
        _chart.Plot.RenderManager.RenderActions.Add(new OverlayAction(DrawFrameTexts));
        foreach (var overlay in _chart.Overlays)
        {
            _chart.Plot.RenderManager.RenderActions.Add(new OverlayAction(overlay));
        }
        _altText = AltText.Describe(_chart.Visual, _chart.Data, Title(), Captions.FilterCaption(_chart.Request.Filters, _chart.Request.Language, ReportVocabulary.Default, _chart.Request.Labels), _chart.Request.Language, _chart.Formatter);
    }

    /// <summary>
    /// Draws the composed chart as PNG or SVG. Each export draws the figure afresh (the overlays run again and the painter
    /// starts from nothing), so exporting the same composition twice gives what two separate renders give.
    /// </summary>
    public RenderedChart Export(ChartFormat format)
    {
        var (altTitle, altDescription) = _altText;
        _chart.Painter.Outlines = format == ChartFormat.Svg;
        if (format == ChartFormat.Png)
        {
            var png = _chart.Plot.GetImageBytes(_chart.Width, _chart.Height, ImageFormat.Png);
            return new RenderedChart(png, null, altTitle, altDescription, [.. _chart.Painter.Drawn], _chart.Data.CategoryKeys);
        }
        var svg = _chart.Plot.GetSvgXml(_chart.Width, _chart.Height);
        var drawn = _chart.Painter.Drawn.ToList();
        return new RenderedChart(null, SvgDocument.Finish(svg, _chart.Width, _chart.Height, altTitle, altDescription, drawn, _chart.Theme.FontFamily, _chart.Request.IdPrefix), altTitle, altDescription, drawn, _chart.Data.CategoryKeys);
    }

    private string Title() => (_chart.Visual.Title ?? Measure().Label).In(_chart.Request.Language);

    // A measure outside the built-in model (a model file's) is described by its result column, which carries its label and format.
    private ReportVocabulary.MeasureTerm Measure()
    {
        if (ReportVocabulary.Default.TryGetMeasure(_chart.Visual.Measure, out var term))
        {
            return term;
        }
        var column = _chart.Request.Table.Columns[_chart.Request.Table.IndexOf(_chart.Visual.Measure)];
        return new ReportVocabulary.MeasureTerm(column.Label, column.Format);
    }

    // ---- frame: header, footer ------------------------------------------------------------------------

    private void LayoutFrame()
    {
        var shaper = _chart.Painter.Shaper;
        var width = _chart.Width - (2 * Margin);
        _titleLines = shaper.Wrap(Title(), _chart.Theme.Sizes.Title, width, maxLines: 2, bold: true);
        _subtitleLines = _chart.Visual.Subtitle is { } sub ? shaper.Wrap(sub.In(_chart.Request.Language), _chart.Theme.Sizes.Subtitle, width, maxLines: 2) : [];
        var caption = Captions.FilterCaption(_chart.Request.Filters, _chart.Request.Language, ReportVocabulary.Default, _chart.Request.Labels);
        _captionLines = caption is null ? [] : shaper.Wrap(caption, _chart.Theme.Sizes.Source, width, maxLines: 2);
        var footer = new List<ShapedLine>();
        if (_chart.Visual.Note is { } note)
        {
            footer.AddRange(shaper.Wrap(note.In(_chart.Request.Language), _chart.Theme.Sizes.Source, width, maxLines: 2));
        }
        if (_chart.Request.Forecast is { } band && _chart.Visual.Forecast && _chart.Visual.Mark is MarkKind.Line or MarkKind.Area)
        {
            footer.AddRange(shaper.Wrap(ForecastNote(band), _chart.Theme.Sizes.Source, width, maxLines: 2));
        }
        if (_chart.Visual.Mark is MarkKind.Line or MarkKind.Area or MarkKind.Combo or MarkKind.Column && TimeAxis.Of(_chart.Data, null, _chart.Request.EditionYears) is { Missing.Count: > 0 } time)
        {
            // Gaps on a time axis are editions with unknown figures: name them, so a break in the line is not a mystery.
            var years = Punctuation.JoinList(time.Missing.Select(y => _chart.Formatter.Format((double)y, ValueFormat.Year)), _chart.Request.Language);
            footer.AddRange(shaper.Wrap($"{Phrases.NoFiguresFor.In(_chart.Request.Language)} {years}.", _chart.Theme.Sizes.Source, width, maxLines: 1));
        }
        if (_chart.Visual.Mark == MarkKind.Heatmap && _chart.Data.SuppressedShown > 0)
        {
            // The heatmap marks a suppressed cell with a dot; say so where the reader looks for the key.
            footer.AddRange(shaper.Wrap($"• {Phrases.Suppressed.In(_chart.Request.Language)}", _chart.Theme.Sizes.Source, width, maxLines: 1));
        }
        footer.AddRange(shaper.Wrap(Captions.SourceLine(_chart.Request.Source, _chart.Request.Table.Metadata, _chart.Request.Language, _chart.Formatter, _chart.Data.SuppressedShown), _chart.Theme.Sizes.Source, width, maxLines: 2));
        _footerLines = footer;

        _chart.PlotTop = Margin + _titleLines.Sum(l => l.Size * 1.25f) + _subtitleLines.Sum(l => l.Size * 1.3f) + _captionLines.Sum(l => l.Size * 1.35f) + 10;
        _chart.PlotBottom = _chart.Height - Margin - _footerLines.Sum(l => l.Size * 1.35f) - 6;
    }

    /// <summary>"Forecast: simple exponential smoothing; no interval shown: … (3)": what the model is and what its band rests on.</summary>
    private string ForecastNote(ForecastBand band)
    {
        var note = Punctuation.Labelled(Phrases.Forecast.In(_chart.Request.Language), Phrases.ModelName(band.Method).In(_chart.Request.Language), _chart.Request.Language);
        if (band.TooFewPoints is { } n)
        {
            note += Punctuation.Semicolon(_chart.Request.Language) + $"{Phrases.TooFewErrors.In(_chart.Request.Language)} ({_chart.Formatter.Format((double)n, ValueFormat.Integer)})";
        }
        else if (band.DrawsBand)
        {
            var levels = _chart.Formatter.Format(band.Level, ValueFormat.Percent) + (band.DrawsOuter ? " / " + _chart.Formatter.Format(band.OuterLevel!.Value, ValueFormat.Percent) : "");
            note += Punctuation.Semicolon(_chart.Request.Language) + $"{levels} {Phrases.Interval.In(_chart.Request.Language)}";
        }
        if (band.AsOfYear is { } year)
        {
            note += Punctuation.Semicolon(_chart.Request.Language) + $"{Phrases.TrainedUpTo.In(_chart.Request.Language)} {_chart.Formatter.Format((double)year, ValueFormat.Year)}";
        }
        return note;
    }

    private void DrawFrameTexts(RenderPack rp)
    {
        _chart.Painter.Reset();
        var canvas = rp.Canvas;
        var y = Margin;
        var x = _chart.Rtl ? _chart.Width - Margin : Margin;
        var align = _chart.Rtl ? TextAlign.Right : TextAlign.Left;
        foreach (var line in _titleLines)
        {
            y += line.Size;
            _chart.Painter.Draw(canvas, line, x, y, align, Colors.Sk(_chart.Theme.Foreground));
            y += line.Size * 0.25f;
        }
        foreach (var line in _subtitleLines)
        {
            y += line.Size * 1.05f;
            _chart.Painter.Draw(canvas, line, x, y, align, Colors.Sk(_chart.Theme.Muted));
            y += line.Size * 0.25f;
        }
        foreach (var line in _captionLines)
        {
            y += line.Size * 1.1f;
            _chart.Painter.Draw(canvas, line, x, y, align, Colors.Sk(_chart.Theme.Muted));
            y += line.Size * 0.25f;
        }
        var fy = _chart.Height - Margin - _footerLines.Sum(l => l.Size * 1.35f);
        foreach (var line in _footerLines)
        {
            fy += line.Size * 1.1f;
            _chart.Painter.Draw(canvas, line, x, fy, align, Colors.Sk(_chart.Theme.Muted));
            fy += line.Size * 0.25f;
        }
        DrawLegend(canvas);
    }

    private void DrawLegend(SKCanvas canvas)
    {
        if (_chart.Legend.Count == 0)
        {
            return;
        }
        var rowHeight = _chart.Theme.Sizes.Label * 1.6f;
        var y = _chart.LegendTop;
        foreach (var row in _chart.LegendRows())
        {
            var x = _chart.Rtl ? _chart.Width - Margin : Margin;
            foreach (var (_, color, isLine, text) in row)
            {
                using var paint = new SKPaint { Color = Colors.Sk(color), IsAntialias = true, StrokeWidth = 3 };
                var swatchLeft = _chart.Rtl ? x - 12 : x;
                var mid = y + (rowHeight / 2);
                if (isLine)
                {
                    canvas.DrawLine(swatchLeft, mid, swatchLeft + 12, mid, paint);
                }
                else
                {
                    canvas.DrawRect(swatchLeft, mid - 6, 12, 12, paint);
                }
                var textX = _chart.Rtl ? x - 18 : x + 18;
                _chart.Painter.Draw(canvas, text, textX, mid + (_chart.Theme.Sizes.Label * 0.36f), _chart.Rtl ? TextAlign.Right : TextAlign.Left, Colors.Sk(_chart.Theme.Foreground));
                var advance = 18 + text.Width + 18;
                x += _chart.Rtl ? -advance : advance;
            }
            y += rowHeight;
        }
    }

    // ---- ScottPlot set-up -----------------------------------------------------------------------------

    private void ConfigurePlot()
    {
        _chart.Plot.FigureBackground.Color = Colors.Sp(_chart.Theme.Background);
        _chart.Plot.DataBackground.Color = Colors.Sp(_chart.Theme.Background);
        _chart.Plot.Grid.MajorLineColor = Colors.Sp(_chart.Theme.Grid);
        _chart.Plot.Grid.MinorLineWidth = 0;
        foreach (var axis in new IAxis[] { _chart.Plot.Axes.Bottom, _chart.Plot.Axes.Left, _chart.Plot.Axes.Right, _chart.Plot.Axes.Top })
        {
            axis.TickLabelStyle.IsVisible = false;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
            axis.FrameLineStyle.Width = 0;
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        }
    }
}
