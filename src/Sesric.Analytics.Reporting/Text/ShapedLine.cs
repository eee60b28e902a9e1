using SkiaSharp;

namespace Sesric.Analytics.Reporting.Text;

/// <summary>One shaped run: glyphs of one font and direction, positioned from the line's left edge.</summary>
/// <param name="Text">The run's characters in logical order.</param>
/// <param name="Rtl">Whether it was shaped right to left.</param>
/// <param name="Typeface">The typeface its glyphs belong to.</param>
/// <param name="Glyphs">Glyph ids in visual order (left to right), as HarfBuzz returned them.</param>
/// <param name="Positions">Each glyph's origin relative to the line's left end and baseline.</param>
/// <param name="Width">The run's advance.</param>
internal sealed record ShapedRun(string Text, bool Rtl, SKTypeface Typeface, ushort[] Glyphs, SKPoint[] Positions, float Width);

/// <summary>A line of text after bidi ordering and shaping: runs left to right, measured.</summary>
/// <param name="Text">The logical text.</param>
/// <param name="Runs">Runs in visual order.</param>
/// <param name="Width">The shaped width (what centring uses).</param>
/// <param name="Size">The font size.</param>
/// <param name="Bold">Whether the bold face was used.</param>
internal sealed record ShapedLine(string Text, IReadOnlyList<ShapedRun> Runs, float Width, float Size, bool Bold)
{
    /// <summary>Ascent above the baseline (approximate, from the size).</summary>
    public float Ascent => Size * 0.76f;

    /// <summary>Descent below the baseline.</summary>
    public float Descent => Size * 0.24f;
}
