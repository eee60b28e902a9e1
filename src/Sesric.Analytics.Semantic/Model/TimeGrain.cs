namespace Sesric.Analytics.Semantic;

/// <summary>The grain of a time dimension: what one of its values spans.</summary>
public enum TimeGrain
{
    /// <summary>A calendar year; time intelligence (year-over-year, running totals) steps along it.</summary>
    Year,

    /// <summary>A calendar day.</summary>
    Day,
}
