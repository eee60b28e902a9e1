namespace Sesric.Analytics.Querying;

/// <summary>How a column's values are shown to people (the culture decides separators).</summary>
public enum ValueFormat
{
    /// <summary>Text as is.</summary>
    Text,

    /// <summary>A whole number with thousands separators ("1,234").</summary>
    Integer,

    /// <summary>A number with one decimal place ("12.5").</summary>
    Decimal,

    /// <summary>A share in [0, 1] shown as a percentage with one decimal ("48.1 %").</summary>
    Percent,

    /// <summary>A year: digits only, never a thousands separator ("2020", not "2,020").</summary>
    Year,

    /// <summary>A signed change with thousands separators ("+31", "−15").</summary>
    SignedInteger,

    /// <summary>A signed percentage change ("+38.3 %").</summary>
    SignedPercent,
}
