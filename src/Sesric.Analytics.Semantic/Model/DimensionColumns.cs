using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The closed set of columns a model's dimensions can read (fixed SQL over the fact view, the edition table and the
/// country table, and the parser of each one's filter values). A model file chooses one by name; adding a column is a code
/// change because it is SQL.
/// </summary>
internal static class DimensionColumns
{
    /// <summary>The columns, in documentation order.</summary>
    public static IReadOnlyList<DimensionColumn> All { get; } =
    [
        new("programme_id", ColumnType.String, "f.programme_id", "e.programme_id", null,
            static text => ProgrammeId.TryParse(text.Trim(), out var id) ? id.Value : null),
        new("edition_id", ColumnType.String,
            "f.programme_id || '/' || CAST(f.edition_number AS VARCHAR)", "e.programme_id || '/' || CAST(e.edition_number AS VARCHAR)", null,
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
            })
        {
            RegistryGroupBy = "f.programme_id, f.edition_number",
            EditionGroupBy = "e.programme_id, e.edition_number",
            OrderSql = "split_part({0}, '/', 1) NULLS FIRST, CAST(split_part({0}, '/', 2) AS INTEGER) NULLS FIRST",
            RegistryOrderSql = "f.programme_id NULLS FIRST, f.edition_number NULLS FIRST",
            EditionOrderSql = "e.programme_id NULLS FIRST, e.edition_number NULLS FIRST",
        },
        new("year", ColumnType.Integer, "f.year", "e.year", null,
            static text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? text : null),
        new("participant_state", ColumnType.String, "f.iso3", null, "c.iso3",
            static text => CountryCode.TryParse(text, out var code) ? code.Value : null),
        new("participant_state_group", ColumnType.String, "f.oic_group", null, "c.oic_group",
            static text => OicGroupText.TryParse(text, out var group) ? group.Name() : null),
        new("gender", ColumnType.String, "f.gender", null, null,
            static text => GenderText.TryParse(text, out var gender) ? gender.Code() : null),
        new("attendance", ColumnType.String, "f.attendance", null, null,
            static text => text.Trim().Length > 0 && AttendanceStatusText.TryParse(text, out var status) ? status.Code() : null),
        new("modality", ColumnType.String, "f.modality", "e.modality", null,
            static text => ModalityText.TryParse(text, out var modality) ? modality.Code() : null),
        new("host_country", ColumnType.String, "f.host_country", "e.host_country", null,
            static text => CountryCode.TryParse(text, out var code) ? code.Value : null),
        new("reference_date", ColumnType.Date, "f.reference_date", "COALESCE(e.start_date, make_date(e.year, 7, 1))", null,
            static text => DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text.Trim() : null),
    ];

    /// <summary>Finds a column by the name a model file gives.</summary>
    public static DimensionColumn? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
