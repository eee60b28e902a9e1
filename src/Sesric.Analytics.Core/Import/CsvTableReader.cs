using System.Globalization;

using CsvHelper;

namespace Sesric.Analytics.Import;

/// <summary>
/// Reads one CSV table by column name for the import formats: checks the header against the expected
/// columns, skips (and reports) rows with the wrong number of fields or broken quoting, and tracks the
/// line each row starts on. The formats add their own cell checks on top.
/// </summary>
/// <remarks>Problems go to the list the caller passes in; nothing is thrown for bad input.</remarks>
internal sealed class CsvTableReader : IDisposable
{
    private readonly CsvReader _csv;
    private readonly List<ImportProblem> _problems;
    private readonly Dictionary<string, int> _index;
    private readonly int _fieldCount;
    private readonly Queue<CsvMalformedRecord> _malformed;

    private CsvTableReader(CsvReader csv, List<ImportProblem> problems, Dictionary<string, int> index, int fieldCount, Queue<CsvMalformedRecord> malformed)
    {
        _csv = csv;
        _problems = problems;
        _index = index;
        _fieldCount = fieldCount;
        _malformed = malformed;
    }

    /// <summary>The line (1-based, header = 1) where the current row starts.</summary>
    public long Line { get; private set; }

    /// <summary>
    /// Opens a table, reading and checking its header. Returns null, with a file-level problem recorded,
    /// when the file is empty or a required column is missing, unknown or repeated: rows cannot be read then.
    /// </summary>
    public static CsvTableReader? Open(
        TextReader reader, string what, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<ImportProblem> problems)
    {
        var malformed = new Queue<CsvMalformedRecord>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            FormatProvider = CultureInfo.InvariantCulture,
            // Most columns repeat a few values (programme, country, gender…): pooling saves an allocation per cell.
            PoolStrings = true,
            OnMalformedRecord = record => malformed.Enqueue(record),
        };
        var csv = CsvReader.Create(reader, options, leaveOpen: true);
        var expected = string.Join(",", required.Concat(optional));
        string[] header;
        try
        {
            csv.ReadHeader();
            header = csv.Headers.ToArray();
        }
        catch (CsvFormatException e)
        {
            problems.Add(new ImportProblem(1, null, null, $"the {what} header cannot be read ({e.Message}); the first line must be: {expected}"));
            csv.Dispose();
            return null;
        }
        if (header.Length == 1 && header[0].Contains(';', StringComparison.Ordinal))
        {
            // A spreadsheet saved in a locale whose list separator is ';': say so once, instead of one "missing
            // column" per expected column.
            problems.Add(new ImportProblem(1, null, null,
                $"the {what} file is separated by semicolons (';'), but sesric reads comma-separated CSV; save it as CSV with commas "
                + $"(in a spreadsheet: CSV UTF-8, comma-delimited) or replace the separators; the first line must be: {expected}"));
            csv.Dispose();
            return null;
        }
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            problems.Add(new ImportProblem(1, null, null, $"the {what} file is empty; it needs a header line: {expected}"));
            csv.Dispose();
            return null;
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = required.Concat(optional).ToHashSet(StringComparer.Ordinal);
        var before = problems.Count;
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!known.Contains(name))
            {
                problems.Add(new ImportProblem(1, header[i], null, $"unknown column '{header[i]}' in the {what} header; the columns are: {expected}"));
            }
            else if (!index.TryAdd(name, i))
            {
                problems.Add(new ImportProblem(1, name, null, $"column '{name}' appears twice in the {what} header; keep one"));
            }
        }
        foreach (var column in required)
        {
            if (!index.ContainsKey(column))
            {
                problems.Add(new ImportProblem(1, column, null, $"missing column '{column}' in the {what} header; the expected columns are: {expected}"));
            }
        }
        if (problems.Count > before)
        {
            csv.Dispose();
            return null;
        }
        return new CsvTableReader(csv, problems, index, header.Length, malformed);
    }

    /// <summary>Moves to the next row with the header's number of fields and sound quoting; reports the others.</summary>
    public bool Read()
    {
        while (_csv.Read())
        {
            Line = _csv.LineNumber;
            if (TakeMalformed(out var reason))
            {
                _problems.Add(new ImportProblem(Line, null, null, reason));
                continue;
            }
            if (_csv.FieldCount != _fieldCount)
            {
                var more = _csv.FieldCount > _fieldCount;
                _problems.Add(new ImportProblem(Line, null, null,
                    $"the row has {_csv.FieldCount} fields but the header has {_fieldCount}"
                    + (more ? "; quote values that contain a comma (\"a, b\")" : "; add the missing fields (empty is fine where a value is optional)")));
                continue;
            }
            return true;
        }
        while (_malformed.TryDequeue(out var late))
        {
            _problems.Add(new ImportProblem(late.LineNumber, null, null, Describe(late.Reason)));
        }
        return false;
    }

    /// <summary>Whether the header has <paramref name="column"/>.</summary>
    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>
    /// The text of <paramref name="column"/> in the current row, with an export's formula neutralisation undone
    /// (<see cref="CsvFormulaGuard.Restore(string)"/>); empty when the column is absent.
    /// </summary>
    public string this[string column] => _index.TryGetValue(column, out var i) ? this[i] : "";

    /// <summary>The field index of <paramref name="column"/>, or -1 when the header lacks it (for readers that look columns up once).</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>The text of field <paramref name="index"/> in the current row (neutralisation undone, as above); empty for -1.</summary>
    public string this[int index] => index < 0 ? "" : CsvFormulaGuard.Restore(_csv.GetString(index));

    /// <summary>
    /// Copies the text of field <paramref name="index"/> in the current row into <paramref name="destination"/>, with the
    /// neutralisation undone as by the indexer, without making a string: for cells that are parsed, not kept (numbers,
    /// dates). False, with nothing copied, when the field's UTF-8 form is longer than <paramref name="destination"/>;
    /// the caller then reads it with the indexer. An absent column (-1) copies as empty.
    /// </summary>
    public bool TryCopy(int index, Span<char> destination, out int written)
    {
        written = 0;
        if (index < 0)
        {
            return true;
        }
        // A field never has more UTF-16 chars than UTF-8 bytes, so this length check is enough for GetChars.
        if (_csv.GetSpan(index).Length > destination.Length)
        {
            return false;
        }
        var length = _csv.GetChars(index, destination);
        var restored = CsvFormulaGuard.Restore(destination[..length]);
        if (restored.Length < length)
        {
            restored.CopyTo(destination);
        }
        written = restored.Length;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _csv.Dispose();

    private bool TakeMalformed(out string reason)
    {
        reason = "";
        var found = false;
        while (_malformed.TryPeek(out var record) && record.LineNumber <= Line)
        {
            _malformed.Dequeue();
            if (record.LineNumber == Line && record.Reason != CsvMalformedReason.FieldCountMismatch)
            {
                reason = Describe(record.Reason);
                found = true;
            }
        }
        return found;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted value; enclose the whole value in quotes and double the inner quote (\"say \"\"hi\"\"\")",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote; enclose the whole value in quotes and double any inner quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted value is never closed; add the closing quote",
        _ => $"malformed row ({reason}); check its quoting",
    };
}
