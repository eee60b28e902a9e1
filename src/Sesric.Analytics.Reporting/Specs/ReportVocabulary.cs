using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Reporting.Specs;

/// <summary>The measures and dimensions a spec may name, with labels and formats.</summary>
/// <param name="Measures">Measures by model name.</param>
/// <param name="Dimensions">Dimensions by model name.</param>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record ReportVocabulary(
    IReadOnlyDictionary<string, ReportVocabulary.MeasureTerm> Measures,
    IReadOnlyDictionary<string, ReportVocabulary.DimensionTerm> Dimensions)
{
    /// <summary>A measure the spec may name.</summary>
    /// <param name="Label">Its label.</param>
    /// <param name="Format">How its values are shown.</param>
    public sealed record MeasureTerm(LocalizedText Label, ValueFormat Format);

    /// <summary>A dimension the spec may name.</summary>
    /// <param name="Label">Its label.</param>
    /// <param name="Kind">Ordered (time) or members.</param>
    /// <param name="Type">The type of its values (filters on integer dimensions need integers).</param>
    public sealed record DimensionTerm(LocalizedText Label, DimensionKind Kind, ColumnType Type);

    /// <summary>
    /// The measures and dimensions of the project's semantic model (participants, member states, coverage,
    /// female share, editions; year, edition, programme, member state, OIC group, gender, modality, host).
    /// </summary>
    public static ReportVocabulary Default { get; } = new(
        new Dictionary<string, MeasureTerm>(StringComparer.Ordinal)
        {
            ["participants"] = new(new("Participants", "المشاركون", "Participants"), ValueFormat.Integer),
            ["member_states"] = new(new("Member states represented", "الدول الأعضاء الممثلة", "États membres représentés"), ValueFormat.Integer),
            ["coverage"] = new(new("Coverage of member states", "نسبة تغطية الدول الأعضاء", "Couverture des États membres"), ValueFormat.Percent),
            ["female_share"] = new(new("Female share", "نسبة الإناث", "Part des femmes"), ValueFormat.Percent),
            ["editions"] = new(new("Editions", "الدورات", "Éditions"), ValueFormat.Integer),
            ["new_member_states"] = new(new("New member states", "الدول الأعضاء الجديدة", "Nouveaux États membres"), ValueFormat.Integer),
        },
        new Dictionary<string, DimensionTerm>(StringComparer.Ordinal)
        {
            ["year"] = new(new("Year", "السنة", "Année"), DimensionKind.Ordered, ColumnType.Integer),
            ["edition"] = new(new("Edition", "الدورة", "Édition"), DimensionKind.Ordered, ColumnType.String),
            ["programme"] = new(new("Programme", "البرنامج", "Programme"), DimensionKind.Members, ColumnType.String),
            ["member_state"] = new(new("Member state", "الدولة العضو", "État membre"), DimensionKind.Members, ColumnType.String),
            ["oic_group"] = new(new("OIC group", "مجموعة منظمة التعاون الإسلامي", "Groupe de l'OCI"), DimensionKind.Members, ColumnType.String),
            ["gender"] = new(new("Gender", "الجنس", "Genre"), DimensionKind.Members, ColumnType.String),
            ["modality"] = new(new("Modality", "طريقة التنفيذ", "Modalité"), DimensionKind.Members, ColumnType.String),
            ["host"] = new(new("Host", "البلد المضيف", "Pays hôte"), DimensionKind.Members, ColumnType.String),
        });
}