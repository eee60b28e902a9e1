using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Binding;

/// <summary>
/// Display names of dimension members in the three languages: member-state codes become names from the
/// catalogue ("TUR" → "Türkiye", "تركيا"), OIC groups, genders and modalities their translated names,
/// programme slugs their short names. Unknown members print as they are.
/// </summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class MemberLabels
{
    private static readonly Dictionary<string, LocalizedText> Fixed = new(StringComparer.Ordinal)
    {
        ["oic_group/Arab Group"] = new("Arab Group", "المجموعة العربية", "Groupe arabe"),
        ["oic_group/Asian Group"] = new("Asian Group", "المجموعة الآسيوية", "Groupe asiatique"),
        ["oic_group/African Group"] = new("African Group", "المجموعة الأفريقية", "Groupe africain"),
        ["oic_group/Unknown"] = new("Group unknown", "مجموعة غير معروفة", "Groupe inconnu"),
        ["gender/female"] = new("Female", "إناث", "Femmes"),
        ["gender/male"] = new("Male", "ذكور", "Hommes"),
        ["gender/unknown"] = new("Not recorded", "غير مسجل", "Non renseigné"),
        ["modality/virtual"] = new("Virtual", "افتراضي", "Virtuel"),
        ["modality/in_person"] = new("In person", "حضوري", "En présentiel"),
        ["modality/in-person"] = new("In person", "حضوري", "En présentiel"),
        ["modality/hybrid"] = new("Hybrid", "مختلط", "Hybride"),
    };

    private readonly Catalogue _catalogue;
    private readonly Specs.ReportVocabulary _vocabulary;

    /// <summary>
    /// Labels from <paramref name="catalogue"/> (countries and programmes) and the fixed translations; which dimensions
    /// name countries or programmes comes from <paramref name="vocabulary"/> (default: the built-in model's).
    /// </summary>
    public MemberLabels(Catalogue catalogue, Specs.ReportVocabulary? vocabulary = null)
    {
        _catalogue = catalogue;
        _vocabulary = vocabulary ?? Specs.ReportVocabulary.Default;
    }

    /// <summary>Labels without a catalogue: member states print as codes.</summary>
    public static MemberLabels None { get; } = new(Catalogue.Empty);

    /// <summary>The label of <paramref name="member"/> of <paramref name="dimension"/> in <paramref name="language"/>.</summary>
    public string Label(string dimension, string member, Language language)
    {
        if (Fixed.TryGetValue($"{dimension}/{member}", out var text))
        {
            return text.In(language);
        }
        var members = _vocabulary.Dimensions.TryGetValue(dimension, out var term) ? term.Members : Semantic.MemberReference.None;
        switch (members)
        {
            case Semantic.MemberReference.Country when CountryCode.TryParse(member, out var code) && _catalogue.TryGetCountry(code, out var country):
                return country.Name.In(language);
            case Semantic.MemberReference.Programme when ProgrammeId.TryParse(member, out var id) && _catalogue.TryGetProgramme(id, out var programme):
                return language == Language.English || programme.Name.In(language) == programme.Name.English ? programme.ShortName : programme.Name.In(language);
            default:
                return member;
        }
    }
}
