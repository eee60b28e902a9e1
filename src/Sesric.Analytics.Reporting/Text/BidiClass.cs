namespace Sesric.Analytics.Reporting.Text;

/// <summary>The Unicode bidirectional character types this library distinguishes (UAX #9, table 4).</summary>
internal enum BidiClass : byte
{
    /// <summary>Left-to-right letter.</summary>
    L,

    /// <summary>Right-to-left letter (Hebrew).</summary>
    R,

    /// <summary>Arabic letter.</summary>
    AL,

    /// <summary>European digit.</summary>
    EN,

    /// <summary>European separator (+ −).</summary>
    ES,

    /// <summary>European terminator (% # $ °).</summary>
    ET,

    /// <summary>Arabic-Indic digit.</summary>
    AN,

    /// <summary>Common separator (, . : /).</summary>
    CS,

    /// <summary>Non-spacing mark.</summary>
    NSM,

    /// <summary>Whitespace.</summary>
    WS,

    /// <summary>Other neutral.</summary>
    ON,
}
