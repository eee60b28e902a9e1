namespace Sesric.Analytics.Model;

/// <summary>The OIC's three geographic groups.</summary>
public enum OicGroup
{
    /// <summary>Not known (Guyana and Suriname in the published lists).</summary>
    Unknown = 0,

    /// <summary>The African Group.</summary>
    African = 1,

    /// <summary>The Arab Group.</summary>
    Arab = 2,

    /// <summary>The Asian Group.</summary>
    Asian = 3,
}

/// <summary>How a member state's <see cref="OicGroup"/> is known.</summary>
public enum GroupBasis
{
    /// <summary>No source and no rule assigns it.</summary>
    Unknown = 0,

    /// <summary>Read in a source.</summary>
    Read = 1,

    /// <summary>Inferred by a documented rule (Arab League members as Arab Group, and so on).</summary>
    Inferred = 2,
}

/// <summary>Text forms of <see cref="OicGroup"/> and <see cref="GroupBasis"/>.</summary>
public static class OicGroupText
{
    /// <summary>The group's English name as published ("Arab Group"), or "Unknown".</summary>
    public static string Name(this OicGroup group) => group switch
    {
        OicGroup.African => "African Group",
        OicGroup.Arab => "Arab Group",
        OicGroup.Asian => "Asian Group",
        _ => "Unknown",
    };

    /// <summary>Parses "Arab Group", "arab" and so on; blank is <see cref="OicGroup.Unknown"/>.</summary>
    public static bool TryParse(string? text, out OicGroup group)
    {
        group = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "unknown" => OicGroup.Unknown,
            "african group" or "african" => OicGroup.African,
            "arab group" or "arab" => OicGroup.Arab,
            "asian group" or "asian" => OicGroup.Asian,
            _ => (OicGroup)(-1),
        };
        return Enum.IsDefined(group);
    }

    /// <summary>The basis code: <c>read</c>, <c>inferred</c> or <c>unknown</c>.</summary>
    public static string Code(this GroupBasis basis) => basis switch
    {
        GroupBasis.Read => "read",
        GroupBasis.Inferred => "inferred",
        _ => "unknown",
    };

    /// <summary>Parses a basis code.</summary>
    public static bool TryParseBasis(string? text, out GroupBasis basis)
    {
        basis = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "unknown" => GroupBasis.Unknown,
            "read" => GroupBasis.Read,
            "inferred" => GroupBasis.Inferred,
            _ => (GroupBasis)(-1),
        };
        return Enum.IsDefined(basis);
    }
}
