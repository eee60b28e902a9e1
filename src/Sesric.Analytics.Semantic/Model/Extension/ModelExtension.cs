using System.Text.Json;
using System.Text.RegularExpressions;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The measures a model file adds to a model, read and parsed: apply it with <see cref="SemanticModel.With"/>, which
/// checks every name and type against that model. The file format is described by <c>model.schema.json</c> (next to
/// this source, and in the README).
/// </summary>
/// <remarks>
/// <para>A file is a JSON object <c>{ "measures": [ … ] }</c> (an optional <c>"$schema"</c> names the schema). Each
/// measure has a <c>name</c>, a <c>kind</c> and the kind's operands, each an expression (see
/// <see cref="MeasureExpressionParser"/> for the grammar):</para>
/// <list type="bullet">
/// <item><c>expression</c>: <c>"expression"</c>, such as <c>participants[attendance = "completed"] / participants</c>.</item>
/// <item><c>ratio</c>: <c>"numerator"</c> / <c>"denominator"</c>.</item>
/// <item><c>share</c>: <c>"part"</c> / <c>"whole"</c>, where the part is the whole restricted further
/// (<c>participants[gender = "female"]</c> of <c>participants</c>), so the share stays within 0–100 % even when both
/// counts are perturbed.</item>
/// <item><c>difference</c>: <c>"value"</c> - <c>"minus"</c>.</item>
/// <item><c>sum</c>: the sum of the expressions in <c>"of"</c> (at least two).</item>
/// </list>
/// <para>Optional: <c>label</c> (<c>{ "en": …, "ar": …, "fr": … }</c>, English required, the others default to it),
/// <c>description</c> (defaults to the definition) and <c>format</c> (<c>integer</c>, <c>decimal</c> or
/// <c>percent</c>; inferred when absent). Unknown properties are refused, so a misspelt one is not silently
/// ignored.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed partial class ModelExtension
{
    /// <summary>The largest model file read, in bytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The most measures one file may define.</summary>
    public const int MaxMeasures = 500;

    /// <summary>The measure kinds, in documentation order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["expression", "ratio", "share", "difference", "sum"];

    private static readonly string[] CommonProperties = ["name", "kind", "label", "description", "format"];

    private ModelExtension(IReadOnlyList<UserMeasureSpec> measures, IReadOnlyList<DimensionDefinition>? dimensions = null, IReadOnlyList<(string Path, MeasureDefinition Measure)>? baseMeasures = null)
    {
        Specs = measures;
        Dimensions = dimensions;
        BaseMeasures = baseMeasures ?? [];
    }

    /// <summary>An extension that adds nothing.</summary>
    public static ModelExtension Empty { get; } = new([]);

    /// <summary>The names of the measures the file defines, in file order (base measures first, then derived ones).</summary>
    public IReadOnlyList<string> MeasureNames => [.. BaseMeasures.Select(b => b.Measure.Name), .. Specs.Select(s => s.Name)];

    /// <summary>
    /// Whether the file is a complete model, told apart by its <c>"dimensions"</c>: it then replaces the built-in model
    /// (<see cref="SemanticModel.FromFile"/>) rather than adding measures to it (<see cref="SemanticModel.With"/>).
    /// </summary>
    public bool IsCompleteModel => Dimensions is not null;

    /// <summary>The derived measures (kinds <c>expression</c>, <c>ratio</c>, <c>share</c>, <c>difference</c>, <c>sum</c> of expressions), in file order.</summary>
    internal IReadOnlyList<UserMeasureSpec> Specs { get; }

    /// <summary>A complete model's dimensions, in file order; null for a file that adds measures to another model.</summary>
    internal IReadOnlyList<DimensionDefinition>? Dimensions { get; }

    /// <summary>A complete model's base measures (those naming an <c>aggregate</c>) with their JSON paths, in file order.</summary>
    internal IReadOnlyList<(string Path, MeasureDefinition Measure)> BaseMeasures { get; }

    /// <summary>Reads a model file.</summary>
    /// <exception cref="ModelFileException">The file is missing, too large or not a valid model file (the message names the file and the path of the problem).</exception>
    public static ModelExtension Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                throw new ModelFileException("", $"the file is {info.Length} bytes; at most {MaxFileBytes} are read", file: path);
            }
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException("", $"cannot be read: {e.Message}", file: path);
        }
        try
        {
            return Parse(json);
        }
        catch (ModelFileException e)
        {
            throw e.InFile(path);
        }
    }

    /// <summary>Reads a model file's text.</summary>
    /// <exception cref="ModelFileException">Not a valid model file; the message names the path of the problem.</exception>
    public static ModelExtension Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new ModelFileException("", $"not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFileException("", $"the file must be a JSON object such as {{ \"measures\": [ … ] }}, not {Kind(root)}");
            }
            CheckProperties(root, "", ["$schema", "dimensions", "measures"]);
            var dimensions = root.TryGetProperty("dimensions", out var d) ? ModelFileDefinitions.ReadDimensions(d) : null;
            if (!root.TryGetProperty("measures", out var measures))
            {
                throw new ModelFileException("measures", "missing; list the measures to add, such as [ { \"name\": \"completion_rate\", \"kind\": \"share\", … } ]");
            }
            if (measures.ValueKind != JsonValueKind.Array)
            {
                throw new ModelFileException("measures", $"must be an array, not {Kind(measures)}");
            }
            if (measures.GetArrayLength() > MaxMeasures)
            {
                throw new ModelFileException("measures", $"{measures.GetArrayLength()} measures; at most {MaxMeasures} are accepted");
            }
            var specs = new List<UserMeasureSpec>();
            var baseMeasures = new List<(string, MeasureDefinition)>();
            var index = 0;
            foreach (var measure in measures.EnumerateArray())
            {
                var path = $"measures[{index++}]";
                if (measure.ValueKind == JsonValueKind.Object && measure.TryGetProperty("aggregate", out _))
                {
                    if (dimensions is null)
                    {
                        throw new ModelFileException(path + ".aggregate", "a base measure (one naming an aggregate) belongs to a complete model, a file with \"dimensions\"; to add a measure to the built-in model, define it with an expression over its measures, such as participants[attendance = \"completed\"]");
                    }
                    baseMeasures.Add((path, ModelFileDefinitions.ReadBase(measure, path)));
                    continue;
                }
                specs.Add(ReadMeasure(measure, path));
            }
            return new ModelExtension(specs, dimensions, baseMeasures);
        }
    }

    private static UserMeasureSpec ReadMeasure(JsonElement m, string path)
    {
        if (m.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFileException(path, $"must be an object with a name and a kind, not {Kind(m)}");
        }
        var name = RequiredString(m, path, "name");
        if (!NamePattern().IsMatch(name))
        {
            throw new ModelFileException(path + ".name", $"'{Shorten(name)}' is not a valid name; use lower-case letters, digits and underscores, starting with a letter (at most 64), such as completion_rate");
        }
        var kind = RequiredString(m, path, "kind");
        string[] operands = kind switch
        {
            "expression" => ["expression"],
            "ratio" => ["numerator", "denominator"],
            "share" => ["part", "whole"],
            "difference" => ["value", "minus"],
            "sum" => ["of"],
            _ when MeasureAggregates.Kinds.Contains(kind, StringComparer.Ordinal) => throw new ModelFileException(path + ".kind", $"a measure of kind '{kind}' names the \"aggregate\" it is computed by (only in a complete model); derived measures have the kinds {string.Join(", ", Kinds)}"),
            _ => throw new ModelFileException(path + ".kind", $"unknown kind '{Shorten(kind)}'; kinds: {string.Join(", ", Kinds)}"),
        };
        CheckProperties(m, path, [.. CommonProperties, .. operands]);

        MeasureExpression Operand(string property)
        {
            var text = RequiredString(m, path, property);
            return new OperandExpression(MeasureExpressionParser.Parse(text, $"{path}.{property}"), $"{path}.{property}");
        }

        string Text(string property) => RequiredString(m, path, property).Trim();

        MeasureExpression expression;
        string definition;
        switch (kind)
        {
            case "expression":
                expression = Operand("expression");
                definition = Text("expression");
                break;
            case "ratio":
                expression = new BinaryExpression('/', Operand("numerator"), Operand("denominator"), 0);
                definition = $"({Text("numerator")}) / ({Text("denominator")})";
                break;
            case "share":
                expression = new BinaryExpression('/', Operand("part"), Operand("whole"), 0);
                definition = $"share of {Text("part")} in {Text("whole")}";
                break;
            case "difference":
                expression = new BinaryExpression('-', Operand("value"), Operand("minus"), 0);
                definition = $"({Text("value")}) - ({Text("minus")})";
                break;
            default:
                if (!m.TryGetProperty("of", out var of) || of.ValueKind != JsonValueKind.Array || of.GetArrayLength() < 2)
                {
                    throw new ModelFileException(path + ".of", "a sum needs an array of at least two expressions, such as [\"participants[gender = \\\"female\\\"]\", \"participants[gender = \\\"male\\\"]\"]");
                }
                var terms = new List<(MeasureExpression Tree, string Text)>();
                var i = 0;
                foreach (var term in of.EnumerateArray())
                {
                    var termPath = $"{path}.of[{i++}]";
                    if (term.ValueKind != JsonValueKind.String)
                    {
                        throw new ModelFileException(termPath, $"must be a string holding an expression, not {Kind(term)}");
                    }
                    var text = term.GetString()!;
                    terms.Add((new OperandExpression(MeasureExpressionParser.Parse(text, termPath), termPath), text.Trim()));
                }
                expression = terms.Skip(1).Aggregate(terms[0].Tree, (sum, t) => new BinaryExpression('+', sum, t.Tree, 0));
                definition = string.Join(" + ", terms.Select(t => $"({t.Text})"));
                break;
        }
        var label = ReadLabel(m, path, name);
        var description = m.TryGetProperty("description", out var d) ? String(d, path + ".description") : definition;
        ValueFormat? format = null;
        if (m.TryGetProperty("format", out var f))
        {
            format = String(f, path + ".format") switch
            {
                "integer" => ValueFormat.Integer,
                "decimal" => ValueFormat.Decimal,
                "percent" => ValueFormat.Percent,
                var other => throw new ModelFileException(path + ".format", $"unknown format '{Shorten(other)}'; formats: integer, decimal, percent"),
            };
        }
        return new UserMeasureSpec(path, name, kind, expression, definition, label, description, format);
    }

    internal static LocalizedText ReadLabel(JsonElement m, string path, string name)
    {
        if (!m.TryGetProperty("label", out var label))
        {
            return new LocalizedText(name);
        }
        if (label.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFileException(path + ".label", $"must be an object such as {{ \"en\": \"Completion rate\", \"fr\": \"Taux d'achèvement\" }}, not {Kind(label)}");
        }
        CheckProperties(label, path + ".label", ["en", "ar", "fr"]);
        var english = RequiredString(label, path + ".label", "en");
        string? Optional(string language) => label.TryGetProperty(language, out var v) ? String(v, $"{path}.label.{language}") : null;
        return new LocalizedText(english, Optional("ar"), Optional("fr"));
    }

    internal static void CheckProperties(JsonElement element, string path, string[] allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                var near = Suggestions.Nearest(property.Name, allowed);
                throw new ModelFileException(at, $"unknown property '{Shorten(property.Name)}'{(near is null ? "" : $"; did you mean '{near}'?")} (allowed here: {string.Join(", ", allowed)})");
            }
        }
    }

    internal static string RequiredString(JsonElement element, string path, string property)
    {
        var at = path.Length == 0 ? property : $"{path}.{property}";
        if (!element.TryGetProperty(property, out var value))
        {
            throw new ModelFileException(at, "missing");
        }
        return String(value, at);
    }

    internal static string String(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ModelFileException(path, $"must be a string, not {Kind(value)}");
        }
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ModelFileException(path, "must not be blank");
        }
        return text;
    }

    internal static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    internal static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>Whether <paramref name="name"/> is a valid measure or dimension name.</summary>
    internal static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();
}
