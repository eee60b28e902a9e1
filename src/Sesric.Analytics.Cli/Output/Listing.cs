using System.Globalization;
using System.Text;
using System.Text.Json;

using Sesric.Analytics.Import;

using Spectre.Console;

namespace Sesric.Analytics.Cli.Output;

/// <summary>One column of a <see cref="Listing"/>.</summary>
/// <param name="Key">The snake_case name used as the CSV header and JSON key.</param>
/// <param name="Header">The heading shown in a table.</param>
/// <param name="Numeric">Right-aligned in tables.</param>
public sealed record ListingColumn(string Key, string Header, bool Numeric = false);

/// <summary>
/// Rows to print in any <see cref="OutputFormat"/>: cells are null (unknown), strings, integers or booleans.
/// Output is deterministic: the same rows give the same bytes.
/// </summary>
/// <param name="Columns">The columns in order.</param>
/// <param name="Rows">The cells of each row, one per column.</param>
public sealed record Listing(IReadOnlyList<ListingColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Shown in tables for an unknown (null) cell.</summary>
    public const string UnknownMark = "–";

    /// <summary>Writes the listing in <paramref name="format"/>.</summary>
    public void Write(OutputFormat format, Hosting.CliConsole console)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                WriteCsv(console.Out);
                break;
            case OutputFormat.Json:
                WriteJson(console.Out);
                break;
            case OutputFormat.Tsv:
                WriteTsv(console.Out);
                break;
            default:
                var output = console.CreateOutConsole();
                if (MinimumTableWidth() <= output.Profile.Width)
                {
                    output.Write(ToTable());
                }
                else
                {
                    WriteRecords(console.Out);
                }
                break;
        }
        console.Out.Flush();
    }

    /// <summary>
    /// The listing as a Spectre table (cells as plain text, never markup), drawn to the console's width. A column
    /// whose values have no space in them (numbers, dates, codes, ids) is exactly as wide as its longest value, so no
    /// value is split mid-way ("254." over "6"); only columns of words wrap, at their spaces.
    /// </summary>
    public Table ToTable()
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            var tableColumn = new TableColumn(new Text(column.Header));
            if (column.Numeric)
            {
                tableColumn.RightAligned();
            }
            var index = i;
            if (Rows.All(row => !Display(row[index]).Any(char.IsWhiteSpace)))
            {
                // As wide as its longest value (or the longest word of its heading): values never wrap, the heading
                // wraps at its spaces ("Published" over "participants") instead of widening the column.
                var widest = Rows.Select(row => Display(row[index]).Length).DefaultIfEmpty(0).Max();
                tableColumn.Width = Math.Max(widest, column.Header.Split(' ').Max(w => w.Length));
            }
            table.AddColumn(tableColumn);
        }
        foreach (var row in Rows)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(Display(cell))).ToArray());
        }
        return table;
    }

    /// <summary>
    /// The narrowest the table can be drawn without splitting a word or a value: every column at least as wide as its
    /// longest value without spaces or its longest word, plus the borders and padding (three characters a column, and one).
    /// </summary>
    public int MinimumTableWidth()
    {
        var width = 1;
        for (var i = 0; i < Columns.Count; i++)
        {
            var index = i;
            var words = Rows.SelectMany(row => Display(row[index]).Split(' ')).Concat(Columns[i].Header.Split(' '));
            width += words.Select(w => w.Length).DefaultIfEmpty(0).Max() + 3;
        }
        return width;
    }

    /// <summary>
    /// Writes each row as a block of "heading  value" lines, blank-line separated: what a terminal too narrow for the
    /// table gets instead of a table whose values would be cut into pieces.
    /// </summary>
    public void WriteRecords(TextWriter writer)
    {
        var labelWidth = Columns.Max(c => c.Header.Length);
        for (var r = 0; r < Rows.Count; r++)
        {
            if (r > 0)
            {
                writer.Write('\n');
            }
            for (var i = 0; i < Columns.Count; i++)
            {
                writer.Write(Columns[i].Header.PadRight(labelWidth));
                writer.Write("  ");
                writer.Write(Flat(Display(Rows[r][i])));
                writer.Write('\n');
            }
        }
    }

    /// <summary>
    /// Writes CSV: header line, then rows; null as an empty cell; quotes only where needed. Text cells that a
    /// spreadsheet would run as a formula get an apostrophe in front (<see cref="CsvFormulaGuard"/>); numbers,
    /// dates and booleans are written as they are, so <c>-3</c> stays a number.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write(string.Join(",", Columns.Select(c => Quote(c.Key))));
        writer.Write('\n');
        foreach (var row in Rows)
        {
            writer.Write(string.Join(",", row.Select(cell => Quote(cell is null or bool or DateOnly or IFormattable ? Plain(cell) : CsvFormulaGuard.Protect(Plain(cell))))));
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Writes tab-separated lines: the keys, then each row with values as a table shows them (tabs and line breaks in
    /// a value become spaces). For people and line tools reading a pipe; no table layout, no line wider than its values.
    /// </summary>
    public void WriteTsv(TextWriter writer)
    {
        writer.Write(string.Join('\t', Columns.Select(c => c.Key)));
        writer.Write('\n');
        foreach (var row in Rows)
        {
            writer.Write(string.Join('\t', row.Select(cell => Flat(Display(cell)))));
            writer.Write('\n');
        }
    }

    /// <summary>Writes a JSON array of objects, keys in column order, numbers as numbers, null as null.</summary>
    public void WriteJson(TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < Columns.Count; i++)
                {
                    json.WritePropertyName(Columns[i].Key);
                    switch (row[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case bool b: json.WriteBooleanValue(b); break;
                        case int n: json.WriteNumberValue(n); break;
                        case long n: json.WriteNumberValue(n); break;
                        case double d: json.WriteNumberValue(d); break;
                        default: json.WriteStringValue(Plain(row[i])); break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static string Display(object? cell) => cell switch
    {
        null => UnknownMark,
        SuppressedCell => SuppressedCell.TableMark,
        bool b => b ? "yes" : "no",
        _ => Plain(cell),
    };

    private static string Plain(object? cell) => cell switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string Flat(string text) =>
        text.AsSpan().IndexOfAny("\t\r\n") >= 0 ? text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ') : text;

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
