using System.Globalization;

using CsvHelper;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// The programmes file. Columns: <c>programme,name_en,name_ar,name_fr,start_year,source_url</c>, and optionally
/// <c>names_translated</c> (which names are the project's translations, such as <c>ar;fr</c>) and <c>notes</c>.
/// </summary>
/// <remarks>The optional columns carry the built-in dataset's provenance; the model does not keep them, so they are not written back.</remarks>
public static class ProgrammeCsv
{
    /// <summary>The columns, in the order written.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["programme", "name_en", "name_ar", "name_fr", "start_year", "source_url"];

    /// <summary>Columns a file may add: provenance kept in the file only.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = ["names_translated", "notes"];

    /// <summary>Reads programmes; throws <see cref="ImportRejectedException"/> listing every problem.</summary>
    public static IReadOnlyList<Programme> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new ProblemList();
        var programmes = new List<Programme>();
        var firstLine = new Dictionary<ProgrammeId, long>();
        using (var row = CsvTableReader.Open(reader, "programmes", Columns, OptionalColumns, problems.Items))
        {
            while (row is not null && row.Read())
            {
                var line = row.Line;
                var before = problems.Items.Count;
                var idText = row["programme"].Trim();
                if (!ProgrammeId.TryParse(idText, out var id))
                {
                    problems.Add(line, "programme", idText, "not a programme id; use lower-case letters, digits and single hyphens, such as diplomacy-cab");
                }
                else if (firstLine.TryGetValue(id, out var first))
                {
                    problems.Add(line, "programme", idText, $"duplicate programme {id}: already on line {first}; keep one row per programme");
                }
                var nameEn = row["name_en"].Trim();
                if (nameEn.Length == 0)
                {
                    problems.Add(line, "name_en", "", "the English name is required");
                }
                var startText = row["start_year"].Trim();
                if (!CsvText.TryInt(startText, out var start) || start is < 1969 or > 2100)
                {
                    problems.Add(line, "start_year", startText, "the start year must be a whole number from 1969 to 2100, or blank when unknown");
                }
                var translated = row["names_translated"];
                foreach (var tag in translated.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (tag is not ("en" or "ar" or "fr"))
                    {
                        problems.Add(line, "names_translated", translated, "list the languages whose names are the project's translations as en, ar or fr separated by ';'");
                        break;
                    }
                }
                if (problems.Items.Count > before)
                {
                    continue;
                }
                firstLine.Add(id, line);
                programmes.Add(new Programme(
                    id, new LocalizedText(nameEn, CsvText.Optional(row["name_ar"]), CsvText.Optional(row["name_fr"])), start, CsvText.Optional(row["source_url"])));
            }
        }
        return problems.HasAny ? throw problems.ToException() : programmes;
    }

    /// <summary>Writes programmes with a header line, in the given order.</summary>
    public static void Write(TextWriter writer, IEnumerable<Programme> programmes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(programmes);
        using var csv = CsvWriter.Create(writer, CsvText.WriterOptions, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteCell(column);
        }
        csv.EndRecord();
        foreach (var p in programmes)
        {
            csv.WriteCell(p.Id.Value);
            csv.WriteCell(p.Name.English);
            csv.WriteCell(p.Name.Arabic ?? "");
            csv.WriteCell(p.Name.French ?? "");
            csv.WriteCell(p.StartYear?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteCell(p.SourceUrl ?? "");
            csv.EndRecord();
        }
        csv.Flush();
    }
}
