using System.Text.Json;

namespace Sesric.Analytics.Reporting.Specs;

/// <summary>
/// Reads a report spec's structure (report, pages, visuals, filters) from its JSON, recording every problem with its path
/// instead of stopping at the first; marks and filter operators are checked against their names.
/// </summary>
internal sealed class ReportSpecReader(List<SpecProblem> problems)
{
    private readonly SpecElementReader _values = new(problems);

    private static readonly string[] ReportProps = ["$schema", "title", "subtitle", "source", "theme", "filters", "pages"];
    private static readonly string[] PageProps = ["title", "filters", "visuals"];
    private static readonly string[] VisualProps = ["id", "mark", "measure", "category", "series", "lineMeasure", "title", "subtitle", "note", "filters", "limit", "width", "height", "forecast"];
    private static readonly string[] FilterProps = ["dimension", "op", "values"];

    public Report? ReadReport(JsonElement e)
    {
        if (!_values.ExpectObject(e, "$", ReportProps))
        {
            return null;
        }
        var title = _values.ReadText(e, "title", "title", required: true);
        var subtitle = _values.ReadText(e, "subtitle", "subtitle", required: false);
        var source = _values.ReadText(e, "source", "source", required: false);
        var theme = _values.ReadString(e, "theme", "theme", required: false) ?? "default";
        var filters = ReadFilters(e, "filters");
        var pages = new List<ReportPage>();
        if (_values.Array(e, "pages", "pages", required: true) is { } pageArray)
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
        if (!_values.ExpectObject(e, path, PageProps))
        {
            return null;
        }
        var title = _values.ReadText(e, "title", $"{path}.title", required: true);
        var filters = ReadFilters(e, $"{path}.filters");
        var visuals = new List<Visual>();
        if (_values.Array(e, "visuals", $"{path}.visuals", required: true) is { } array)
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
        if (!_values.ExpectObject(e, path, VisualProps))
        {
            return null;
        }
        var id = _values.ReadString(e, "id", $"{path}.id", required: true);
        var markName = _values.ReadString(e, "mark", $"{path}.mark", required: true);
        var mark = MarkKind.Card;
        if (markName is not null && !MarkNames.TryParse(markName, out mark))
        {
            problems.Add(new($"{path}.mark", $"'{markName}' is not a mark; use one of: {string.Join(", ", MarkNames.All)}."));
            markName = null;
        }
        var measure = _values.ReadString(e, "measure", $"{path}.measure", required: true);
        var visual = new Visual(
            id ?? "",
            mark,
            measure ?? "",
            _values.ReadString(e, "category", $"{path}.category", required: false),
            _values.ReadString(e, "series", $"{path}.series", required: false),
            _values.ReadString(e, "lineMeasure", $"{path}.lineMeasure", required: false),
            _values.ReadText(e, "title", $"{path}.title", required: false),
            _values.ReadText(e, "subtitle", $"{path}.subtitle", required: false),
            _values.ReadText(e, "note", $"{path}.note", required: false),
            ReadFilters(e, $"{path}.filters"),
            _values.ReadInt(e, "limit", $"{path}.limit"),
            _values.ReadInt(e, "width", $"{path}.width") ?? Visual.DefaultWidth,
            _values.ReadInt(e, "height", $"{path}.height") ?? Visual.DefaultHeight,
            _values.ReadBool(e, "forecast", $"{path}.forecast"));
        return id is null || markName is null || measure is null ? null : visual;
    }

    private ValueList<FilterSpec> ReadFilters(JsonElement parent, string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        var list = new List<FilterSpec>();
        if (_values.Array(parent, name, path, required: false) is not { } array)
        {
            return ValueList<FilterSpec>.Empty;
        }
        var i = 0;
        foreach (var f in array)
        {
            var at = $"{path}[{i++}]";
            if (!_values.ExpectObject(f, at, FilterProps))
            {
                continue;
            }
            var dimension = _values.ReadString(f, "dimension", $"{at}.dimension", required: true);
            var opName = _values.ReadString(f, "op", $"{at}.op", required: true);
            var op = FilterSpecOperator.Eq;
            if (opName is not null && !MarkNames.TryParseOperator(opName, out op))
            {
                problems.Add(new($"{at}.op", $"'{opName}' is not a filter operator; use eq, ne, in, between, gte or lte."));
                opName = null;
            }
            var values = new List<string>();
            if (_values.Array(f, "values", $"{at}.values", required: true) is { } valueArray)
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
}
