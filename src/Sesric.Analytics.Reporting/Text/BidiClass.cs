namespace Sesric.Analytics.Reporting.Text;

/// <summary>The Unicode Bidi_Class property values (UAX #9, table 4).</summary>
/// <remarks>
/// The numeric values are stored in the generated <see cref="UnicodeBidiData"/> table: never reorder or renumber
/// them without regenerating it (the table test fails if they drift).
/// </remarks>
internal enum BidiClass : byte
{
    /// <summary>Left-to-right letter.</summary>
    L = 0,

    /// <summary>Right-to-left letter (Hebrew).</summary>
    R = 1,

    /// <summary>Arabic letter.</summary>
    AL = 2,

    /// <summary>European digit.</summary>
    EN = 3,

    /// <summary>European separator (+ −).</summary>
    ES = 4,

    /// <summary>European terminator (% # $ °).</summary>
    ET = 5,

    /// <summary>Arabic-Indic digit.</summary>
    AN = 6,

    /// <summary>Common separator (, . : /).</summary>
    CS = 7,

    /// <summary>Non-spacing mark.</summary>
    NSM = 8,

    /// <summary>Boundary neutral (ZWJ, soft hyphen, controls): removed by rule X9.</summary>
    BN = 9,

    /// <summary>Paragraph separator.</summary>
    B = 10,

    /// <summary>Segment separator (tab).</summary>
    S = 11,

    /// <summary>Whitespace.</summary>
    WS = 12,

    /// <summary>Other neutral.</summary>
    ON = 13,

    /// <summary>Left-to-right embedding.</summary>
    LRE = 14,

    /// <summary>Left-to-right override.</summary>
    LRO = 15,

    /// <summary>Right-to-left embedding.</summary>
    RLE = 16,

    /// <summary>Right-to-left override.</summary>
    RLO = 17,

    /// <summary>Pop directional format.</summary>
    PDF = 18,

    /// <summary>Left-to-right isolate.</summary>
    LRI = 19,

    /// <summary>Right-to-left isolate.</summary>
    RLI = 20,

    /// <summary>First strong isolate.</summary>
    FSI = 21,

    /// <summary>Pop directional isolate.</summary>
    PDI = 22,
}
