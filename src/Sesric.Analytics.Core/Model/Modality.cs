namespace Sesric.Analytics.Model;

/// <summary>How an edition was delivered.</summary>
public enum Modality
{
    /// <summary>No source says.</summary>
    Unknown = 0,

    /// <summary>Participants met in one place.</summary>
    InPerson = 1,

    /// <summary>Online only.</summary>
    Virtual = 2,

    /// <summary>In person with online participation.</summary>
    Hybrid = 3,
}

/// <summary>Text forms of <see cref="Modality"/> used in CSV files, SQL and filters.</summary>
public static class ModalityText
{
    /// <summary>The snake-case code: <c>in_person</c>, <c>virtual</c>, <c>hybrid</c> or <c>unknown</c>.</summary>
    public static string Code(this Modality modality) => modality switch
    {
        Modality.InPerson => "in_person",
        Modality.Virtual => "virtual",
        Modality.Hybrid => "hybrid",
        _ => "unknown",
    };

    /// <summary>Parses a code; accepts <c>in-person</c> as written in the published sources, and blank as unknown.</summary>
    public static bool TryParse(string? text, out Modality modality)
    {
        modality = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "unknown" => Modality.Unknown,
            "in_person" or "in-person" or "in person" or "inperson" => Modality.InPerson,
            "virtual" or "online" => Modality.Virtual,
            "hybrid" => Modality.Hybrid,
            _ => (Modality)(-1),
        };
        return Enum.IsDefined(modality);
    }
}
