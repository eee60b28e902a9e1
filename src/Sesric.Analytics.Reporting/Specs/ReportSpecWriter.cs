using System.Globalization;
using System.Text;
using System.Text.Json;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Specs;

/// <summary>
/// Writes report specs as JSON deterministically: fixed property order, two-space indent, <c>\n</c> line ends, defaults
/// left out, whole-number filter values as JSON numbers.
/// </summary>
internal static class ReportSpecWriter
{
    /// <summary>Writes <paramref name="report"/> as JSON.</summary>
    public static string Write(Report report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            WriteText(w, "title", report.Title);
            WriteText(w, "subtitle", report.Subtitle);
            WriteText(w, "source", report.Source);
            w.WriteString("theme", report.Theme);
            WriteFilters(w, report.Filters);
            w.WriteStartArray("pages");
            foreach (var page in report.Pages)
            {
                w.WriteStartObject();
                WriteText(w, "title", page.Title);
                WriteFilters(w, page.Filters);
                w.WriteStartArray("visuals");
                foreach (var v in page.Visuals)
                {
                    WriteVisual(w, v);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes one visual as a JSON object.</summary>
    public static string WriteVisual(Visual visual)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteVisual(w, visual);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteVisual(Utf8JsonWriter w, Visual v)
    {
        w.WriteStartObject();
        w.WriteString("id", v.Id);
        w.WriteString("mark", v.Mark.Name());
        w.WriteString("measure", v.Measure);
        WriteOptional(w, "category", v.Category);
        WriteOptional(w, "series", v.Series);
        WriteOptional(w, "lineMeasure", v.LineMeasure);
        WriteText(w, "title", v.Title);
        WriteText(w, "subtitle", v.Subtitle);
        WriteText(w, "note", v.Note);
        WriteFilters(w, v.Filters);
        if (v.Limit is { } limit)
        {
            w.WriteNumber("limit", limit);
        }
        if (v.Width != Visual.DefaultWidth)
        {
            w.WriteNumber("width", v.Width);
        }
        if (v.Height != Visual.DefaultHeight)
        {
            w.WriteNumber("height", v.Height);
        }
        if (v.Forecast)
        {
            w.WriteBoolean("forecast", true);
        }
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteText(Utf8JsonWriter w, string name, LocalizedText? text)
    {
        if (text is null)
        {
            return;
        }
        if (text.Arabic is null && text.French is null)
        {
            w.WriteString(name, text.English);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("en", text.English);
        WriteOptional(w, "ar", text.Arabic);
        WriteOptional(w, "fr", text.French);
        w.WriteEndObject();
    }

    private static void WriteFilters(Utf8JsonWriter w, IReadOnlyList<FilterSpec> filters)
    {
        if (filters.Count == 0)
        {
            return;
        }
        w.WriteStartArray("filters");
        foreach (var f in filters)
        {
            w.WriteStartObject();
            w.WriteString("dimension", f.Dimension);
            w.WriteString("op", f.Operator.Name());
            w.WriteStartArray("values");
            foreach (var value in f.Values)
            {
                // Whole numbers are written as JSON numbers ("2020" reads as 2020) and read back as the same text.
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == value)
                {
                    w.WriteNumberValue(n);
                }
                else
                {
                    w.WriteStringValue(value);
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
