namespace Sesric.Analytics.Semantic;

/// <summary>
/// A built-in way of computing a measure in the database: its kind, the table it reads, the aggregate components (fixed
/// SQL) and how their values combine. The part of a measure that cannot honestly be data; a model file names one of
/// <see cref="MeasureAggregates"/> (<c>"aggregate": "distinct_people"</c>) and gives the rest (label, description, format).
/// </summary>
/// <param name="Name">The name a model file uses.</param>
/// <param name="Kind">What it computes, one of <see cref="MeasureAggregates.Kinds"/>; a model file must declare the same kind.</param>
/// <param name="Source">The table it reads.</param>
/// <param name="IsWhole">Whether its values are whole numbers (formatted <c>integer</c>); else fractions.</param>
/// <param name="Components">The components the database computes.</param>
/// <param name="Combine">Combines one row's component values into the measure's value.</param>
internal sealed record MeasureAggregate(
    string Name,
    string Kind,
    FactSource Source,
    bool IsWhole,
    IReadOnlyList<Component> Components,
    Func<Func<Component, long?>, object?> Combine)
{
    /// <summary>For a count a derived measure may restrict (<c>participants[gender = "female"]</c>), the component restricted.</summary>
    public Component? RestrictableCount { get; init; }
}
