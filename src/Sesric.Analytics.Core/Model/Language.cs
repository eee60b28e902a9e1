namespace Sesric.Analytics.Model;

/// <summary>The OIC's official languages, in which SESRIC publishes.</summary>
public enum Language
{
    /// <summary>English (<c>en</c>).</summary>
    English,

    /// <summary>Arabic (<c>ar</c>), written right to left.</summary>
    Arabic,

    /// <summary>French (<c>fr</c>).</summary>
    French,
}

/// <summary>Conversions between <see cref="Language"/> and BCP 47 tags.</summary>
public static class LanguageTags
{
    /// <summary>The two-letter tag: <c>en</c>, <c>ar</c> or <c>fr</c>.</summary>
    public static string Tag(this Language language) => language switch
    {
        Language.Arabic => "ar",
        Language.French => "fr",
        _ => "en",
    };

    /// <summary>Parses <c>en</c>, <c>ar</c> or <c>fr</c> (case-insensitive).</summary>
    public static Language Parse(string tag) => tag.Trim().ToLowerInvariant() switch
    {
        "en" or "english" => Language.English,
        "ar" or "arabic" => Language.Arabic,
        "fr" or "french" => Language.French,
        _ => throw new FormatException($"'{tag}' is not a supported language; use en, ar or fr."),
    };
}
