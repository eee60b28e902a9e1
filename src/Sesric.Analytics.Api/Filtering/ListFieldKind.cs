namespace Sesric.Analytics.Api.Filtering;

/// <summary>What a List method's field holds, and so which filter literals it can be compared with.</summary>
public enum ListFieldKind
{
    /// <summary>Text, compared with quoted literals ignoring case: <c>modality = "virtual"</c>.</summary>
    Text,

    /// <summary>A whole number, compared with number literals: <c>year &gt;= 2020</c>.</summary>
    Number,
}
