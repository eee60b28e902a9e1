using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Specs;

/// <summary>
/// Reads and writes report specs as JSON. Writing is deterministic (fixed property order, two-space indent,
/// <c>\n</c> line ends, defaults left out), so <c>Write(Read(Write(r))) == Write(r)</c> and <c>Read(Write(r)) == r</c>.
/// </summary>
/// <remarks>Reading checks the spec's shape (types, known property names, marks and operators) and throws
/// <see cref="SpecException"/> listing every problem with its path; <see cref="ReportValidator"/> then checks
/// the names against the semantic model.</remarks>
public static class ReportJson
{
    /// <summary>The JSON Schema (draft 2020-12) of a report spec, as shipped in the library.</summary>
    public static string Schema { get; } = ReadResource("Sesric.Analytics.Reporting.report.schema.json");

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

    /// <summary>Writes one visual as a JSON object (what the gRPC RenderChart call takes).</summary>
    public static string WriteVisual(Visual visual)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteVisual(w, visual);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a report spec, or throws <see cref="SpecException"/> naming every bad path.</summary>
    public static Report Read(string json)
    {
        var problems = new List<SpecProblem>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new SpecException([new SpecProblem("$", $"not valid JSON: {e.Message}")]);
        }
        using (doc)
        {
            var reader = new Reader(problems);
            var report = reader.ReadReport(doc.RootElement);
            if (problems.Count > 0 || report is null)
            {
                throw new SpecException(problems);
            }
            return report;
        }
    }

    /// <summary>Reads one visual spec (a JSON object as in <c>pages[i].visuals[j]</c>), or throws <see cref="SpecException"/>.</summary>
    public static Visual ReadVisual(string json)
    {
        var problems = new List<SpecProblem>();
        using var doc = JsonDocument.Parse(json);
        var visual = new Reader(problems).ReadVisual(doc.RootElement, "visual");
        if (problems.Count > 0 || visual is null)
        {
            throw new SpecException(problems);
        }
        return visual;
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

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the Reporting assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed class Reader(List<SpecProblem> problems)
    {
        private static readonly string[] ReportProps = ["$schema", "title", "subtitle", "source", "theme", "filters", "pages"];
        private static readonly string[] PageProps = ["title", "filters", "visuals"];
        private static readonly string[] VisualProps = ["id", "mark", "measure", "category", "series", "lineMeasure", "title", "subtitle", "note", "filters", "limit", "width", "height", "forecast"];
        private static readonly string[] FilterProps = ["dimension", "op", "values"];

        public Report? ReadReport(JsonElement e)
        {
            if (!ExpectObject(e, "$", ReportProps))
            {
                return null;
            }
            var title = ReadText(e, "title", "title", required: true);
            var subtitle = ReadText(e, "subtitle", "subtitle", required: false);
            var source = ReadText(e, "source", "source", required: false);
            var theme = ReadString(e, "theme", "theme", required: false) ?? "default";
            var filters = ReadFilters(e, "filters");
            var pages = new List<ReportPage>();
            if (Array(e, "pages", "pages", required: true) is { } pageArray)
            {
                var i = 0;
                foreach (var p in pageArray)
                {
                    if (ReadPage(p, $"pages[{i}]") is { } page)
                    {
                        pages.Add(page);
                    }
                    i++;
                }
            }
            return title is null ? null : new Report(title, subtitle, theme, filters, pages.ToValueList(), source);
        }

        private ReportPage? ReadPage(JsonElement e, string path)
        {
            if (!ExpectObject(e, path, PageProps))
            {
                return null;
            }
            var title = ReadText(e, "title", $"{path}.title", required: true);
            var filters = ReadFilters(e, $"{path}.filters");
            var visuals = new List<Visual>();
            if (Array(e, "visuals", $"{path}.visuals", required: true) is { } array)
            {
                var i = 0;
                foreach (var v in array)
                {
                    if (ReadVisual(v, $"{path}.visuals[{i}]") is { } visual)
                    {
                        visuals.Add(visual);
                    }
                    i++;
                }
            }
            return title is null ? null : new ReportPage(title, filters, visuals.ToValueList());
        }

        public Visual? ReadVisual(JsonElement e, string path)
        {
            if (!ExpectObject(e, path, VisualProps))
            {
                return null;
            }
            var id = ReadString(e, "id", $"{path}.id", required: true);
            var markName = ReadString(e, "mark", $"{path}.mark", required: true);
            var mark = MarkKind.Card;
            if (markName is not null && !MarkNames.TryParse(markName, out mark))
            {
                problems.Add(new($"{path}.mark", $"'{markName}' is not a mark; use one of: {string.Join(", ", MarkNames.All)}."));
                markName = null;
            }
            var measure = ReadString(e, "measure", $"{path}.measure", required: true);
            var visual = new Visual(
                id ?? "",
                mark,
                measure ?? "",
                ReadString(e, "category", $"{path}.category", required: false),
                ReadString(e, "series", $"{path}.series", required: false),
                ReadString(e, "lineMeasure", $"{path}.lineMeasure", required: false),
                ReadText(e, "title", $"{path}.title", required: false),
                ReadText(e, "subtitle", $"{path}.subtitle", required: false),
                ReadText(e, "note", $"{path}.note", required: false),
                ReadFilters(e, $"{path}.filters"),
                ReadInt(e, "limit", $"{path}.limit"),
                ReadInt(e, "width", $"{path}.width") ?? Visual.DefaultWidth,
                ReadInt(e, "height", $"{path}.height") ?? Visual.DefaultHeight,
                ReadBool(e, "forecast", $"{path}.forecast"));
            return id is null || markName is null || measure is null ? null : visual;
        }

        private ValueList<FilterSpec> ReadFilters(JsonElement parent, string path)
        {
            var name = path[(path.LastIndexOf('.') + 1)..];
            var list = new List<FilterSpec>();
            if (Array(parent, name, path, required: false) is not { } array)
            {
                return ValueList<FilterSpec>.Empty;
            }
            var i = 0;
            foreach (var f in array)
            {
                var at = $"{path}[{i++}]";
                if (!ExpectObject(f, at, FilterProps))
                {
                    continue;
                }
                var dimension = ReadString(f, "dimension", $"{at}.dimension", required: true);
                var opName = ReadString(f, "op", $"{at}.op", required: true);
                var op = FilterSpecOperator.Eq;
                if (opName is not null && !MarkNames.TryParseOperator(opName, out op))
                {
                    problems.Add(new($"{at}.op", $"'{opName}' is not a filter operator; use eq, ne, in, between, gte or lte."));
                    opName = null;
                }
                var values = new List<string>();
                if (Array(f, "values", $"{at}.values", required: true) is { } valueArray)
                {
                    var j = 0;
                    foreach (var value in valueArray)
                    {
                        switch (value.ValueKind)
                        {
                            case JsonValueKind.String:
                                values.Add(value.GetString()!);
                                break;
                            case JsonValueKind.Number:
                                values.Add(value.GetRawText());
                                break;
                            default:
                                problems.Add(new($"{at}.values[{j}]", $"a filter value must be a string or a number, not {value.ValueKind.ToString().ToLowerInvariant()}."));
                                break;
                        }
                        j++;
                    }
                }
                if (dimension is not null && opName is not null)
                {
                    list.Add(new FilterSpec(dimension, op, values.ToValueList()));
                }
            }
            return list.ToValueList();
        }

        private bool ExpectObject(JsonElement e, string path, string[] allowed)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(path, $"expected an object, found {e.ValueKind.ToString().ToLowerInvariant()}."));
                return false;
            }
            foreach (var property in e.EnumerateObject())
            {
                if (!allowed.Contains(property.Name))
                {
                    var at = path == "$" ? property.Name : $"{path}.{property.Name}";
                    problems.Add(new(at, $"unknown property '{property.Name}'; allowed: {string.Join(", ", allowed)}."));
                }
            }
            return true;
        }

        private JsonElement.ArrayEnumerator? Array(JsonElement parent, string name, string path, bool required)
        {
            if (!parent.TryGetProperty(name, out var e))
            {
                if (required)
                {
                    problems.Add(new(path, "is required (an array)."));
                }
                return null;
            }
            if (e.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new(path, $"expected an array, found {e.ValueKind.ToString().ToLowerInvariant()}."));
                return null;
            }
            return e.EnumerateArray();
        }

        private string? ReadString(JsonElement parent, string name, string path, bool required)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    problems.Add(new(path, "is required (a string)."));
                }
                return null;
            }
            if (e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
            {
                problems.Add(new(path, "must be a non-empty string."));
                return null;
            }
            return e.GetString();
        }

        private int? ReadInt(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var value))
            {
                problems.Add(new(path, "must be a whole number."));
                return null;
            }
            return value;
        }

        private bool ReadBool(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                return false;
            }
            if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(new(path, "must be true or false."));
                return false;
            }
            return e.GetBoolean();
        }

        private LocalizedText? ReadText(JsonElement parent, string name, string path, bool required)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    problems.Add(new(path, "is required (a string, or an object with en, ar, fr)."));
                }
                return null;
            }
            if (e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString()))
            {
                return new LocalizedText(e.GetString()!);
            }
            if (e.ValueKind == JsonValueKind.Object)
            {
                ExpectObject(e, path, ["en", "ar", "fr"]);
                var en = ReadString(e, "en", $"{path}.en", required: true);
                var ar = ReadString(e, "ar", $"{path}.ar", required: false);
                var fr = ReadString(e, "fr", $"{path}.fr", required: false);
                return en is null ? null : new LocalizedText(en, ar, fr);
            }
            problems.Add(new(path, "must be a string or an object with en (required), ar and fr."));
            return null;
        }
    }
}
