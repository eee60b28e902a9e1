using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Where a dimension's values are read and how a filter's text becomes one: the part of a dimension that cannot honestly be
/// data, because it is SQL and code. A model file names one of <see cref="DimensionColumns"/> (<c>"column": "year"</c>);
/// its text never reaches a statement.
/// </summary>
/// <param name="Name">The name a model file uses (<c>participant_state</c>).</param>
/// <param name="Type">The type of the values it holds; a dimension reading it must declare this type.</param>
/// <param name="RegistrySql">The SQL over the fact view (alias <c>f</c>).</param>
/// <param name="EditionSql">The SQL over the edition table (alias <c>e</c>), or null when not an edition attribute.</param>
/// <param name="CountrySql">The SQL over the country table (alias <c>c</c>), or null when not a country attribute.</param>
/// <param name="Normalise">Turns a filter's text value into the stored form, or null when it is not a valid value.</param>
internal sealed record DimensionColumn(
    string Name,
    ColumnType Type,
    string RegistrySql,
    string? EditionSql,
    string? CountrySql,
    Func<string, string?> Normalise)
{
    /// <summary>See <see cref="DimensionDefinition.RegistryGroupBy"/>; null when <see cref="RegistrySql"/> serves.</summary>
    public string? RegistryGroupBy { get; init; }

    /// <summary>See <see cref="DimensionDefinition.EditionGroupBy"/>; null when <see cref="EditionSql"/> serves.</summary>
    public string? EditionGroupBy { get; init; }

    /// <summary>See <see cref="DimensionDefinition.OrderSql"/>; null for missing values first, then the value's own order.</summary>
    public string? OrderSql { get; init; }

    /// <summary>See <see cref="DimensionDefinition.RegistryOrderSql"/>.</summary>
    public string? RegistryOrderSql { get; init; }

    /// <summary>See <see cref="DimensionDefinition.EditionOrderSql"/>.</summary>
    public string? EditionOrderSql { get; init; }
}
