namespace Sesric.Analytics.Semantic;

/// <summary>What a dimension's values name in the catalogue, so that labels (a country's or programme's name) can be looked up.</summary>
public enum MemberReference
{
    /// <summary>Plain values with no catalogue entry (a year, a gender code).</summary>
    None,

    /// <summary>A programme slug.</summary>
    Programme,

    /// <summary>An edition as programme/number.</summary>
    Edition,

    /// <summary>A country's ISO alpha-3 code.</summary>
    Country,
}
