namespace Sesric.Analytics.Reporting.Text;

/// <summary>A line of text as drawn: what SVG output repeats as an invisible text layer and tests inspect.</summary>
/// <param name="Text">The logical text.</param>
/// <param name="X">Left edge of the drawn line, before rotation, in figure pixels.</param>
/// <param name="Baseline">Baseline, in figure pixels.</param>
/// <param name="Width">Shaped width.</param>
/// <param name="Size">Font size.</param>
/// <param name="Rotation">Rotation in degrees about the anchor (negative is counter-clockwise).</param>
/// <param name="Glyphs">Glyph ids drawn, left to right across the runs.</param>
/// <param name="Rtl">Whether the line was laid out as a right-to-left paragraph.</param>
internal sealed record DrawnLabel(string Text, float X, float Baseline, float Width, float Size, float Rotation, IReadOnlyList<ushort> Glyphs, bool Rtl);
