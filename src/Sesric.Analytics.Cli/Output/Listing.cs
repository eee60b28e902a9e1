using System.Globalization;
using System.Text;
using System.Text.Json;

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
            default:
                console.CreateOutConsole().Write(ToTable());
                break;
        }
        console.Out.Flush();
    }

    /// <summary>The listing as a Spectre table (cells as plain text, never markup).</summary>
    public Table ToTable()
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in Columns)
        {
            var tableColumn = new TableColumn(new Text(column.Header));
            table.AddColumn(column.Numeric ? tableColumn.RightAligned() : tableColumn);
        }
        foreach (var row in Rows)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(Display(cell))).ToArray());
        }
        return table;
    }

    /// <summary>Writes CSV: header line, then rows; null as an empty cell; quotes only where needed.</summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write(string.Join(",", Columns.Select(c => Quote(c.Key))));
        writer.Write('\n');
        foreach (var row in Rows)
        {
            writer.Write(string.Join(",", row.Select(cell => Quote(Plain(cell)))));
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

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
