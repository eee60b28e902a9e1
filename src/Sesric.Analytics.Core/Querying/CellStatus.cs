namespace Sesric.Analytics.Querying;

/// <summary>Why a cell does or does not show a value.</summary>
public enum CellStatus
{
    /// <summary>The value is shown.</summary>
    Ok,

    /// <summary>Withheld by disclosure control (a count of states or editions that would reveal a person's attribute); the value is null, never zero.</summary>
    Suppressed,

    /// <summary>Not known (no data, no published figure, or undefined such as a share of zero); the value is null.</summary>
    Unknown,
}
