namespace Sesric.Analytics.Querying;

/// <summary>Whether a result column groups rows or holds a computed value.</summary>
public enum ColumnRole
{
    /// <summary>A dimension the rows are grouped by (year, member_state, …).</summary>
    Dimension,

    /// <summary>A measure computed per group (participants, coverage, …).</summary>
    Measure,
}
