using System.Text.Json;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Reads the parts of a complete model file that the built-in model is made of: its dimensions and its base measures.
/// Each names a closed part written in code (a dimension's <see cref="DimensionColumn"/>, a measure's
/// <see cref="MeasureAggregate"/>) and declares the rest as data: labels, description, type, format and traits.
/// </summary>
internal static class ModelFileDefinitions
{
    private static readonly string[] DimensionProperties =
        ["name", "label", "description", "type", "format", "column", "values", "nullable", "time", "ordered", "names", "identifies"];

    private static readonly string[] BaseMeasureProperties = ["name", "kind", "aggregate", "label", "description", "format"];

    /// <summary>The dimensions of a complete model, in file order.</summary>
    /// <exception cref="ModelFileException">A dimension is invalid; the message names its JSON path.</exception>
    public static IReadOnlyList<DimensionDefinition> ReadDimensions(JsonElement dimensions)
    {
        if (dimensions.ValueKind != JsonValueKind.Array || dimensions.GetArrayLength() == 0)
        {
            throw new ModelFileException("dimensions", $"must be a non-empty array of dimensions, not {(dimensions.ValueKind == JsonValueKind.Array ? "an empty one" : ModelExtension.Kind(dimensions))}");
        }
        var read = new List<DimensionDefinition>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in dimensions.EnumerateArray())
        {
            var path = $"dimensions[{index++}]";
            var dimension = ReadDimension(element, path);
            if (!paths.TryAdd(dimension.Name, path))
            {
                throw new ModelFileException(path + ".name", $"'{dimension.Name}' is already defined by {paths[dimension.Name]}; give each dimension its own name");
            }
            read.Add(dimension);
        }
        return read;
    }

    private static DimensionDefinition ReadDimension(JsonElement d, string path)
    {
        if (d.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFileException(path, $"must be an object with a name, a label, a type and a column, not {ModelExtension.Kind(d)}");
        }
        ModelExtension.CheckProperties(d, path, DimensionProperties);
        var name = Name(d, path);
        var label = ModelExtension.ReadLabel(d, path, name);
        var description = ModelExtension.RequiredString(d, path, "description");
        var type = RequiredChoice(d, path, "type", ("string", ColumnType.String), ("integer", ColumnType.Integer), ("date", ColumnType.Date));
        var format = Choice(d, path, "format", ValueFormat.Text, ("text", ValueFormat.Text), ("year", ValueFormat.Year));
        var columnName = ModelExtension.RequiredString(d, path, "column");
        var column = DimensionColumns.Find(columnName)
            ?? throw new ModelFileException(path + ".column", $"unknown column '{ModelExtension.Shorten(columnName)}'{Near(columnName, DimensionColumns.All.Select(c => c.Name))}; columns: {string.Join(", ", DimensionColumns.All.Select(c => c.Name))}");
        if (column.Type != type)
        {
            throw new ModelFileException(path + ".type", $"the column '{column.Name}' holds {TypeName(column.Type)} values, not {TypeName(type)}");
        }
        var values = ModelExtension.RequiredString(d, path, "values");
        var time = Choice<TimeGrain?>(d, path, "time", null, ("year", TimeGrain.Year), ("day", TimeGrain.Day));
        if (time is { } grain && (grain == TimeGrain.Year ? ColumnType.Integer : ColumnType.Date) != type)
        {
            throw new ModelFileException(path + ".time", $"a time dimension of grain {(grain == TimeGrain.Year ? "year" : "day")} needs a{(grain == TimeGrain.Year ? "n integer" : " date")} column, not {TypeName(type)}");
        }
        var members = Choice(d, path, "names", MemberReference.None, ("programme", MemberReference.Programme), ("edition", MemberReference.Edition), ("country", MemberReference.Country));
        var identifies = Choice<string?>(d, path, "identifies", null, ("edition", "edition"), ("member_state", "member_state"));
        return new DimensionDefinition(
            name, label, description, type, format,
            column.RegistrySql, column.EditionSql, column.CountrySql, Flag(d, path, "nullable"),
            column.Normalise, values,
            registryGroupBy: column.RegistryGroupBy,
            editionGroupBy: column.EditionGroupBy,
            orderSql: column.OrderSql,
            registryOrderSql: column.RegistryOrderSql,
            editionOrderSql: column.EditionOrderSql,
            identifiesEdition: identifies == "edition",
            time: time,
            ordered: Flag(d, path, "ordered"),
            members: members,
            identifiesMemberState: identifies == "member_state");
    }

    /// <summary>A base measure: one computed by a named <see cref="MeasureAggregate"/> of the declared kind.</summary>
    /// <exception cref="ModelFileException">The measure is invalid; the message names its JSON path.</exception>
    public static MeasureDefinition ReadBase(JsonElement m, string path)
    {
        ModelExtension.CheckProperties(m, path, BaseMeasureProperties);
        var name = Name(m, path);
        var kind = ModelExtension.RequiredString(m, path, "kind");
        if (!MeasureAggregates.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw new ModelFileException(path + ".kind", $"unknown kind '{ModelExtension.Shorten(kind)}' for a base measure; kinds: {string.Join(", ", MeasureAggregates.Kinds)}");
        }
        var aggregateName = ModelExtension.RequiredString(m, path, "aggregate");
        var aggregate = MeasureAggregates.Find(aggregateName)
            ?? throw new ModelFileException(path + ".aggregate", $"unknown aggregate '{ModelExtension.Shorten(aggregateName)}'{Near(aggregateName, MeasureAggregates.All.Select(a => a.Name))}; aggregates: {string.Join(", ", MeasureAggregates.All.Select(a => a.Name))}");
        if (aggregate.Kind != kind)
        {
            throw new ModelFileException(path + ".kind", $"the aggregate '{aggregate.Name}' is of kind {aggregate.Kind}, not {kind}");
        }
        var label = ModelExtension.ReadLabel(m, path, name);
        var description = ModelExtension.RequiredString(m, path, "description");
        var format = Choice(m, path, "format", aggregate.IsWhole ? ValueFormat.Integer : kind == "share" ? ValueFormat.Percent : ValueFormat.Decimal,
            ("integer", ValueFormat.Integer), ("decimal", ValueFormat.Decimal), ("percent", ValueFormat.Percent));
        if ((format == ValueFormat.Integer) != aggregate.IsWhole)
        {
            throw new ModelFileException(path + ".format", aggregate.IsWhole
                ? $"the aggregate '{aggregate.Name}' is a whole-number count; use \"integer\""
                : $"the aggregate '{aggregate.Name}' has fractions; use \"decimal\" or \"percent\"");
        }
        return new MeasureDefinition(
            name, label, description,
            aggregate.IsWhole ? ColumnType.Integer : ColumnType.Number, format,
            aggregate.Source, aggregate.Components, aggregate.Combine)
        {
            RestrictableCount = aggregate.RestrictableCount,
        };
    }

    private static string Name(JsonElement element, string path)
    {
        var name = ModelExtension.RequiredString(element, path, "name");
        if (!ModelExtension.IsValidName(name))
        {
            throw new ModelFileException(path + ".name", $"'{ModelExtension.Shorten(name)}' is not a valid name; use lower-case letters, digits and underscores, starting with a letter (at most 64)");
        }
        return name;
    }

    private static bool Flag(JsonElement element, string path, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return false;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ModelFileException($"{path}.{property}", $"must be true or false, not {ModelExtension.Kind(value)}"),
        };
    }

    /// <summary>The value of a required enumerated property.</summary>
    private static T RequiredChoice<T>(JsonElement element, string path, string property, params (string Text, T Value)[] choices)
    {
        if (!element.TryGetProperty(property, out _))
        {
            throw new ModelFileException($"{path}.{property}", $"missing; one of {string.Join(", ", choices.Select(c => c.Text))}");
        }
        return Choice(element, path, property, choices[0].Value, choices);
    }

    /// <summary>The value of an enumerated property; <paramref name="absent"/> when missing.</summary>
    private static T Choice<T>(JsonElement element, string path, string property, T absent, params (string Text, T Value)[] choices)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return absent;
        }
        var text = ModelExtension.String(value, $"{path}.{property}");
        foreach (var (t, v) in choices)
        {
            if (t == text)
            {
                return v;
            }
        }
        throw new ModelFileException($"{path}.{property}", $"unknown value '{ModelExtension.Shorten(text)}'{Near(text, choices.Select(c => c.Text))}; one of {string.Join(", ", choices.Select(c => c.Text))}");
    }

    private static string Near(string text, IEnumerable<string> choices) =>
        Suggestions.Nearest(text, choices.ToArray()) is { } near ? $"; did you mean '{near}'?" : "";

    private static string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "integer",
        ColumnType.Date => "date",
        _ => "string",
    };
}
