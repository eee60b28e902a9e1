using System.Collections.Concurrent;

using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Sesric.Analytics.Reporting.Text;

/// <summary>
/// The pinned typefaces a render uses: the theme's family (regular and bold) and its fallbacks, found through
/// fontconfig. A family that is not installed is never silently replaced by another.
/// </summary>
/// <threadsafety>Instances are cached per family list and safe to share; shaping is thread-safe.</threadsafety>
internal sealed class FontSet
{
    // Lazy: charts render side by side from the first one, and GetOrAdd alone may run its factory on both threads, each
    // resolving the typefaces through fontconfig and copying the font files into HarfBuzz blobs.
    private static readonly ConcurrentDictionary<string, Lazy<FontSet>> Cache = new(StringComparer.Ordinal);

    private readonly Face[] _regular;
    private readonly Face[] _bold;

    private FontSet(IReadOnlyList<string> families)
    {
        _regular = [.. families.Select(f => new Face(Resolve(f, SKFontStyle.Normal)))];
        _bold = [.. families.Select(f => new Face(Resolve(f, SKFontStyle.Bold)))];
        Families = families;
    }

    /// <summary>The family names, main first.</summary>
    public IReadOnlyList<string> Families { get; }

    /// <summary>The font set for a main family and its fallbacks.</summary>
    public static FontSet For(string family, IReadOnlyList<string> fallbacks) =>
        Cache.GetOrAdd(string.Join("|", [family, .. fallbacks]), _ => new Lazy<FontSet>(() => new FontSet([family, .. fallbacks]))).Value;

    /// <summary>The faces to try, in order.</summary>
    public IReadOnlyList<Face> Faces(bool bold) => bold ? _bold : _regular;

    /// <summary>The index of the first face that draws the code point at <paramref name="index"/>, or throws naming its script.</summary>
    public int FaceFor(string text, int index, bool bold)
    {
        var codepoint = CharExtensions.ConvertToUtf32OrUnit(text, index);
        var faces = Faces(bold);
        if (codepoint is < 0x20 or 0x200E or 0x200F or 0x200D or 0x200C or 0xFEFF)
        {
            return 0;
        }
        for (var i = 0; i < faces.Count; i++)
        {
            if (faces[i].Typeface.ContainsGlyph(codepoint))
            {
                return i;
            }
        }
        var script = Scripts.Of(codepoint);
        throw new MissingFontException(script,
            $"no font for the {script} script (character U+{codepoint:X4} in \"{text}\"): the theme's fonts ({string.Join(", ", Families)}) lack it. "
            + "Fix: install a font that covers it (on Debian: apt-get install fonts-noto-core) and add its family to the theme's fallbackFonts, "
            + "or choose a fontFamily that covers it (DejaVu Sans covers Latin and Arabic).");
    }

    private static SKTypeface Resolve(string family, SKFontStyle style)
    {
        var typeface = SKFontManager.Default.MatchFamily(family, style);
        if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase))
        {
            throw new MissingFontException(family,
                $"font family '{family}' is not installed (fontconfig offered '{typeface?.FamilyName ?? "nothing"}'). Charts pin their fonts so that "
                + "output is identical on every machine. Fix: install it (DejaVu Sans: apt-get install fonts-dejavu-core) or set the theme's fontFamily to an installed family (fc-list : family).");
        }
        return typeface;
    }

    /// <summary>A typeface with its HarfBuzz shaper.</summary>
    internal sealed class Face(SKTypeface typeface)
    {
        public SKTypeface Typeface { get; } = typeface;

        public SKShaper Shaper { get; } = new(typeface);
    }
}

internal static class CharExtensions
{
    public static int ConvertToUtf32OrUnit(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
            ? char.ConvertToUtf32(text[index], text[index + 1])
            : text[index];
}
