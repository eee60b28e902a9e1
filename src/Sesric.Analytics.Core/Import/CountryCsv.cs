using CsvHelper;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// The member-states file: the OIC member and observer states.
/// Columns: <c>iso3,kind,name_en,name_ar,name_fr,accession_year,oic_group,group_basis,suspensions,
/// observer_since,source_url,notes</c>, and optionally <c>name_fr_basis</c> (provenance of the French name).
/// </summary>
/// <remarks>
/// <c>kind</c> is <c>member</c> or <c>observer</c>. <c>suspensions</c> lists suspended periods as
/// <c>from..restored</c> (<c>2012-08-01..2025-03-07</c>; the restoration day is the first day in good standing;
/// <c>2012-08-01..</c> when not restored), separated by <c>;</c>. <c>name_fr_basis</c> is read for the
/// built-in dataset's provenance and not kept in the model, so it is not written back.
/// </remarks>
public static class CountryCsv
{
    /// <summary>The columns, in the order written.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "iso3", "kind", "name_en", "name_ar", "name_fr", "accession_year", "oic_group", "group_basis", "suspensions",
        "observer_since", "source_url", "notes",
    ];

    /// <summary>Columns a file may add: provenance kept in the file only.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = ["name_fr_basis"];

    /// <summary>Reads member and observer states; throws <see cref="ImportRejectedException"/> listing every problem.</summary>
    public static IReadOnlyList<Country> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new ProblemList();
        var countries = new List<Country>();
        var firstLine = new Dictionary<CountryCode, long>();
        using (var row = CsvTableReader.Open(reader, "member-states", Columns, OptionalColumns, problems.Items))
        {
            while (row is not null && row.Read())
            {
                if (ReadRow(row, problems) is { } country)
                {
                    if (firstLine.TryGetValue(country.Code, out var first))
                    {
                        problems.Add(row.Line, "iso3", country.Code.Value, $"duplicate country {country.Code}: already on line {first}; keep one row per code");
                    }
                    else
                    {
                        firstLine.Add(country.Code, row.Line);
                        countries.Add(country);
                    }
                }
            }
        }
        return problems.HasAny ? throw problems.ToException() : countries;
    }

    /// <summary>Writes member and observer states with a header line, in the given order.</summary>
    public static void Write(TextWriter writer, IEnumerable<Country> countries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(countries);
        using var csv = CsvWriter.Create(writer, CsvText.WriterOptions, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteCell(column);
        }
        csv.EndRecord();
        foreach (var c in countries)
        {
            csv.WriteCell(c.Code.Value);
            csv.WriteCell(c.Kind == CountryKind.Member ? "member" : "observer");
            csv.WriteCell(c.Name.English);
            csv.WriteCell(c.Name.Arabic ?? "");
            csv.WriteCell(c.Name.French ?? "");
            csv.WriteCell(CsvText.Int(c.AccessionYear));
            csv.WriteCell(c.Group == OicGroup.Unknown ? "" : c.Group.Name());
            csv.WriteCell(c.GroupBasis.Code());
            csv.WriteCell(FormatSuspensions(c.Suspensions));
            csv.WriteCell(CsvText.Int(c.ObserverSince));
            csv.WriteCell(c.SourceUrl ?? "");
            csv.WriteCell(c.Notes ?? "");
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Formats suspensions as <c>from..until</c> separated by <c>;</c>.</summary>
    public static string FormatSuspensions(IEnumerable<MembershipSuspension> suspensions) =>
        string.Join(";", suspensions.Select(s => CsvText.Date(s.From) + ".." + (s.Until is { } u ? CsvText.Date(u) : "")));

    /// <summary>Parses <c>from..until</c> periods separated by <c>;</c>; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParseSuspensions(string text, out IReadOnlyList<MembershipSuspension> suspensions, out string error)
    {
        var list = new List<MembershipSuspension>();
        suspensions = list;
        error = "";
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dots = part.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0 || !CsvText.TryDate(part[..dots], out var from) || from is null || !CsvText.TryDate(part[(dots + 2)..], out var until))
            {
                error = $"'{part}' is not a suspension period; write from..restored as yyyy-MM-dd..yyyy-MM-dd (2012-08-01..2025-03-07), or from.. when not restored";
                return false;
            }
            if (until is { } u && u <= from.Value)
            {
                error = $"in '{part}' the restoration day is not after the first suspended day; correct the dates";
                return false;
            }
            list.Add(new MembershipSuspension(from.Value, until));
        }
        return true;
    }

    private static Country? ReadRow(CsvTableReader row, ProblemList problems)
    {
        var line = row.Line;
        var before = problems.Items.Count;

        var codeText = row["iso3"].Trim();
        if (!CountryCode.TryParse(codeText, out var code))
        {
            problems.Add(line, "iso3", codeText, "not an ISO 3166 alpha-3 code; use three letters, such as TUR (X.. for a user-assigned code)");
        }

        var kindText = row["kind"].Trim().ToLowerInvariant();
        var kind = kindText switch
        {
            "member" => CountryKind.Member,
            "observer" => CountryKind.Observer,
            _ => (CountryKind)0,
        };
        if (kind == 0)
        {
            problems.Add(line, "kind", row["kind"], "unknown kind; use member or observer");
        }

        var nameEn = row["name_en"].Trim();
        if (nameEn.Length == 0)
        {
            problems.Add(line, "name_en", "", "the English name is required");
        }

        var accessionText = row["accession_year"].Trim();
        if (!CsvText.TryInt(accessionText, out var accession) || accession is < 1969 or > 2100)
        {
            problems.Add(line, "accession_year", accessionText, "the accession year must be a whole number from 1969 to 2100, or blank for an observer");
        }
        else if (kind == CountryKind.Member && accession is null)
        {
            problems.Add(line, "accession_year", "", "a member state needs its accession year");
        }

        var groupText = row["oic_group"];
        if (!OicGroupText.TryParse(groupText, out var group))
        {
            problems.Add(line, "oic_group", groupText, "unknown OIC group; use African Group, Arab Group, Asian Group or leave it blank");
        }
        var basisText = row["group_basis"];
        if (!OicGroupText.TryParseBasis(basisText, out var basis))
        {
            problems.Add(line, "group_basis", basisText, "unknown group basis; use read, inferred or unknown");
        }
        else if (Enum.IsDefined(group) && group == OicGroup.Unknown && basis != GroupBasis.Unknown)
        {
            problems.Add(line, "group_basis", basisText, "the group is blank, so the basis must be unknown; give the group or set the basis to unknown");
        }

        var suspensionsText = row["suspensions"];
        if (!TryParseSuspensions(suspensionsText, out var suspensions, out var suspensionError))
        {
            problems.Add(line, "suspensions", suspensionsText, suspensionError);
        }
        else if (suspensions.Count > 0 && kind == CountryKind.Observer)
        {
            problems.Add(line, "suspensions", suspensionsText, "an observer has no membership to suspend; leave suspensions blank");
        }

        var observerText = row["observer_since"].Trim();
        if (!CsvText.TryInt(observerText, out var observerSince) || observerSince is < 1969 or > 2100)
        {
            problems.Add(line, "observer_since", observerText, "observer_since must be a whole number from 1969 to 2100, or blank");
        }

        if (problems.Items.Count > before)
        {
            return null;
        }
        return new Country(
            code, kind, new LocalizedText(nameEn, CsvText.Optional(row["name_ar"]), CsvText.Optional(row["name_fr"])),
            accession, group, basis, suspensions, observerSince, CsvText.Optional(row["source_url"]), CsvText.Optional(row["notes"]));
    }
}
