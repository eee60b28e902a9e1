using System.Globalization;

using CsvHelper;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// The editions file: one row per edition with every <see cref="Edition"/> field and its published totals.
/// Columns: <c>programme,edition,year,start_date,end_date,modality,host_city,host_country,partners,theme,
/// participants,participants_is_lower_bound,member_states,source_url,notes</c>.
/// </summary>
/// <remarks>
/// Dates are <c>yyyy-MM-dd</c>; modality is <c>in_person</c>, <c>virtual</c>, <c>hybrid</c> or <c>unknown</c>
/// (<c>in-person</c> is accepted); partners are separated by <c>;</c>. Blank cells mean "not known":
/// the reader never fills a gap.
/// </remarks>
public static class EditionCsv
{
    /// <summary>The columns, in the order written.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "programme", "edition", "year", "start_date", "end_date", "modality", "host_city", "host_country", "partners", "theme",
        "participants", "participants_is_lower_bound", "member_states", "source_url", "notes",
    ];

    /// <summary>
    /// Reads editions whose programmes are in <paramref name="catalogue"/>. Throws
    /// <see cref="ImportRejectedException"/> listing every problem when any row is bad.
    /// </summary>
    public static IReadOnlyList<Edition> Read(TextReader reader, Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(catalogue);
        var problems = new ProblemList();
        var editions = new List<Edition>();
        var firstLine = new Dictionary<EditionId, long>();
        using (var row = CsvTableReader.Open(reader, "editions", Columns, [], problems.Items))
        {
            while (row is not null && row.Read())
            {
                if (ReadRow(row, catalogue, problems) is { } edition)
                {
                    if (firstLine.TryGetValue(edition.Id, out var first))
                    {
                        problems.Add(row.Line, "edition", CsvText.Int(edition.Number),
                            $"duplicate edition {edition.Id}: already on line {first}; keep one row per programme and edition number");
                    }
                    else
                    {
                        firstLine.Add(edition.Id, row.Line);
                        editions.Add(edition);
                    }
                }
            }
        }
        return problems.HasAny ? throw problems.ToException() : editions;
    }

    /// <summary>Writes editions with a header line, in the given order.</summary>
    public static void Write(TextWriter writer, IEnumerable<Edition> editions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(editions);
        using var csv = CsvWriter.Create(writer, CsvText.WriterOptions, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteCell(column);
        }
        csv.EndRecord();
        foreach (var e in editions)
        {
            csv.WriteCell(e.Programme.Value);
            csv.WriteCell(CsvText.Int(e.Number));
            csv.WriteCell(CsvText.Int(e.Year));
            csv.WriteCell(e.Dates is { } d ? CsvText.Date(d.Start) : "");
            csv.WriteCell(e.Dates is { } d2 ? CsvText.Date(d2.End) : "");
            csv.WriteCell(e.Modality.Code());
            csv.WriteCell(e.HostCity ?? "");
            csv.WriteCell(e.HostCountry?.Value ?? "");
            csv.WriteCell(string.Join("; ", e.Partners));
            csv.WriteCell(e.Theme ?? "");
            csv.WriteCell(CsvText.Int(e.Published.Participants));
            csv.WriteCell(CsvText.Bool(e.Published.ParticipantsIsLowerBound));
            csv.WriteCell(CsvText.Int(e.Published.MemberStates));
            csv.WriteCell(e.Published.SourceUrl ?? "");
            csv.WriteCell(e.Notes ?? "");
            csv.EndRecord();
        }
        csv.Flush();
    }

    private static Edition? ReadRow(CsvTableReader row, Catalogue catalogue, ProblemList problems)
    {
        var line = row.Line;
        var before = problems.Items.Count;

        var programmeText = row["programme"].Trim();
        if (!ProgrammeId.TryParse(programmeText, out var programme))
        {
            problems.Add(line, "programme", programmeText, "not a programme id; use the programme's slug, such as diplomacy-cab");
        }
        else if (!catalogue.TryGetProgramme(programme, out _))
        {
            problems.Add(line, "programme", programmeText,
                $"unknown programme; known programmes: {string.Join(", ", catalogue.Programmes.Select(p => p.Id.Value))}; add the programme first");
        }

        var numberText = row["edition"].Trim();
        if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 10_000)
        {
            problems.Add(line, "edition", numberText, "not an edition number; use a whole number from 1 (the first edition) to 10000");
        }

        var yearText = row["year"].Trim();
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1969 or > 2100)
        {
            problems.Add(line, "year", yearText, "the year must be a whole number from 1969 (the OIC's founding) to 2100");
        }

        var start = ReadDate(row, "start_date", problems);
        var end = ReadDate(row, "end_date", problems);
        if (start is { } s && end is { } en && en < s)
        {
            problems.Add(line, "end_date", row["end_date"].Trim(), $"the end date is before the start date ({CsvText.Date(s)}); swap or correct them");
        }
        else if ((start is null) != (end is null) && problems.Items.Count == before)
        {
            var missing = start is null ? "start_date" : "end_date";
            problems.Add(line, missing, "", "give both start_date and end_date, or neither (a one-day event has the same start and end)");
        }
        if (start is { } st && year is >= 1969 and <= 2100 && st.Year != year)
        {
            problems.Add(line, "year", yearText, $"the year does not match the start date ({CsvText.Date(st)}); make them agree");
        }

        var modalityText = row["modality"];
        if (!ModalityText.TryParse(modalityText, out var modality))
        {
            problems.Add(line, "modality", modalityText, "unknown modality; use in_person, virtual, hybrid or unknown");
        }

        var hostText = row["host_country"].Trim();
        CountryCode? host = null;
        if (hostText.Length > 0)
        {
            if (CountryCode.TryParse(hostText, out var hostCode))
            {
                host = hostCode;
            }
            else
            {
                problems.Add(line, "host_country", hostText, "not an ISO 3166 alpha-3 code; use three letters, such as TUR, or leave it blank");
            }
        }

        var participants = ReadCount(row, "participants", problems);
        var memberStates = ReadCount(row, "member_states", problems);
        var lowerBoundText = row["participants_is_lower_bound"];
        if (!CsvText.TryBool(lowerBoundText, out var lowerBound))
        {
            problems.Add(line, "participants_is_lower_bound", lowerBoundText, "not a boolean; use true or false (blank means false)");
        }
        else if (lowerBound && participants is null)
        {
            problems.Add(line, "participants_is_lower_bound", lowerBoundText, "is true but participants is blank; give the published lower bound or set it to false");
        }

        if (problems.Items.Count > before)
        {
            return null;
        }
        var partners = row["partners"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var published = new PublishedTotals(participants, memberStates, CsvText.Optional(row["source_url"]), lowerBound);
        return new Edition(
            new EditionId(programme, number), year, start is { } a && end is { } b ? new DateRange(a, b) : null, modality,
            CsvText.Optional(row["host_city"]), host, partners, CsvText.Optional(row["theme"]), published, CsvText.Optional(row["notes"]));
    }

    private static DateOnly? ReadDate(CsvTableReader row, string column, ProblemList problems)
    {
        var text = row[column].Trim();
        if (!CsvText.TryDate(text, out var date))
        {
            problems.Add(row.Line, column, text, "not a date; write it as yyyy-MM-dd, such as 2020-09-14");
            return null;
        }
        if (date is { } d && (d.Year < 1969 || d.Year > 2100))
        {
            problems.Add(row.Line, column, text, "date out of range; dates must lie in 1969–2100");
            return null;
        }
        return date;
    }

    private static int? ReadCount(CsvTableReader row, string column, ProblemList problems)
    {
        var text = row[column].Trim();
        if (!CsvText.TryInt(text, out var value))
        {
            problems.Add(row.Line, column, text, "not a whole number; give the published count or leave it blank when unknown");
            return null;
        }
        if (value is < 0)
        {
            problems.Add(row.Line, column, text, "a count cannot be negative; give the published count or leave it blank when unknown");
            return null;
        }
        return value;
    }
}
