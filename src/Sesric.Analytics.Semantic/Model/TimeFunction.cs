namespace Sesric.Analytics.Semantic;

/// <summary>The time-intelligence functions over <c>year</c>.</summary>
internal enum TimeFunction
{
    None,

    /// <summary><c>yoy_change(m)</c>: m this year minus m the year before.</summary>
    YoyChange,

    /// <summary><c>yoy_pct(m)</c>: the change divided by the previous year's m.</summary>
    YoyPct,

    /// <summary><c>running_total(m)</c>: the sum of m over this and every earlier year in the result.</summary>
    RunningTotal,

    /// <summary>
    /// <c>prior_year(m)</c>: m in the year before, for the same values of the other dimensions (the same period last year),
    /// read from the same protected previous-year components as <see cref="YoyChange"/>.
    /// </summary>
    PriorYear,
}
