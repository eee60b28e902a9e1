namespace Sesric.Analytics.Reporting.Specs;

/// <summary>What a dimension's members are like, which decides the marks that can take it.</summary>
public enum DimensionKind
{
    /// <summary>Ordered in time (year, edition): lines, areas, waterfalls and cards read along it.</summary>
    Ordered,

    /// <summary>Unordered members (member state, OIC group, gender): bars, donuts, heatmaps, tables.</summary>
    Members,
}
