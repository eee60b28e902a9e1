using System.Globalization;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// The CSV face of <see cref="ParticipationValidator"/>: reads one participations row's cells, reports the cells it
/// cannot read, and hands the rest to the validator, naming every problem by line, column and cell value.
/// </summary>
internal sealed class ParticipationChecker
{
    // Distinct programme texts are few in real data; the cap keeps a file of distinct texts from growing the cache.
    private const int MaxCachedProgrammeTexts = 4_096;

    // Cells parsed from a buffer of this many characters; a longer one is read as a string (no valid key or date is).
    private const int ShortCellLength = 64;

    private readonly ProblemList _problems;
    private readonly ParticipationValidator _validator;
    private readonly List<ParticipationProblem> _rowProblems = [];

    // Rows repeat the same few programme texts: parse each text once (the slug check is a regular expression).
    private readonly Dictionary<string, ProgrammeId?> _programmeByText = new(StringComparer.Ordinal);
    // Null for a cell read without making a string (ShortCell) until a problem quotes it (CellText).
    private readonly string?[] _cells = new string?[ParticipationCsv.Columns.Count + ParticipationCsv.OptionalColumns.Count];
    private int[] _columns = [];

    public ParticipationChecker(Catalogue catalogue, ProblemList problems, bool checkAcrossRows = true)
    {
        _problems = problems;
        _validator = new ParticipationValidator(catalogue, RowName, checkAcrossRows);
    }

    /// <summary>How messages name a row of the file.</summary>
    public static string RowName(long line) => AcrossRowsProblem.LineName(line);

    /// <summary>The last checked row's programme, if its cell is a programme id.</summary>
    public ProgrammeId? LastProgramme { get; private set; }

    /// <summary>The last checked row's edition number, if its cell is one.</summary>
    public int? LastEditionNumber { get; private set; }

    /// <summary>The last checked row's gender, if its cell names one.</summary>
    public Gender? LastGender { get; private set; }

    /// <summary>The last checked row's cell of <paramref name="field"/>, as problems quote it.</summary>
    /// <remarks>Only for the cells every row keeps as text: the participant id, country and gender.</remarks>
    public string CellOf(ParticipationField field) => _cells[(int)field] ?? throw new InvalidOperationException($"the {field} cell is not kept as text.");

