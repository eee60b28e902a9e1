namespace Sesric.Analytics.Reporting.Text;

/// <summary>Looks up the bidi properties of a code point in the generated <see cref="UnicodeBidiData"/> tables.</summary>
/// <remarks>
/// .NET has no API for Bidi_Class, so the classes come from the Unicode Character Database at build time (a
/// checked-in range table) rather than from the machine at run time: the product needs no Unicode data
/// package, and every machine resolves the same levels. Thread-safe: the tables are read-only.
/// </remarks>
internal static class BidiProperties
{
    /// <summary>The Bidi_Class of <paramref name="codepoint"/> (unassigned code points take the UCD's defaults).</summary>
    public static BidiClass ClassOf(int codepoint)
    {
        var starts = UnicodeBidiData.ClassStarts;
        var index = starts.BinarySearch(codepoint);

        // Not a range start: the range that contains it is the one before the insertion point.
        return (BidiClass)UnicodeBidiData.Classes[index >= 0 ? index : ~index - 1];
    }

    /// <summary>
    /// The Bidi_Paired_Bracket_Type of <paramref name="codepoint"/>, and in <paramref name="pairKey"/> a key that
    /// an opening bracket shares with the closing brackets it pairs with (canonical equivalents included, so
    /// U+2329 pairs with U+3009 as rule BD16 asks).
    /// </summary>
    public static BidiBracketType BracketOf(int codepoint, out int pairKey)
    {
        var index = UnicodeBidiData.Brackets.BinarySearch(codepoint);
        if (index < 0)
        {
            pairKey = 0;
            return BidiBracketType.None;
        }
        pairKey = UnicodeBidiData.BracketKeys[index];
        return UnicodeBidiData.BracketOpens[index] == 1 ? BidiBracketType.Open : BidiBracketType.Close;
    }
}
