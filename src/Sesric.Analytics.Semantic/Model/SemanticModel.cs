using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The named measures and dimensions queries are written in: the one place where "participants",
/// "coverage" or "oic_group" is defined.
/// </summary>
/// <remarks>
/// <para>Registry measures read the <c>participation_fact</c> table and count only participations whose
/// attendance is <c>attended</c> or <c>completed</c> (no-shows and bare registrations are not
/// participations). Published measures read the <c>edition</c> table.</para>
/// <para>Time-intelligence measures are written as a function of a base measure:
/// <c>yoy_change(participants)</c>, <c>yoy_pct(member_states)</c>, <c>running_total(participations)</c>.</para>
/// <para>To add a dimension, add one entry to <see cref="DefaultDimensions"/>; to add a measure, add one
/// entry to <see cref="DefaultMeasures"/> (with its components in <see cref="Components"/>). Users add measures
/// without recompiling through a model file (<see cref="ModelExtension"/>, <see cref="With"/>,
/// <see cref="SemanticModelFile.Load"/>).</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class SemanticModel
{
    private readonly Dictionary<string, MeasureDefinition> _measures;
    private readonly Dictionary<string, DimensionDefinition> _dimensions;
    private readonly ConcurrentDictionary<string, MeasureDefinition?> _composed = new(StringComparer.Ordinal);

    private SemanticModel(IReadOnlyList<MeasureDefinition> measures, IReadOnlyList<DimensionDefinition> dimensions)
    {
        Measures = measures;
        Dimensions = dimensions;
        _measures = measures.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _dimensions = dimensions.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>The built-in model.</summary>
    public static SemanticModel Default { get; } = new(DefaultMeasures(), DefaultDimensions());

    /// <summary>
    /// This model with the measures of <paramref name="extension"/> added after its own (a model file's measures, see
    /// <see cref="ModelExtension"/>): every name, restriction and type is checked here, once.
    /// </summary>
    /// <returns>A new model; this one is unchanged.</returns>
    /// <exception cref="ModelFileException">A measure is invalid; the message names its path in the file and the position.</exception>
    public SemanticModel With(ModelExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (extension.Specs.Count == 0)
        {
            return this;
        }
        var added = UserMeasureCompiler.Compile(this, extension);
        return new SemanticModel([.. Measures, .. added], Dimensions);
    }

    /// <summary>The base measures, in documentation order (time-intelligence forms are listed in <see cref="TimeIntelligenceFunctions"/>).</summary>
    public IReadOnlyList<MeasureDefinition> Measures { get; }

    /// <summary>The dimensions, in documentation order.</summary>
    public IReadOnlyList<DimensionDefinition> Dimensions { get; }

    /// <summary>The time-intelligence functions, each applied to a base measure as <c>name(measure)</c>.</summary>
    public static IReadOnlyList<string> TimeIntelligenceFunctions { get; } = ["yoy_change", "yoy_pct", "running_total"];

    /// <summary>
    /// Looks up a measure by name: a base measure (<c>participants</c>) or a time-intelligence form
    /// (<c>yoy_pct(participants)</c>, spaces allowed inside the parentheses).
    /// </summary>
    public bool TryGetMeasure(string name, [NotNullWhen(true)] out MeasureDefinition? measure)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (_measures.TryGetValue(trimmed, out measure))
        {
            return true;
        }
        measure = _composed.GetOrAdd(trimmed, Compose);
        return measure is not null;
    }

    /// <summary>Looks up a dimension by name.</summary>
    public bool TryGetDimension(string name, [NotNullWhen(true)] out DimensionDefinition? dimension)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _dimensions.TryGetValue(name.Trim(), out dimension);
    }

    /// <summary>The valid measure names, comma-separated, for error messages.</summary>
    public string MeasureNames =>
        string.Join(", ", Measures.Select(m => m.Name)) + ", and " + string.Join(", ", TimeIntelligenceFunctions.Select(f => f + "(<measure>)"));

    /// <summary>The valid dimension names, comma-separated, for error messages.</summary>
    public string DimensionNames => string.Join(", ", Dimensions.Select(d => d.Name));

    private MeasureDefinition? Compose(string name)
    {
        var open = name.IndexOf('(');
        if (open <= 0 || !name.EndsWith(')'))
        {
            return null;
        }
        var function = name[..open].Trim() switch
        {
            "yoy_change" => TimeFunction.YoyChange,
            "yoy_pct" => TimeFunction.YoyPct,
            "running_total" => TimeFunction.RunningTotal,
            _ => TimeFunction.None,
        };
        if (function == TimeFunction.None || !_measures.TryGetValue(name[(open + 1)..^1].Trim(), out var inner))
        {
            return null;
        }
        return TimeIntelligence(function, inner);
    }

    private static MeasureDefinition TimeIntelligence(TimeFunction function, MeasureDefinition inner)
    {
        var l = inner.Label;
        return function switch
        {
            TimeFunction.YoyChange => new MeasureDefinition(
                $"yoy_change({inner.Name})",
                new LocalizedText($"{l.English}: change on previous year", $"{l.In(Language.Arabic)}: التغير عن السنة السابقة", $"{l.In(Language.French)}\u00A0: variation sur un an"),
                $"{inner.Name} in the row's year minus {inner.Name} in the year before, for the same values of the other dimensions and under the same filter with the year shifted; unknown when either year has no value.",
                inner.ColumnType,
                inner.ValueFormat switch
                {
                    ValueFormat.Integer => ValueFormat.SignedInteger,
                    ValueFormat.Percent => ValueFormat.SignedPercent,
                    var other => other,
                },
                inner.Source, inner.Components, inner.Combine, function, inner),
            TimeFunction.YoyPct => new MeasureDefinition(
                $"yoy_pct({inner.Name})",
                new LocalizedText($"{l.English}: % change on previous year", $"{l.In(Language.Arabic)}: نسبة التغير عن السنة السابقة", $"{l.In(Language.French)}\u00A0: variation en % sur un an"),
                $"(this year's {inner.Name} - previous year's) / previous year's, as a share; unknown when either year has no value or the previous year's is zero.",
                ColumnType.Number, ValueFormat.SignedPercent,
                inner.Source, inner.Components, inner.Combine, function, inner),
            _ => new MeasureDefinition(
                $"running_total({inner.Name})",
                new LocalizedText($"{l.English}: running total", $"{l.In(Language.Arabic)}: المجموع التراكمي", $"{l.In(Language.French)}\u00A0: total cumulé"),
                $"The sum of the yearly values of {inner.Name} over this and every earlier year in the result, for the same values of the other dimensions (a person counted in two years counts twice).",
                inner.ColumnType, inner.ValueFormat,
                inner.Source, inner.Components, inner.Combine, function, inner),
        };
    }

    private static object? Ratio(long? numerator, long? denominator) =>
        numerator is { } n && denominator is { } d && d != 0 ? (double)n / d : null;

    /// <summary>The built-in measures. Add a measure here.</summary>
    private static MeasureDefinition[] DefaultMeasures()
    {
        return
        [
            new("participants",
                new LocalizedText("Participants", "المشاركون", "Participants"),
                "Distinct people with at least one counted participation (attended or completed) in the row.",
                ColumnType.Integer, ValueFormat.Integer, FactSource.Registry,
                [Components.People], get => get(Components.People))
            {
                RestrictableCount = Components.People,
            },
            new("participations",
                new LocalizedText("Participations", "المشاركات", "Participations"),
                "Counted participations (one person at one edition, attended or completed) in the row; a person at two editions counts twice.",
                ColumnType.Integer, ValueFormat.Integer, FactSource.Registry,
                [Components.Participations], get => get(Components.Participations))
            {
                RestrictableCount = Components.Participations,
            },
            new("editions",
                new LocalizedText("Editions", "الدورات", "Éditions"),
                "Distinct editions with at least one counted participation in the row (editions with no registry are counted only by published measures).",
                ColumnType.Integer, ValueFormat.Integer, FactSource.Registry,
                [Components.Editions], get => get(Components.Editions)),
            new("member_states",
                new LocalizedText("Member states represented", "الدول الأعضاء الممثلة", "États membres représentés"),
                "Distinct member states represented: states with a counted participant that were OIC members in good standing on the edition's reference date (start date, else 1 July). Observers and suspended members (Syria, Aug 2012 - Mar 2025) are not counted.",
                ColumnType.Integer, ValueFormat.Integer, FactSource.Registry,
                [Components.MemberStates], get => get(Components.MemberStates)),
            new("coverage",
                new LocalizedText("Member-state coverage", "نسبة تغطية الدول الأعضاء", "Couverture des États membres"),
                "member_states / eligible states, where eligible states are the distinct states that were OIC members in good standing on the reference date of at least one edition in the row that has registry data, matching the row's dimensions and the filter. Cannot be split or filtered by gender.",
                ColumnType.Number, ValueFormat.Percent, FactSource.Registry,
                [Components.MemberStates, Components.EligibleStates],
                get => Ratio(get(Components.MemberStates), get(Components.EligibleStates))),
            new("female_share",
                new LocalizedText("Share of women", "نسبة النساء", "Part des femmes"),
                "Distinct women / distinct participants of known gender (women and men); participants of unknown gender are left out of both. Unknown when no gender is known.",
                ColumnType.Number, ValueFormat.Percent, FactSource.Registry,
                [Components.Women, Components.Men],
                get => Ratio(get(Components.Women), get(Components.Women) + get(Components.Men))),
            new("participants_per_edition",
                new LocalizedText("Participants per edition", "المشاركون لكل دورة", "Participants par édition"),
                "The mean number of participants per edition in the row: participations / editions.",
                ColumnType.Number, ValueFormat.Decimal, FactSource.Registry,
                [Components.Participations, Components.Editions],
                get => Ratio(get(Components.Participations), get(Components.Editions))),
            new("new_member_states",
                new LocalizedText("New member states", "الدول الأعضاء الجديدة", "Nouveaux États membres"),
                "Distinct member states represented in the row at the first edition at which they were ever represented (as members) in that programme, judged over all data regardless of the filter.",
                ColumnType.Integer, ValueFormat.Integer, FactSource.Registry,
                [Components.NewMemberStates], get => get(Components.NewMemberStates)),
            new("returning_share",
                new LocalizedText("Share of returning participants", "نسبة المشاركين العائدين", "Part des participants revenus"),
                "Distinct participants who, at a participation in the row, had attended an earlier edition of the same programme / participants; judged over all data regardless of the filter.",
                ColumnType.Number, ValueFormat.Percent, FactSource.Registry,
                [Components.Returning, Components.People, Components.FirstTime],
                get => Ratio(get(Components.Returning), get(Components.Returning) + get(Components.FirstTime))),
            new("published_participants",
                new LocalizedText("Participants (published)", "المشاركون (الرقم المنشور)", "Participants (publiés)"),
                "The sum of the participant totals published for the editions in the row (a figure published as 'more than N' counts as N). Unknown unless every edition in the row has a published figure. Only edition-level dimensions and filters apply.",
                ColumnType.Integer, ValueFormat.Integer, FactSource.Published,
                [Components.PublishedParticipants, Components.PublishedParticipantsKnown, Components.EditionsHeld],
                get => get(Components.PublishedParticipantsKnown) is { } known && known > 0 && known == get(Components.EditionsHeld)
                    ? get(Components.PublishedParticipants) : null),
            new("published_member_states",
                new LocalizedText("Member states (published)", "الدول الأعضاء (الرقم المنشور)", "États membres (publiés)"),
                "The member-state count published for the row's edition. Unknown when the row spans several editions (published counts cannot be added up: states repeat) or none was published. Only edition-level dimensions and filters apply.",
                ColumnType.Integer, ValueFormat.Integer, FactSource.Published,
                [Components.PublishedMemberStates, Components.PublishedMemberStatesKnown, Components.EditionsHeld],
                get => get(Components.EditionsHeld) == 1 && get(Components.PublishedMemberStatesKnown) == 1
                    ? get(Components.PublishedMemberStates) : null),
        ];
    }

    /// <summary>The built-in dimensions. Add a dimension here.</summary>
    private static DimensionDefinition[] DefaultDimensions() =>
    [
        new("programme",
            new LocalizedText("Programme", "البرنامج", "Programme"),
            "The programme's slug, such as diplomacy-cab.",
            ColumnType.String, ValueFormat.Text,
            "f.programme_id", "e.programme_id", null, false,
            text => ProgrammeId.TryParse(text.Trim(), out var id) ? id.Value : null,
            "a programme slug such as \"diplomacy-cab\"",
            members: MemberReference.Programme),
        new("edition",
            new LocalizedText("Edition", "الدورة", "Édition"),
            "The edition as programme/number, such as diplomacy-cab/4; editions sort by programme, then by number (oic-statcom/8 before oic-statcom/11).",
            ColumnType.String, ValueFormat.Text,
            "f.programme_id || '/' || CAST(f.edition_number AS VARCHAR)", "e.programme_id || '/' || CAST(e.edition_number AS VARCHAR)", null, false,
            static text =>
            {
                try
                {
                    return EditionId.Parse(text.Trim()).ToString();
                }
                catch (FormatException)
                {
                    return null;
                }
            },
            "programme/number such as \"diplomacy-cab/4\"",
            registryGroupBy: "f.programme_id, f.edition_number",
            editionGroupBy: "e.programme_id, e.edition_number",
            orderSql: "split_part({0}, '/', 1) NULLS FIRST, CAST(split_part({0}, '/', 2) AS INTEGER) NULLS FIRST",
            registryOrderSql: "f.programme_id NULLS FIRST, f.edition_number NULLS FIRST",
            editionOrderSql: "e.programme_id NULLS FIRST, e.edition_number NULLS FIRST",
            identifiesEdition: true,
            ordered: true,
            members: MemberReference.Edition),
        new("year",
            new LocalizedText("Year", "السنة", "Année"),
            "The calendar year the edition was held.",
            ColumnType.Integer, ValueFormat.Year,
            "f.year", "e.year", null, false,
            static text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? text : null,
            "a year such as 2020",
            time: TimeGrain.Year),
        new("member_state",
            new LocalizedText("Member state", "الدولة العضو", "État membre"),
            "The ISO 3166 alpha-3 code of the state the participant represents (members, including suspended ones, and observers).",
            ColumnType.String, ValueFormat.Text,
            "f.iso3", null, "c.iso3", false,
            static text => CountryCode.TryParse(text, out var code) ? code.Value : null,
            "an ISO alpha-3 code such as \"TUR\"",
            members: MemberReference.Country,
            identifiesMemberState: true),
        new("oic_group",
            new LocalizedText("OIC group", "مجموعة منظمة التعاون الإسلامي", "Groupe de l'OCI"),
            "The participant's state's OIC geographic group: African Group, Arab Group, Asian Group or Unknown (observers, and members whose group no source gives).",
            ColumnType.String, ValueFormat.Text,
            "f.oic_group", null, "c.oic_group", false,
            static text => OicGroupText.TryParse(text, out var group) ? group.Name() : null,
            "\"African Group\", \"Arab Group\", \"Asian Group\" or \"Unknown\""),
        new("gender",
            new LocalizedText("Gender", "الجنس", "Genre"),
            "The participant's recorded gender: female, male or unknown.",
            ColumnType.String, ValueFormat.Text,
            "f.gender", null, null, false,
            static text => GenderText.TryParse(text, out var gender) ? gender.Code() : null,
            "\"female\", \"male\" or \"unknown\""),
        new("attendance",
            new LocalizedText("Attendance", "الحضور", "Présence"),
            "What the participant did at the edition: attended, or completed (attended and earned the certificate). Only these two count as participations, so no figure has a row for registered or no_show.",
            ColumnType.String, ValueFormat.Text,
            "f.attendance", null, null, false,
            static text => text.Trim().Length > 0 && AttendanceStatusText.TryParse(text, out var status) ? status.Code() : null,
            "\"attended\" or \"completed\""),
        new("modality",
            new LocalizedText("Modality", "طريقة الانعقاد", "Modalité"),
            "How the edition was delivered: in_person, virtual, hybrid or unknown.",
            ColumnType.String, ValueFormat.Text,
            "f.modality", "e.modality", null, false,
            static text => ModalityText.TryParse(text, out var modality) ? modality.Code() : null,
            "\"in_person\", \"virtual\", \"hybrid\" or \"unknown\""),
        new("host_country",
            new LocalizedText("Host country", "البلد المضيف", "Pays hôte"),
            "The ISO alpha-3 code of the country that hosted the edition; missing where no source gives it (a comparison with a missing value is false).",
            ColumnType.String, ValueFormat.Text,
            "f.host_country", "e.host_country", null, true,
            static text => CountryCode.TryParse(text, out var code) ? code.Value : null,
            "an ISO alpha-3 code such as \"TUR\"",
            members: MemberReference.Country),
        new("date",
            new LocalizedText("Edition date", "تاريخ الدورة", "Date de l'édition"),
            "The edition's reference date: its first day, else 1 July of its year when the dates are unknown.",
            ColumnType.Date, ValueFormat.Text,
            "f.reference_date", "COALESCE(e.start_date, make_date(e.year, 7, 1))", null, false,
            static text => DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text.Trim() : null,
            "a date such as 2020-09-14",
            time: TimeGrain.Day),
    ];
}
