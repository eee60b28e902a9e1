namespace Sesric.Analytics.Reporting;

/// <summary>The kind of mark a visual draws. JSON names are the kebab-case forms (<c>stacked-column</c>).</summary>
public enum MarkKind
{
    /// <summary>A single value with its change against the previous year.</summary>
    Card,

    /// <summary>Vertical bars, one group per category, one bar per series member.</summary>
    Column,

    /// <summary>Vertical bars with series members stacked.</summary>
    StackedColumn,

    /// <summary>Vertical stacked bars normalised to 100 %.</summary>
    PercentColumn,

    /// <summary>Horizontal bars (long category labels read well).</summary>
    Bar,

    /// <summary>Horizontal bars with series members stacked.</summary>
    StackedBar,

    /// <summary>Horizontal stacked bars normalised to 100 %.</summary>
    PercentBar,

    /// <summary>A line over an ordered category (year, edition), with an optional forecast band.</summary>
    Line,

    /// <summary>A filled area over an ordered category, with an optional forecast band.</summary>
    Area,

    /// <summary>Columns for the measure and a line for the line measure on a second axis.</summary>
    Combo,

    /// <summary>A ring of slices: parts of a whole over a few members.</summary>
    Donut,

    /// <summary>A matrix of coloured cells: category rows × series columns (member state × year).</summary>
    Heatmap,

    /// <summary>The rows as a table.</summary>
    Table,

    /// <summary>Changes from one category to the next as floating bars, ending on the total.</summary>
    Waterfall,

    /// <summary>One small line chart per member of the facet dimension, on shared axes.</summary>
    SmallMultiples,
}
