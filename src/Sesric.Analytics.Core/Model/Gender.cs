namespace Sesric.Analytics.Model;

/// <summary>A participant's gender as recorded; <see cref="Unknown"/> where not recorded.</summary>
public enum Gender
{
    /// <summary>Not recorded: excluded from the denominator of gender shares.</summary>
    Unknown = 0,

    /// <summary>Female.</summary>
    Female = 1,

    /// <summary>Male.</summary>
    Male = 2,
}

/// <summary>Text forms of <see cref="Gender"/>: <c>female</c>, <c>male</c>, <c>unknown</c>.</summary>
public static class GenderText
{
    /// <summary>The lower-case code.</summary>
    public static string Code(this Gender gender) => gender switch
    {
        Gender.Female => "female",
        Gender.Male => "male",
        _ => "unknown",
    };

    /// <summary>Parses <c>female</c>/<c>f</c>, <c>male</c>/<c>m</c>, blank or <c>unknown</c>.</summary>
    public static bool TryParse(string? text, out Gender gender)
    {
        gender = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "unknown" or "u" => Gender.Unknown,
            "female" or "f" => Gender.Female,
            "male" or "m" => Gender.Male,
            _ => (Gender)(-1),
        };
        return Enum.IsDefined(gender);
    }
}
