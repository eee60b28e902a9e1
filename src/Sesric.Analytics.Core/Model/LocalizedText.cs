namespace Sesric.Analytics.Model;

/// <summary>
/// A text in the OIC's three official languages. English is required; Arabic and French are
/// optional (null where no source or translation is known) and fall back to English.
/// </summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record LocalizedText
{
    /// <summary>Builds a text; <paramref name="english"/> must not be blank.</summary>
    public LocalizedText(string english, string? arabic = null, string? french = null)
    {
        English = Preconditions.CheckNotBlank(english);
        Arabic = string.IsNullOrWhiteSpace(arabic) ? null : arabic;
        French = string.IsNullOrWhiteSpace(french) ? null : french;
    }

    /// <summary>The English text.</summary>
    public string English { get; }

    /// <summary>The Arabic text, or null where unknown.</summary>
    public string? Arabic { get; }

    /// <summary>The French text, or null where unknown.</summary>
    public string? French { get; }

    /// <summary>The text in <paramref name="language"/>, falling back to English.</summary>
    public string In(Language language) => language switch
    {
        Language.Arabic => Arabic ?? English,
        Language.French => French ?? English,
        _ => English,
    };

    /// <inheritdoc/>
    public override string ToString() => English;
}
