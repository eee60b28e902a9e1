using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Formatting;

/// <summary>
/// The punctuation that joins parts of a generated sentence, per language: the Arabic comma and semicolon
/// (، ؛) in Arabic, and in French the no-break spaces the Imprimerie nationale asks for before a colon
/// (U+00A0) and before ; ! ? (narrow, U+202F), so the sign never starts a line on its own.
/// </summary>
/// <remarks>Every sentence the library composes joins its parts through these members, never through literal
/// ", " or ": " (a test scans rendered Arabic and French reports for the English forms).</remarks>
public static class Punctuation
{
    /// <summary>A no-break space, before a French colon.</summary>
    public const char NoBreakSpace = '\u00A0';

    /// <summary>A narrow no-break space, before French ; ! ? and in French numbers.</summary>
    public const char NarrowNoBreakSpace = '\u202F';

    /// <summary>The Arabic comma.</summary>
    public const char ArabicComma = '\u060C';

    /// <summary>The Arabic semicolon.</summary>
    public const char ArabicSemicolon = '\u061B';

    /// <summary>"label: value" with the language's colon.</summary>
    public static string Colon(Language language) => language == Language.French ? "\u00A0: " : ": ";

    /// <summary>The separator of list items: ", " or "، ".</summary>
    public static string Comma(Language language) => language == Language.Arabic ? "\u060C " : ", ";

    /// <summary>The separator of clauses: "; ", "؛ " or " ; " (narrow no-break space before).</summary>
    public static string Semicolon(Language language) => language switch
    {
        Language.Arabic => "\u061B ",
        Language.French => "\u202F; ",
        _ => "; ",
    };

    /// <summary>Joins <paramref name="items"/> with the language's comma.</summary>
    public static string JoinList(IEnumerable<string> items, Language language) => string.Join(Comma(language), items);

    /// <summary>Joins <paramref name="clauses"/> with the language's semicolon.</summary>
    public static string JoinClauses(IEnumerable<string> clauses, Language language) => string.Join(Semicolon(language), clauses);

    /// <summary>"<paramref name="label"/>: <paramref name="value"/>" with the language's colon.</summary>
    public static string Labelled(string label, string value, Language language) => label + Colon(language) + value;
}
