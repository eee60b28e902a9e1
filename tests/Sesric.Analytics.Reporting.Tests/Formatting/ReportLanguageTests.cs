using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting.Tests.Formatting;

/// <summary>
/// Whole annual reports rendered in Arabic and French, read back as a reader sees them (the HTML's text, the
/// charts' text layers, titles and alt texts): no English words, each language's punctuation, Arabic number
/// agreement, and country names with their accents.
/// </summary>
public sealed class ReportLanguageTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");

    /// <summary>Every text a reader sees in the report, one string per text node.</summary>
    private async Task<IReadOnlyList<string>> ReportTextsAsync(int year, Language language)
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var report = AnnualReport.Build(Diplomacy, year, catalogue);
        var html = await ReportRenderer.RenderHtmlAsync(report, new QueryEngine(seeded.Store), language, options: AnnualReport.RenderOptions(catalogue, null));
        html = Regex.Replace(html, "<style>.*?</style>", "", RegexOptions.Singleline);
        return [.. Regex.Split(html, "<[^>]*>")
            .Select(t => WebUtility.HtmlDecode(t).Trim())
            .Where(t => t.Length > 0)];
    }

    /// <summary>Words of the library's English phrases that are not also words of its French ones ("chart", "vs", "highest").</summary>
    private static HashSet<string> EnglishOnlyWords()
    {
        var english = new List<string>();
        var french = new List<string>();
        foreach (var property in typeof(Phrases).GetProperties())
        {
            switch (property.GetValue(null))
            {
                case LocalizedText text:
                    english.Add(text.English);
                    french.Add(text.French ?? "");
                    break;
                case CountedNoun noun:
                    english.AddRange([noun.EnglishOne, noun.EnglishOther]);
                    french.AddRange([noun.FrenchOne, noun.FrenchOther]);
                    break;
            }
        }
        english.AddRange(ChartTypeNames.All.Values.Select(n => n.English));
        english.AddRange(MarkNames.All.SelectMany(n => n.Split('-')));
        french.AddRange(ChartTypeNames.All.Values.Select(n => n.French ?? ""));
        var frenchWords = Words(string.Join(' ', french)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Words(string.Join(' ', english)).Where(w => w.Length > 1 && !frenchWords.Contains(w)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Words(string text) => Regex.Matches(text, @"\p{L}+").Select(m => m.Value);

    [Theory]
    [InlineData(2020)]
    [InlineData(2022)]
    public async Task The_french_report_has_no_english_words_and_french_spacing_before_colons(int year)
    {
        var texts = await ReportTextsAsync(year, Language.French);
        var englishOnly = EnglishOnlyWords();
        Assert.Contains("chart", englishOnly);
        Assert.Contains("vs", englishOnly);

        var leaks = texts.SelectMany(t => Words(t).Where(englishOnly.Contains).Select(w => $"'{w}' in \"{t}\"")).Distinct().ToList();
        Assert.True(leaks.Count == 0, "English words in the French report:\n" + string.Join('\n', leaks.Take(20)));

        // : ; ! ? take a no-break space before them (a colon between digits, as in a time, is not punctuation).
        var badSpacing = texts.Where(t => Regex.IsMatch(t, @"(?<![\u00A0\u202F])[;!?]|(?<![\u00A0\u202F\d]):|(?<=\d):(?!\d)")).ToList();
        Assert.True(badSpacing.Count == 0, "French punctuation without its no-break space:\n" + string.Join('\n', badSpacing.Take(20)));
        Assert.Contains(texts, t => t.Contains("\u00A0: ", StringComparison.Ordinal));
        Assert.Contains(texts, t => Regex.IsMatch(t, @"\d+ valeurs\."));
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2022)]
    public async Task The_arabic_report_has_no_english_words_arabic_punctuation_and_counts_that_agree(int year)
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var texts = await ReportTextsAsync(year, Language.Arabic);

        // Latin script is allowed only for the programme's own name (a proper noun) and its id in the filter caption, and for
        // the perturbation table's version (an identifier) that every footer with adjusted counts names.
        var table = Semantic.PerturbationTable.Current.Version;
        Assert.Contains(texts, t => t.Contains($"({table})", StringComparison.Ordinal) && t.Contains("لحماية الخصوصية", StringComparison.Ordinal));
        var allowed = catalogue.Programmes.SelectMany(p => new[] { p.ShortName, p.Id.Value }).ToHashSet(StringComparer.Ordinal);
        var latin = texts.Select(t => t.Replace(table, "", StringComparison.Ordinal)).SelectMany(t => Regex.Matches(t, @"[A-Za-z][A-Za-z\-]*").Select(m => m.Value).Where(w => !allowed.Contains(w)).Select(w => $"'{w}' in \"{t}\"")).Distinct().ToList();
        Assert.True(latin.Count == 0, "Latin words in the Arabic report:\n" + string.Join('\n', latin.Take(20)));

        var latinPunctuation = texts.Where(t => t.Contains(';') || t.Contains(", ", StringComparison.Ordinal)).ToList();
        Assert.True(latinPunctuation.Count == 0, "Latin comma or semicolon in Arabic text:\n" + string.Join('\n', latinPunctuation.Take(20)));
        Assert.Contains(texts, t => t.Contains('؛'));
        Assert.Contains(texts, t => t.Contains('،'));

        // Every count of values agrees with its number: 3–10 the plural, 11–99 and 100… the singular, 1 and 2 in words.
        var counts = texts.SelectMany(t => Regex.Matches(t, @"(\d[\d,]*) (قيمة|قيم|قيمتان|خلية|خلايا|خليتان)(?=[\s.؛،)]|$)")).ToList();
        Assert.NotEmpty(counts);
        foreach (var match in counts)
        {
            var n = long.Parse(match.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
            var noun = match.Groups[2].Value;
            var plural = noun is "قيم" or "خلايا";
            var category = CountedNoun.Category(n, Language.Arabic);
            Assert.True(category is not (PluralCategory.One or PluralCategory.Two), $"'{match.Value}': one and two are written in words (قيمة واحدة، قيمتان)");
            Assert.True(plural == (category == PluralCategory.Few), $"'{match.Value}': {n} takes the {(category == PluralCategory.Few ? "plural" : "singular")}");
        }
    }

    [Fact]
    public async Task Country_names_keep_their_accents_in_every_language()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var turkiye = catalogue.Countries.Single(c => c.Code.Value == "TUR").Name;
        var ivoire = catalogue.Countries.Single(c => c.Code.Value == "CIV").Name;
        Assert.Equal(("Türkiye", "Türkiye"), (turkiye.English, turkiye.French));
        Assert.Equal(("Côte d'Ivoire", "كوت ديفوار", "Côte d'Ivoire"), (ivoire.English, ivoire.Arabic, ivoire.French));

        // The UN's English short names that carry diacritics are never written without them.
        static string Fold(string s) => new([.. s.Normalize(System.Text.NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
        string[] accented = ["Côte d'Ivoire", "Türkiye"];
        var stripped = catalogue.Countries.Select(c => c.Name.English).Where(n => accented.Any(a => Fold(a) == n)).ToList();
        Assert.True(stripped.Count == 0, "English names without their accents: " + string.Join(", ", stripped));

        var texts = await ReportTextsAsync(2022, Language.English);
        Assert.DoesNotContain(texts, t => t.Contains("Turkiye", StringComparison.Ordinal) || t.Contains("Cote d", StringComparison.Ordinal));
    }
}
