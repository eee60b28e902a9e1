using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Formatting;

/// <summary>
/// A count with its noun in agreement, per language: "1 value" / "4 values", "1 valeur" / "4 valeurs",
/// "قيمة واحدة" / "قيمتان" / "4 قيم" / "11 قيمة" / "100 قيمة". Each form is a template in which <c>{n}</c>
/// is the formatted count (Arabic's one and two forms name the count in words, as Arabic writes them).
/// </summary>
/// <remarks>
/// Arabic follows the CLDR rules (the grammar of the number–noun agreement): 1 and 2 take the singular and
/// the dual without a figure, 3–10 the plural, 11–99 the singular (accusative), and 100, 101, 102 … the
/// singular (genitive) — always by the last two digits, so 103 takes the plural again. French counts 0 and 1
/// as singular.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record CountedNoun(
    string EnglishOne, string EnglishOther,
    string FrenchOne, string FrenchOther,
    string ArabicOne, string ArabicTwo, string ArabicFew, string ArabicMany, string ArabicOther)
{
    /// <summary>The CLDR plural category of <paramref name="count"/> in <paramref name="language"/>.</summary>
    public static PluralCategory Category(long count, Language language)
    {
        var n = Math.Abs(count);
        switch (language)
        {
            case Language.Arabic:
                var lastTwo = n % 100;
                return n switch
                {
                    0 => PluralCategory.Zero,
                    1 => PluralCategory.One,
                    2 => PluralCategory.Two,
                    _ when lastTwo is >= 3 and <= 10 => PluralCategory.Few,
                    _ when lastTwo is >= 11 and <= 99 => PluralCategory.Many,
                    _ => PluralCategory.Other,
                };
            case Language.French:
                return n <= 1 ? PluralCategory.One : PluralCategory.Other;
            default:
                return n == 1 ? PluralCategory.One : PluralCategory.Other;
        }
    }

    /// <summary><paramref name="count"/> with the noun in agreement, the count formatted by <paramref name="formatter"/>.</summary>
    public string Format(long count, ValueFormatter formatter)
    {
        var language = formatter.Language;
        var template = (language, Category(count, language)) switch
        {
            (Language.Arabic, PluralCategory.One) => ArabicOne,
            (Language.Arabic, PluralCategory.Two) => ArabicTwo,
            (Language.Arabic, PluralCategory.Few) => ArabicFew,
            (Language.Arabic, PluralCategory.Many) => ArabicMany,
            (Language.Arabic, _) => ArabicOther,
            (Language.French, PluralCategory.One) => FrenchOne,
            (Language.French, _) => FrenchOther,
            (_, PluralCategory.One) => EnglishOne,
            _ => EnglishOther,
        };
        return template.Replace("{n}", formatter.Format((double)count, Sesric.Analytics.Querying.ValueFormat.Integer), StringComparison.Ordinal);
    }
}
