using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

/// <summary>Hand-made result tables shaped as the semantic engine returns them.</summary>
internal static class SampleTables
{
    public static readonly ResultColumn Year = new("year", ColumnRole.Dimension, ColumnType.Integer, ValueFormat.Year, new("Year", "السنة", "Année"));
    public static readonly ResultColumn Participants = new("participants", ColumnRole.Measure, ColumnType.Integer, ValueFormat.Integer, new("Participants", "المشاركون", "Participants"));
    public static readonly ResultColumn MemberStates = new("member_states", ColumnRole.Measure, ColumnType.Integer, ValueFormat.Integer, new("Member states represented", "الدول الأعضاء الممثلة", "États membres représentés"));
    public static readonly ResultColumn Coverage = new("coverage", ColumnRole.Measure, ColumnType.Number, ValueFormat.Percent, new("Coverage of member states", "نسبة تغطية الدول الأعضاء", "Couverture des États membres"));
    public static readonly ResultColumn Group = new("oic_group", ColumnRole.Dimension, ColumnType.String, ValueFormat.Text, new("OIC group", "مجموعة منظمة التعاون الإسلامي", "Groupe de l'OCI"));
    public static readonly ResultColumn State = new("member_state", ColumnRole.Dimension, ColumnType.String, ValueFormat.Text, new("Member state", "الدولة العضو", "État membre"));

    private static QueryMetadata Meta(int suppressed = 0, double? synthetic = 0.62) => new(0, TimeSpan.Zero, suppressed, synthetic, "public");

    private static ResultCell C(object? v) => ResultCell.Of(v);

    /// <summary>Participants per edition: 2017 35, 2018 and 2019 unknown, 2020 81, 2021 112, 2022 95.</summary>
    public static ResultTable PerEdition() => new(
        [Year, Participants, MemberStates, Coverage],
        [
            [C(2017L), C(35L), C(17L), C(17 / 56.0)],
            [C(2018L), ResultCell.Unknown, ResultCell.Unknown, ResultCell.Unknown],
            [C(2019L), ResultCell.Unknown, ResultCell.Unknown, ResultCell.Unknown],
            [C(2020L), C(81L), C(29L), C(29 / 56.0)],
            [C(2021L), C(112L), C(33L), C(33 / 56.0)],
            [C(2022L), C(95L), C(31L), C(31 / 56.0)],
        ],
        Meta());

    public static ResultTable ByGroupAndYear(bool arabicNames = false)
    {
        string[] groups = arabicNames ? ["المجموعة العربية", "المجموعة الآسيوية", "المجموعة الأفريقية"] : ["Arab Group", "Asian Group", "African Group"];
        long[][] values = [[12, 30, 41, 35], [14, 28, 40, 33], [9, 23, 31, 27]];
        long[] years = [2017, 2020, 2021, 2022];
        var rows = new List<IReadOnlyList<ResultCell>>();
        for (var y = 0; y < years.Length; y++)
        {
            for (var g = 0; g < groups.Length; g++)
            {
                rows.Add([C(years[y]), C(groups[g]), C(values[g][y])]);
            }
        }
        return new ResultTable([Year, Group, Participants], rows, Meta(suppressed: 0));
    }

    public static ResultTable ByGroup(params string[] groups) => new(
        [Group, Participants],
        [.. groups.Select((g, i) => (IReadOnlyList<ResultCell>)[C(g), C((long)(30 - (i * 7)))])],
        Meta());

    public static ResultTable TopStates(bool suppressOne = false) => new(
        [State, Participants],
        [
            [C("Türkiye"), C(14L)],
            [C("Azerbaijan"), C(9L)],
            [C("Kyrgyz Republic"), C(8L)],
            [C("United Arab Emirates"), C(7L)],
            [C("Bosnia and Herzegovina"), C(5L)],
            [C("Brunei Darussalam"), suppressOne ? ResultCell.Suppressed : C(2L)],
        ],
        Meta(suppressed: suppressOne ? 1 : 0));

    public static ResultTable StateByYear() => new(
        [State, Year, Participants],
        [
            [C("Türkiye"), C(2020L), C(6L)], [C("Türkiye"), C(2021L), C(8L)], [C("Türkiye"), C(2022L), C(7L)],
            [C("Azerbaijan"), C(2020L), C(3L)], [C("Azerbaijan"), C(2021L), C(4L)], [C("Azerbaijan"), C(2022L), ResultCell.Suppressed],
            [C("Senegal"), C(2020L), C(2L)], [C("Senegal"), C(2021L), C(5L)], [C("Senegal"), C(2022L), C(4L)],
        ],
        Meta(suppressed: 1));
}
