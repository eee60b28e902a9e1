using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// A participations file read for a store that checks the rows against each other itself, over the whole import
/// (set-based, where the memory is the database's to spill): <see cref="Read"/> makes every check of a row on its own
/// and keeps nothing per row, so memory stays flat whatever the number of people; the store finds the problems between
/// rows (one country and gender per participant, one row per participant and edition) over the staged
/// <see cref="ParticipationLine"/>s and <see cref="Reject"/> merges them with the rows' own problems into the same
/// <see cref="ImportRejectedException"/>, in the same order and words, as <see cref="ParticipationCsv.Read"/> throws.
/// </summary>
/// <remarks>The text is read once: call either <see cref="Read"/> or <see cref="ReadChecked"/>, once.</remarks>
public sealed class ParticipationCsvLines
{
    private readonly TextReader _reader;
    private readonly Catalogue _catalogue;
    private readonly string _sourceName;
    private readonly ProblemList _problems = new();
    private bool _started;

    private ParticipationCsvLines(TextReader reader, Catalogue catalogue, string sourceName)
    {
        _reader = reader;
        _catalogue = catalogue;
        _sourceName = sourceName;
    }

    /// <summary>A participations file to read (nothing is read yet).</summary>
    /// <param name="reader">The CSV text (UTF-8 decoded), with a header line.</param>
    /// <param name="catalogue">The programmes, editions and countries rows must refer to.</param>
    /// <param name="sourceName">A name for the input in file-level messages (such as the file name).</param>
    public static ParticipationCsvLines Open(TextReader reader, Catalogue catalogue, string sourceName = "input")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new ParticipationCsvLines(reader, catalogue, sourceName);
    }

    /// <summary>
    /// Whether the rows read so far have problems of their own (or the file has a bad header); the import must then
    /// fail with <see cref="Reject"/>.
    /// </summary>
    public bool HasRowProblems => _problems.HasAny;

    /// <summary>
    /// Reads the file with every check of a row on its own: yields each row with a valid participant id (with its
    /// participation when the row has no problem of its own) and records the rows' problems, never throwing for them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file was already read.</exception>
    public IEnumerable<ParticipationLine> Read()
    {
        Start();
        return ReadLines();
    }

    /// <summary>
    /// The file as <see cref="ParticipationCsv.Read"/> reads it, checking the rows against each other in memory (for a
    /// caller that needs the valid rows themselves, such as the fingerprint of a retried import).
    /// </summary>
    /// <exception cref="InvalidOperationException">The file was already read.</exception>
    public IEnumerable<Participation> ReadChecked()
    {
        Start();
        return ParticipationCsv.Read(_reader, _catalogue, _sourceName);
    }

    /// <summary>
    /// The exception that refuses the file: the rows' own problems and <paramref name="acrossRows"/> (the first ones,
    /// in line and field order), as <see cref="ParticipationCsv.Read"/> would list them; null when there are none.
    /// </summary>
    /// <param name="acrossRows">The first problems between rows (at most <see cref="ParticipationCsv.MaxProblemsListed"/> are used), ordered by line and field.</param>
    /// <param name="acrossRowsTotal">How many problems between rows there are in all.</param>
    public ImportRejectedException? Reject(IReadOnlyList<AcrossRowsProblem> acrossRows, long acrossRowsTotal)
    {
        ArgumentNullException.ThrowIfNull(acrossRows);
        if (!_problems.HasAny && acrossRowsTotal == 0)
        {
            return null;
        }
        var merged = new ProblemList();
        var own = _problems.InFileOrder();
        int i = 0, j = 0;
        while (i < own.Count || j < acrossRows.Count)
        {
            // A row's problems are in field order whoever found them (a row-level problem, with no column, first).
            var takeOwn = j >= acrossRows.Count
                || (i < own.Count && (own[i].Line, FieldOrder(own[i].Column)).CompareTo((acrossRows[j].Line, (int)acrossRows[j].Field)) <= 0);
            if (takeOwn)
            {
                var p = own[i++];
                merged.Add(p.Line, p.Column, p.Value, p.Reason);
            }
            else
            {
                var p = acrossRows[j++];
                merged.Add(p.Line, ParticipationChecker.ColumnOf(p.Field), p.Cell, p.Message);
            }
        }
        var total = _problems.Total + Math.Max(acrossRowsTotal, acrossRows.Count);
        merged.Truncate(ParticipationCsv.MaxProblemsListed);
        return new ImportRejectedException(merged.InFileOrder(), total);
    }

    private void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("the participations file was already read; it is read once.");
        }
        _started = true;
    }

    private IEnumerable<ParticipationLine> ReadLines()
    {
        using var table = CsvTableReader.Open(_reader, $"participations ({_sourceName})", ParticipationCsv.Columns, ParticipationCsv.OptionalColumns, _problems.Items);
        if (table is null)
        {
            yield break;
        }
        var checker = new ParticipationChecker(_catalogue, _problems, checkAcrossRows: false);
        while (table.Read())
        {
            var participation = checker.Check(table);
            if (_problems.Items.Count > ParticipationCsv.MaxProblemsListed)
            {
                _problems.Truncate(ParticipationCsv.MaxProblemsListed);
            }
            if (participation is not null)
            {
                var participant = participation.Participant;
                var countryCell = checker.CellOf(ParticipationField.Country);
                var genderCell = checker.CellOf(ParticipationField.Gender);
                yield return new ParticipationLine(
                    table.Line, participation, participant.Id, participant.Country, participant.Gender, participation.Edition,
                    countryCell == participant.Country.Value ? null : countryCell,
                    genderCell == participant.Gender.Code() ? null : genderCell);
            }
            else if (KeysOfBadRow(checker, table.Line) is { } line)
            {
                yield return line;
            }
        }
    }

    /// <summary>The keys of a row with problems of its own, as the checks between rows see them (null: its id is not valid).</summary>
    private ParticipationLine? KeysOfBadRow(ParticipationChecker checker, long line)
    {
        if (!ParticipantId.TryParse(checker.CellOf(ParticipationField.ParticipantId), out var id, out _))
        {
            return null;
        }
        var countryCell = checker.CellOf(ParticipationField.Country);
        CountryCode? country = CountryCode.TryParse(countryCell, out var code) && _catalogue.TryGetCountry(code, out var known) ? known.Code : null;
        EditionId? edition = null;
        if (checker.LastProgramme is { } programmeId && _catalogue.TryGetProgramme(programmeId, out var programme)
            && checker.LastEditionNumber is { } number && _catalogue.TryGetEdition(new EditionId(programme.Id, number), out var found))
        {
            edition = found.Id;
        }
        var gender = checker.LastGender;
        var genderCell = checker.CellOf(ParticipationField.Gender);
        return new ParticipationLine(
            line, null, id, country, gender, edition,
            country is { } c && countryCell == c.Value ? null : countryCell,
            gender is { } g && genderCell == g.Code() ? null : genderCell);
    }

    private static int FieldOrder(string? column)
    {
        if (column is null)
        {
            return -1;
        }
        foreach (var field in Enum.GetValues<ParticipationField>())
        {
            if (ParticipationChecker.ColumnOf(field) == column)
            {
                return (int)field;
            }
        }
        return int.MaxValue;
    }
}
