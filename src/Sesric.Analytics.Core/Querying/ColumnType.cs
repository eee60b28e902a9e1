namespace Sesric.Analytics.Querying;

/// <summary>The type of the values in a result column.</summary>
public enum ColumnType
{
    /// <summary>Text; cells hold <see cref="string"/>.</summary>
    String,

    /// <summary>Whole numbers; cells hold <see cref="long"/>.</summary>
    Integer,

    /// <summary>Real numbers (ratios, shares, averages); cells hold <see cref="double"/>.</summary>
    Number,

    /// <summary>Calendar dates; cells hold <see cref="DateOnly"/>.</summary>
    Date,
}
