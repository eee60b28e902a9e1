using SkiaSharp;

namespace Sesric.Analytics.Reporting.Text;

/// <summary>
/// Draws shaped lines on a Skia canvas: as glyph runs for raster output, as glyph outlines for SVG (so the
/// SVG looks the same on every machine, whatever fonts the viewer has). Records every line drawn.
/// </summary>
internal sealed class TextPainter(TextShaper shaper)
{
    /// <summary>Draw glyph outlines (for SVG) instead of glyph runs (for raster output); set before each export.</summary>
    public bool Outlines { get; set; }

    private readonly List<DrawnLabel> _drawn = [];

    public TextShaper Shaper { get; } = shaper;

    /// <summary>Every line drawn so far, in drawing order.</summary>
    public IReadOnlyList<DrawnLabel> Drawn => _drawn;

    /// <summary>Forgets what was drawn: ScottPlot may render a figure more than once per export, and only the last pass counts.</summary>
    public void Reset() => _drawn.Clear();

    /// <summary>Shapes and draws one line.</summary>
    public ShapedLine Draw(SKCanvas canvas, string text, float size, float x, float baseline, TextAlign align, SKColor color, bool bold = false, float rotation = 0)
    {
        var line = Shaper.Shape(text, size, bold);
        Draw(canvas, line, x, baseline, align, color, rotation);
        return line;
    }

    /// <summary>Draws a shaped line with its anchor at (<paramref name="x"/>, <paramref name="baseline"/>).</summary>
    public void Draw(SKCanvas canvas, ShapedLine line, float x, float baseline, TextAlign align, SKColor color, float rotation = 0)
    {
        if (line.Runs.Count == 0)
        {
            return;
        }
        var left = align switch
        {
            TextAlign.Center => -line.Width / 2,
            TextAlign.Right => -line.Width,
            _ => 0f,
        };
        canvas.Save();
        canvas.Translate(x, baseline);
        if (rotation != 0)
        {
            canvas.RotateDegrees(rotation);
        }
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        var glyphs = new List<ushort>();
        foreach (var run in line.Runs)
        {
            using var font = new SKFont(run.Typeface, line.Size) { Subpixel = true, Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.None };
            glyphs.AddRange(run.Glyphs);
            if (Outlines)
            {
                using var path = new SKPath();
                for (var i = 0; i < run.Glyphs.Length; i++)
                {
                    using var glyph = font.GetGlyphPath(run.Glyphs[i]);
                    if (glyph is null || glyph.IsEmpty)
                    {
                        continue;
                    }
                    path.AddPath(glyph, left + run.Positions[i].X, run.Positions[i].Y);
                }
                canvas.DrawPath(path, paint);
            }
            else
            {
                using var builder = new SKTextBlobBuilder();
                var buffer = builder.AllocatePositionedRun(font, run.Glyphs.Length);
                var ids = buffer.Glyphs;
                var positions = buffer.Positions;
                for (var i = 0; i < run.Glyphs.Length; i++)
                {
                    ids[i] = run.Glyphs[i];
                    positions[i] = new SKPoint(left + run.Positions[i].X, run.Positions[i].Y);
                }
                using var blob = builder.Build();
                if (blob is not null)
                {
                    canvas.DrawText(blob, 0, 0, paint);
                }
            }
        }
        canvas.Restore();
        _drawn.Add(new DrawnLabel(line.Text, x + left, baseline, line.Width, line.Size, rotation, glyphs, Shaper.RtlParagraph));
    }
}
