namespace Sesric.Analytics.Reporting.Formatting;

/// <summary>The CLDR plural categories a count selects a noun form by.</summary>
public enum PluralCategory
{
    /// <summary>Arabic 0.</summary>
    Zero,

    /// <summary>1 (French also 0).</summary>
    One,

    /// <summary>Arabic 2: the dual.</summary>
    Two,

    /// <summary>Arabic 3–10 (by the last two digits): the plural, "3 قيم".</summary>
    Few,

    /// <summary>Arabic 11–99 (by the last two digits): the singular in the accusative, "11 قيمة".</summary>
    Many,

    /// <summary>Everything else: English and French plurals; Arabic 100, 101, 102, … (singular).</summary>
    Other,
}
