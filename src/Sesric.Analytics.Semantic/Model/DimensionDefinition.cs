using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// A named attribute results can be grouped and filtered by, such as <c>year</c> or <c>oic_group</c>.
/// </summary>
/// <remarks>
/// A dimension knows how to read itself from each table the engine reads: the registry fact view
/// (<see cref="RegistrySql"/>), the edition table (<see cref="EditionSql"/>, null for participant-level
/// attributes) and the member-state table (<see cref="CountrySql"/>, used by the <c>coverage</c> denominator).
/// These SQL fragments are fixed text written in <see cref="DimensionColumns"/>, which a model file chooses from by name; user input never reaches them.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class DimensionDefinition
{
    internal DimensionDefinition(
        string name,
        LocalizedText label,
        string description,
        ColumnType type,
        ValueFormat format,
        string registrySql,
        string? editionSql,
        string? countrySql,
        bool isNullable,
        Func<string, string?> normalise,
        string valueHint,
        string? registryGroupBy = null,
        string? editionGroupBy = null,
        string? orderSql = null,
        string? registryOrderSql = null,
        string? editionOrderSql = null,
        bool identifiesEdition = false,
        TimeGrain? time = null,
        bool ordered = false,
        MemberReference members = MemberReference.None,
        bool identifiesMemberState = false)
    {
        IdentifiesEdition = identifiesEdition;
        Time = time;
        IsOrdered = ordered || time is not null;
        Members = members;
        IdentifiesMemberState = identifiesMemberState;
        Name = name;
        Label = label;
        Description = description;
        ColumnType = type;
        ValueFormat = format;
        RegistrySql = registrySql;
        EditionSql = editionSql;
        CountrySql = countrySql;
        IsNullable = isNullable;
        Normalise = normalise;
        ValueHint = valueHint;
        RegistryGroupBy = registryGroupBy ?? registrySql;
        EditionGroupBy = editionGroupBy ?? editionSql;
        OrderSql = orderSql ?? "{0} NULLS FIRST";
        RegistryOrderSql = registryOrderSql;
        EditionOrderSql = editionOrderSql;
    }

    /// <summary>The name used in queries, filters and result columns (<c>member_state</c>).</summary>
    public string Name { get; }

    /// <summary>The column label in English, Arabic and French.</summary>
    public LocalizedText Label { get; }

    /// <summary>What the values mean, precisely.</summary>
    public string Description { get; }

    /// <summary>The type of the values.</summary>
    public ColumnType ColumnType { get; }

    /// <summary>How values are shown.</summary>
    public ValueFormat ValueFormat { get; }

    /// <summary>Whether the value can be missing (an edition with no known host country).</summary>
    public bool IsNullable { get; }

    /// <summary>Whether the dimension is an attribute of an edition, so published totals can be split by it.</summary>
    public bool IsEditionLevel => EditionSql is not null;

    /// <summary>Whether a value names one edition, so every edition attribute is a function of it (the <c>edition</c> dimension).</summary>
    public bool IdentifiesEdition { get; }

    /// <summary>The grain when the dimension is time (year, day), else null. Time intelligence needs a <see cref="TimeGrain.Year"/> dimension.</summary>
    public TimeGrain? Time { get; }

    /// <summary>Whether its values have a natural order (time, editions), so charts draw them along an axis rather than ranking them.</summary>
    public bool IsOrdered { get; }

    /// <summary>What its values name in the catalogue, for labels.</summary>
    public MemberReference Members { get; }

    /// <summary>Whether a value names the member state a participant represents (not, say, a host country).</summary>
    public bool IdentifiesMemberState { get; }

    /// <summary>
    /// What the dimension describes, for disclosure control: an edition attribute, the member state (an attribute of the
    /// country table), or else the person.
    /// </summary>
    public DisclosureLevel Level => EditionSql is not null ? DisclosureLevel.Edition : CountrySql is not null ? DisclosureLevel.MemberState : DisclosureLevel.Person;

    /// <summary>The SQL over the fact view (alias <c>f</c>).</summary>
    internal string RegistrySql { get; }

    /// <summary>The SQL over the edition table (alias <c>e</c>), or null when not an edition attribute.</summary>
    internal string? EditionSql { get; }

    /// <summary>The SQL over the country table (alias <c>c</c>), or null when not a country attribute.</summary>
    internal string? CountrySql { get; }

    /// <summary>
    /// What the fact view is grouped by for this dimension: the raw columns when <see cref="RegistrySql"/>
    /// builds a label from them, so the label is built once per result row rather than once per fact row.
    /// </summary>
    internal string RegistryGroupBy { get; }

    /// <summary>What the edition table is grouped by for this dimension (see <see cref="RegistryGroupBy"/>).</summary>
    internal string? EditionGroupBy { get; }

    /// <summary>
    /// The ORDER BY terms for the dimension's result column (<c>{0}</c>, quoted), in the order the engine builds
    /// results in (see <see cref="DimensionOrder"/>): missing values first, and for editions the number compared as
    /// a number, so the database returns cells already in order.
    /// </summary>
    internal string OrderSql { get; }

    /// <summary>
    /// The same order over the fact table's raw columns (alias <c>f</c>), for a statement that groups the fact table
    /// directly; null when <see cref="OrderSql"/> serves.
    /// </summary>
    internal string? RegistryOrderSql { get; }

    /// <summary>The same order over the edition table's raw columns (alias <c>e</c>); null when <see cref="OrderSql"/> serves.</summary>
    internal string? EditionOrderSql { get; }

    /// <summary>Turns a filter's text value into the stored form, or null when it is not a valid value.</summary>
    internal Func<string, string?> Normalise { get; }

    /// <summary>Describes the valid filter values, for error messages and the model description.</summary>
    public string ValueHint { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
