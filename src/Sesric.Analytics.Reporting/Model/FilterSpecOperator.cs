namespace Sesric.Analytics.Reporting;

/// <summary>How a report filter (a <see cref="FilterSpec"/>) relates a dimension to its values; the engine's comparisons are <see cref="Semantic.FilterOperator"/>. JSON names: eq, ne, in, between, gte, lte.</summary>
public enum FilterSpecOperator
{
    /// <summary>Equal to the one value.</summary>
    Eq,

    /// <summary>Not equal to the one value.</summary>
    Ne,

    /// <summary>Equal to one of the values.</summary>
    In,

    /// <summary>Between the two values, both included.</summary>
    Between,

    /// <summary>At least the one value.</summary>
    Gte,

    /// <summary>At most the one value.</summary>
    Lte,
}
