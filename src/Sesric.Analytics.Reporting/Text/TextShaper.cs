using HarfBuzzSharp;

using SkiaSharp;

namespace Sesric.Analytics.Reporting.Text;

/// <summary>
/// Lays out a line of text: resolves bidi levels, splits into runs by level and font, shapes each run with
/// HarfBuzz in its direction (so Arabic letters join) and returns the runs in visual order with their width.
/// </summary>
internal sealed class TextShaper(FontSet fonts, bool rtlParagraph)
{
    public FontSet Fonts { get; } = fonts;

    /// <summary>Whether lines are right-to-left paragraphs (Arabic pages), deciding neutral characters' direction.</summary>
    public bool RtlParagraph { get; } = rtlParagraph;

    private readonly Dictionary<(string Text, float Size, bool Bold), ShapedLine> _cache = [];

    /// <summary>Shapes one line; a chart measures and draws the same labels several times, so results are kept.</summary>
    public ShapedLine Shape(string text, float size, bool bold = false)
    {
        if (!_cache.TryGetValue((text, size, bold), out var line))
        {
            line = ShapeUncached(text, size, bold);
            _cache.Add((text, size, bold), line);
        }
        return line;
    }

    private ShapedLine ShapeUncached(string text, float size, bool bold)
    {
        if (text.Length == 0)
        {
            return new ShapedLine(text, [], 0, size, bold);
        }
        var levels = Bidi.ResolveLevels(text, RtlParagraph);
        var faceIndex = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            faceIndex[i] = char.IsLowSurrogate(text[i]) && i > 0 ? faceIndex[i - 1] : Fonts.FaceFor(text, i, bold);
        }

        // A space or punctuation mark takes the font of its neighbour, so a run is not split needlessly.
        var runs = Bidi.VisualRuns(levels, i => faceIndex[i] != faceIndex[i - 1] && !char.IsLowSurrogate(text[i]));
        var faces = Fonts.Faces(bold);
        var shaped = new List<ShapedRun>(runs.Count);
        var x = 0f;
        foreach (var (start, length, level) in runs)
        {
            var face = faces[faceIndex[start]];
            var runText = text.Substring(start, length);
            using var buffer = new HarfBuzzSharp.Buffer();
            buffer.AddUtf16(runText);
            buffer.Direction = level % 2 == 1 ? Direction.RightToLeft : Direction.LeftToRight;
            buffer.GuessSegmentProperties();
            using var font = new SKFont(face.Typeface, size) { Subpixel = true };
            var result = face.Shaper.Shape(buffer, x, 0, font);
            var glyphs = result.Codepoints.Select(c => (ushort)c).ToArray();
            var width = result.Width;
            shaped.Add(new ShapedRun(runText, level % 2 == 1, face.Typeface, glyphs, result.Points, width));
            x += width;
        }
        return new ShapedLine(text, shaped, x, size, bold);
    }

    /// <summary>Breaks <paramref name="text"/> at spaces into lines no wider than <paramref name="maxWidth"/> (a word wider than that gets its own line), at most <paramref name="maxLines"/>, the last ending in "…" when cut.</summary>
    public IReadOnlyList<ShapedLine> Wrap(string text, float size, float maxWidth, int maxLines = int.MaxValue, bool bold = false)
    {
        var whole = Shape(text, size, bold);
        if (whole.Width <= maxWidth || !text.Contains(' '))
        {
            return [whole];
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<ShapedLine>();
        var current = words[0];
        for (var i = 1; i < words.Length; i++)
        {
            var candidate = current + " " + words[i];
            if (Shape(candidate, size, bold).Width <= maxWidth)
            {
                current = candidate;
                continue;
            }
            lines.Add(Shape(current, size, bold));
            current = words[i];
        }
        lines.Add(Shape(current, size, bold));
        if (lines.Count > maxLines)
        {
            var kept = lines.Take(maxLines).ToList();
            var last = kept[^1].Text;
            while (last.Length > 1 && Shape(last + "…", size, bold).Width > maxWidth)
            {
                last = last[..^1];
            }
            kept[^1] = Shape(last.TrimEnd() + "…", size, bold);
            return kept;
        }
        return lines;
    }
}
