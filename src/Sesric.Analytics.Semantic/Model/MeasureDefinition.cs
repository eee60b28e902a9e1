using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// A named, documented figure computed per result row, such as <c>participants</c> or
/// <c>yoy_pct(participants)</c>.
/// </summary>
/// <remarks>
/// Base measures are computed in the database from a few aggregate components (each named by the model file,
/// <c>builtin-model.json</c> for the built-in model, from the closed set in <see cref="MeasureAggregates"/>) and combined here. Time-intelligence measures
/// (<c>yoy_change(m)</c>, <c>yoy_pct(m)</c>, <c>running_total(m)</c>, <c>prior_year(m)</c>) wrap a base measure and need
/// <c>year</c> among the query's dimensions.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class MeasureDefinition
{
    internal MeasureDefinition(
        string name,
        LocalizedText label,
        string description,
        ColumnType type,
        ValueFormat format,
        FactSource source,
        IReadOnlyList<Component> components,
        Func<Func<Component, long?>, object?> combine,
        TimeFunction timeFunction = TimeFunction.None,
        MeasureDefinition? inner = null)
    {
        Name = name;
        Label = label;
        Description = description;
        ColumnType = type;
        ValueFormat = format;
        Source = source;
        Components = components;
        Combine = combine;
        TimeFunction = timeFunction;
        Inner = inner;
    }

    /// <summary>The name used in queries, order-by and result columns.</summary>
    public string Name { get; }

    /// <summary>The column label in English, Arabic and French.</summary>
    public LocalizedText Label { get; }

    /// <summary>The precise definition.</summary>
    public string Description { get; }

    /// <summary>The type of the values (<see cref="ColumnType.Integer"/> counts, <see cref="ColumnType.Number"/> ratios).</summary>
    public ColumnType ColumnType { get; }

    /// <summary>How values are shown.</summary>
    public ValueFormat ValueFormat { get; }

    /// <summary>Registry or published totals.</summary>
    public FactSource Source { get; }

    /// <summary>Whether this measure is computed over another one across years.</summary>
    public bool IsTimeIntelligence => TimeFunction != TimeFunction.None;

    /// <summary>For a time-intelligence measure, the measure it is computed over; otherwise null.</summary>
    public MeasureDefinition? Inner { get; }

    /// <summary>The aggregate components the database computes for this measure.</summary>
    internal IReadOnlyList<Component> Components { get; }

    /// <summary>Combines the component values of one row into the measure's value (long, double or null for unknown).</summary>
    internal Func<Func<Component, long?>, object?> Combine { get; }

    /// <summary>Which time-intelligence function this is, if any.</summary>
    internal TimeFunction TimeFunction { get; }

    /// <summary>
    /// For a measure a model file defines, its definition as written (<c>participants[attendance = "completed"] / participants</c>);
    /// null for a built-in measure.
    /// </summary>
    public string? Expression { get; internal init; }

    /// <summary>For a user measure, its kind in the model file (<c>expression</c>, <c>ratio</c>, <c>share</c>…); null for a built-in one.</summary>
    public string? Kind { get; internal init; }

    /// <summary>Whether a model file defines this measure (rather than the built-in model).</summary>
    public bool IsUserDefined => Expression is not null;

    /// <summary>
    /// For the built-in counts a user measure may restrict (<c>participants[gender = "female"]</c>), the count component a
    /// restriction filters; null for every other measure.
    /// </summary>
    internal Component? RestrictableCount { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
