using System.Text.Json;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Specs;

/// <summary>
/// Reads typed values (objects with known properties, arrays, strings, whole numbers, booleans, texts in three languages)
/// out of a spec's JSON elements; each wrong value is recorded as a problem at its JSON path, and reading goes on, so one
/// pass lists every problem of a spec.
/// </summary>
internal sealed class SpecElementReader(List<SpecProblem> problems)
{
    public bool ExpectObject(JsonElement e, string path, string[] allowed)
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

    public JsonElement.ArrayEnumerator? Array(JsonElement parent, string name, string path, bool required)
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

    public string? ReadString(JsonElement parent, string name, string path, bool required)
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

    public int? ReadInt(JsonElement parent, string name, string path)
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

    public bool ReadBool(JsonElement parent, string name, string path)
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

    public LocalizedText? ReadText(JsonElement parent, string name, string path, bool required)
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
