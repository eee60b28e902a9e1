namespace Sesric.Analytics.Semantic;

/// <summary>What a dimension describes, which decides how the public policy treats a query that uses it.</summary>
public enum DisclosureLevel
{
    /// <summary>An attribute of a whole edition (programme, year, modality): SESRIC publishes edition totals, so a cell made only of these is exact.</summary>
    Edition,

    /// <summary>
    /// The participant's member state or its group: which states took part in an edition is published by SESRIC, so
    /// state counts stay exact, but a count of people in a state is protected.
    /// </summary>
    MemberState,

    /// <summary>An attribute of the person (gender): every figure that depends on it is protected, and counts of states or editions withheld.</summary>
    Person,
}
