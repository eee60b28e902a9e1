namespace Sesric.Analytics.Querying;

/// <summary>Why a cell does or does not show a value.</summary>
public enum CellStatus
{
    /// <summary>The value is shown.</summary>
    Ok,

    /// <summary>Hidden by disclosure control (too few people, or recoverable from a total); the value is null, never zero.</summary>
    Suppressed,

    /// <summary>Not known (no data, no published figure, or undefined such as a share of zero); the value is null.</summary>
    Unknown,
}
