namespace Sesric.Analytics.Semantic;

/// <summary>The kinds of filter literal.</summary>
public enum FilterValueKind
{
    /// <summary>A quoted string: <c>"diplomacy-cab"</c> or <c>'Arab Group'</c>.</summary>
    String,

    /// <summary>A whole number: <c>2020</c>.</summary>
    Number,

    /// <summary>A date, <c>2020-09-14</c>.</summary>
    Date,
}