    /// <summary>Checks the current row; returns the participation when it is valid, else records its problems and returns null.</summary>
    public Participation? Check(CsvTableReader row)
    {
        if (_columns.Length == 0)
        {
            _columns = ParticipationCsv.Columns.Concat(ParticipationCsv.OptionalColumns).Select(row.IndexOf).ToArray();
        }
        _rowProblems.Clear();

        var programmeText = TrimmedCell(row, ParticipationField.Programme);
        if (!_programmeByText.TryGetValue(programmeText, out var programme))
        {
            programme = ProgrammeId.TryParse(programmeText, out var parsed) ? parsed : null;
            if (_programmeByText.Count < MaxCachedProgrammeTexts)
            {
                _programmeByText[programmeText] = programme;
            }
        }
        if (programme is null)
        {
            Problem(ParticipationField.Programme, "not a programme id; use the programme's slug, such as diplomacy-cab");
        }

        var editionText = TrimmedCell(row, ParticipationField.Edition);
        int? editionNumber = null;
        if (int.TryParse(editionText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
        {
            editionNumber = number;
        }
        else
        {
            Problem(ParticipationField.Edition, "not an edition number; use the edition's number within its programme (1, 2, …)");
        }

        var idText = TrimmedCell(row, ParticipationField.ParticipantId);
        var countryText = TrimmedCell(row, ParticipationField.Country);

        Gender? gender = null;
        if (GenderText.TryParse(Cell(row, ParticipationField.Gender), out var parsedGender))
        {
            gender = parsedGender;
        }
        else
        {
            Problem(ParticipationField.Gender, "unknown gender; use female, male or unknown (f, m or blank also work)");
        }

        var institution = TrimmedCell(row, ParticipationField.InstitutionType);

        AttendanceStatus? attendance = null;
        if (AttendanceStatusText.TryParse(Cell(row, ParticipationField.Attendance), out var parsedAttendance))
        {
            attendance = parsedAttendance;
        }
        else
        {
            Problem(ParticipationField.Attendance, "unknown attendance; use attended, completed, registered or no_show (blank means attended)");
        }

        if (!CsvText.TryBool(Cell(row, ParticipationField.Synthetic), out var synthetic))
        {
            Problem(ParticipationField.Synthetic, "not a boolean; use true or false (blank means false)");
        }

        // The record key and the nomination date differ from row to row: they are parsed from the row's characters,
        // without a string per cell (two of the three strings a row made), unless a problem must quote them.
        Span<char> buffer = stackalloc char[ShortCellLength];
        var recordKeyText = ShortCell(row, ParticipationField.RecordKey, buffer);
        int? recordKey = null;
        if (recordKeyText.Length > 0)
        {
            if (long.TryParse(recordKeyText, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && RecordKey.IsValid(key))
            {
                recordKey = (int)key;
            }
            else
            {
                Problem(ParticipationField.RecordKey,
                    $"not a record key; use a whole number from 0 to {RecordKey.Modulus - 1} as written by `sesric export`, or leave it blank for the store to draw one");
            }
        }

        var nominatedText = ShortCell(row, ParticipationField.NominatedOn, buffer);
        DateOnly? nominatedOn = null;
        if (nominatedText.Length > 0 && !CsvText.TryDate(nominatedText, out nominatedOn))
        {
            Problem(ParticipationField.NominatedOn, "not a date; use yyyy-MM-dd, such as 2024-03-15, or leave it blank");
        }

        LastProgramme = programme;
        LastEditionNumber = editionNumber;
        LastGender = gender;
        var fields = new ParticipationFields(idText, countryText, programme, editionNumber, gender, institution, attendance, synthetic, recordKey, nominatedOn);
        var check = _validator.Check(fields, row.Line);
        if (_rowProblems.Count == 0 && check.Problems.Count == 0)
        {
            return check.Participation;
        }
        _rowProblems.AddRange(check.Problems);
        ParticipationProblem.SortByField(_rowProblems);
        foreach (var problem in _rowProblems)
        {
            _problems.Add(row.Line, ColumnOf(problem.Field), CellText(row, problem.Field), problem.Message);
        }
        return null;
    }

    // Each keeps the cell so a problem can quote it. The file's columns are declared in ParticipationField's order.
    private string Cell(CsvTableReader row, ParticipationField field) => _cells[(int)field] = row[_columns[(int)field]];

    private string TrimmedCell(CsvTableReader row, ParticipationField field) => _cells[(int)field] = row[_columns[(int)field]].Trim();

    /// <summary>
    /// The trimmed text of a cell that is parsed rather than kept, copied into <paramref name="buffer"/> when it fits
    /// (no string: <see cref="CellText"/> makes it only if a problem quotes it), else read as a string.
    /// </summary>
    private ReadOnlySpan<char> ShortCell(CsvTableReader row, ParticipationField field, Span<char> buffer)
    {
        if (row.TryCopy(_columns[(int)field], buffer, out var written))
        {
            _cells[(int)field] = null;
            return buffer[..written].Trim();
        }
        return TrimmedCell(row, field);
    }

    /// <summary>The current row's cell of <paramref name="field"/> as problems quote it (trimmed where the check trims it).</summary>
    private string CellText(CsvTableReader row, ParticipationField field) => _cells[(int)field] ??= row[_columns[(int)field]].Trim();

    private void Problem(ParticipationField field, string message) => _rowProblems.Add(new ParticipationProblem(field, message));

    /// <summary>The file's column of <paramref name="field"/>.</summary>
    public static string ColumnOf(ParticipationField field) => field switch
    {
        ParticipationField.Programme => "programme",
        ParticipationField.Edition => "edition",
        ParticipationField.ParticipantId => "participant_id",
        ParticipationField.Country => "country_iso3",
        ParticipationField.Gender => "gender",
        ParticipationField.InstitutionType => "institution_type",
        ParticipationField.Attendance => "attendance",
        ParticipationField.Synthetic => "synthetic",
        ParticipationField.RecordKey => "record_key",
        ParticipationField.NominatedOn => "nominated_on",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
