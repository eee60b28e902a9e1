namespace Sesric.Analytics.Reporting.Text;

/// <summary>The Unicode Bidi_Paired_Bracket_Type property (BidiBrackets.txt), used by rule N0.</summary>
internal enum BidiBracketType : byte
{
    /// <summary>Not a paired bracket.</summary>
    None,

    /// <summary>An opening paired bracket, such as "(".</summary>
    Open,

    /// <summary>A closing paired bracket, such as ")".</summary>
    Close,
}
