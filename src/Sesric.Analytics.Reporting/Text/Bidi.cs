using System.Text;

namespace Sesric.Analytics.Reporting.Text;

/// <summary>
/// The Unicode Bidirectional Algorithm (UAX #9) applied to strings: resolves the embedding level of every UTF-16
/// code unit (<see cref="BidiParagraph"/> does the rules) and orders runs visually (rule L2).
/// </summary>
/// <remarks>
/// Conformant through rule L2: BidiTest.txt and BidiCharacterTest.txt pass in full (tests/…/Text/BidiConformanceTests).
/// So "التوقع: ses (80.0٪، 95.0٪)" keeps its brackets around the figures (rule N0), "Diplomacy-CaB 2020" stays
/// left to right inside an Arabic line, and "2024" is never drawn "4202". Mirroring of brackets in right-to-left
/// runs (L4) is left to HarfBuzz, which mirrors when it shapes a run right to left.
/// </remarks>
internal static class Bidi
{
    /// <summary>Whether <paramref name="text"/> has a right-to-left letter.</summary>
    public static bool HasRtl(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (BidiProperties.ClassOf(rune.Value) is BidiClass.R or BidiClass.AL)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The resolved embedding level of each UTF-16 code unit of one line, every paragraph of it at level 0 (LTR)
    /// or 1 (RTL); both halves of a surrogate pair get the pair's level.
    /// </summary>
    public static byte[] ResolveLevels(string text, bool rtl)
    {
        var levels = new byte[text.Length];
        var classes = new List<BidiClass>(text.Length);
        var brackets = new List<BidiBracketType>(text.Length);
        var keys = new List<int>(text.Length);
        var units = new List<int>(text.Length);
        var start = 0;
        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            var type = BidiProperties.ClassOf(rune.Value);
            classes.Add(type);
            brackets.Add(BidiProperties.BracketOf(rune.Value, out var key));
            keys.Add(key);
            units.Add(consumed);
            i += consumed;

            // P1: a paragraph separator ends a paragraph; each is resolved on its own.
            if (type == BidiClass.B || i == text.Length)
            {
                var paragraph = BidiParagraph.Resolve(
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(classes),
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(brackets),
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys),
                    rtl ? (byte)1 : (byte)0);
                for (var k = 0; k < classes.Count; k++)
                {
                    for (var u = 0; u < units[k]; u++)
                    {
                        levels[start++] = paragraph.Levels[k];
                    }
                }
                classes.Clear();
                brackets.Clear();
                keys.Clear();
                units.Clear();
            }
        }
        return levels;
    }

    /// <summary>
    /// Splits <paramref name="levels"/> into runs of one level (further split where <paramref name="breakAt"/>
    /// says so, e.g. where the font changes) and returns them in visual order, left to right (rule L2).
    /// </summary>
    public static IReadOnlyList<(int Start, int Length, byte Level)> VisualRuns(byte[] levels, Func<int, bool>? breakAt = null)
    {
        var runs = new List<(int Start, int Length, byte Level)>();
        var start = 0;
        for (var i = 1; i <= levels.Length; i++)
        {
            if (i == levels.Length || levels[i] != levels[start] || (breakAt?.Invoke(i) ?? false))
            {
                runs.Add((start, i - start, levels[start]));
                start = i;
            }
        }
        if (runs.Count == 0)
        {
            return runs;
        }
        ReverseByLevel(runs, r => r.Level);
        return runs;
    }

    /// <summary>
    /// L2: from the highest level down to the lowest odd level, reverses every maximal sequence of items at that
    /// level or higher. Items are characters (the conformance order) or runs of one level (what a renderer draws).
    /// </summary>
    public static void ReverseByLevel<T>(List<T> items, Func<T, byte> levelOf)
    {
        if (items.Count == 0)
        {
            return;
        }
        var highest = 0;
        var lowestOdd = int.MaxValue;
        foreach (var item in items)
        {
            var level = levelOf(item);
            highest = Math.Max(highest, level);
            if (level % 2 == 1)
            {
                lowestOdd = Math.Min(lowestOdd, level);
            }
        }
        for (var level = highest; level >= lowestOdd; level--)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (levelOf(items[i]) < level)
                {
                    continue;
                }
                var end = i;
                while (end < items.Count && levelOf(items[end]) >= level)
                {
                    end++;
                }
                items.Reverse(i, end - i);
                i = end;
            }
        }
    }
}
