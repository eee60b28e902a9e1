namespace Sesric.Analytics.Semantic;

/// <summary>Which table a measure's figures come from.</summary>
public enum FactSource
{
    /// <summary>The participant registry: the <c>participation_fact</c> table, counted participations only (attended or completed).</summary>
    Registry,

    /// <summary>The published edition totals in the <c>edition</c> table; available for editions with no registry.</summary>
    Published,
}
