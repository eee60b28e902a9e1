using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The named measures and dimensions queries are written in: the one place where "participants",
/// "coverage" or "oic_group" is defined.
/// </summary>
/// <remarks>
/// <para>Registry measures read the <c>participation_fact</c> table and count only participations whose
/// attendance is <c>attended</c> or <c>completed</c> (no-shows and bare registrations are not
/// participations). Published measures read the <c>edition</c> table.</para>
/// <para>Time-intelligence measures are written as a function of a base measure:
/// <c>yoy_change(participants)</c>, <c>yoy_pct(member_states)</c>, <c>running_total(participations)</c>,
/// <c>prior_year(participants)</c>.</para>
/// <para>The built-in model is data: <c>Model/builtin-model.json</c> (schema <c>Model/model.schema.json</c>), embedded
/// and read by the same loader as user files. To add a dimension or a measure, add an entry there; only a new column
/// (<see cref="DimensionColumns"/>) or a new aggregate (<see cref="MeasureAggregates"/>, with its components in
/// <see cref="Components"/>) needs code, because they are SQL. Users add measures without recompiling through a model
/// file (<see cref="ModelExtension"/>, <see cref="With"/>, <see cref="SemanticModelFile.Load"/>) or replace the model
/// with a complete one (<see cref="FromFile"/>).</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class SemanticModel
{
    private readonly Dictionary<string, MeasureDefinition> _measures;
    private readonly Dictionary<string, DimensionDefinition> _dimensions;
    private readonly ConcurrentDictionary<string, MeasureDefinition?> _composed = new(StringComparer.Ordinal);

    private SemanticModel(IReadOnlyList<MeasureDefinition> measures, IReadOnlyList<DimensionDefinition> dimensions)
    {
        Measures = measures;
        Dimensions = dimensions;
        _measures = measures.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _dimensions = dimensions.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>The time-intelligence functions, each applied to a base measure as <c>name(measure)</c>.</summary>
    /// <remarks>Declared before <see cref="Default"/>, whose loading reads it.</remarks>
    public static IReadOnlyList<string> TimeIntelligenceFunctions { get; } = ["yoy_change", "yoy_pct", "running_total", "prior_year"];

    /// <summary>The name of the built-in model file, embedded in this assembly (<c>Model/builtin-model.json</c> in the source).</summary>
    public const string BuiltinModelFile = "builtin-model.json";

    /// <summary>The built-in model, read from the embedded <see cref="BuiltinModelFile"/> by the loader that reads user files.</summary>
    public static SemanticModel Default { get; } = FromFile(ModelExtension.Parse(BuiltinModelJson()), BuiltinModelFile);

    /// <summary>The text of the built-in model file, as embedded (a starting point for a complete model of one's own).</summary>
    public static string BuiltinModelJson()
    {
        using var stream = typeof(SemanticModel).Assembly.GetManifestResourceStream("Sesric.Analytics.Semantic.Model." + BuiltinModelFile)
            ?? throw new InvalidOperationException($"the embedded {BuiltinModelFile} is missing from {typeof(SemanticModel).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The model a complete model file defines (one with <c>"dimensions"</c>, see <see cref="ModelExtension.IsCompleteModel"/>):
    /// its dimensions, its base measures and then its derived measures, each checked once, here.
    /// </summary>
    /// <param name="file">The parsed file.</param>
    /// <param name="fileName">The file's name for error messages, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="file"/> is not a complete model (it only adds measures: use <see cref="With"/>).</exception>
    /// <exception cref="ModelFileException">A name is used twice or a derived measure is invalid; the message names the JSON path.</exception>
    public static SemanticModel FromFile(ModelExtension file, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Dimensions is not { } dimensions)
        {
            throw new ArgumentException("the file has no \"dimensions\", so it adds measures to a model rather than defining one; use SemanticModel.Default.With(file)", nameof(file));
        }
        try
        {
            var names = dimensions.Select((d, i) => (Name: d.Name, Path: $"dimensions[{i}]")).ToDictionary(x => x.Name, x => x.Path, StringComparer.Ordinal);
            foreach (var (path, measure) in file.BaseMeasures)
            {
                if (TimeIntelligenceFunctions.Contains(measure.Name, StringComparer.Ordinal))
                {
                    throw new ModelFileException(path + ".name", $"'{measure.Name}' is a time-intelligence function; choose another name");
                }
                if (!names.TryAdd(measure.Name, path))
                {
                    throw new ModelFileException(path + ".name", $"'{measure.Name}' is already defined by {names[measure.Name]}; give each measure and dimension its own name");
                }
            }
            return new SemanticModel([.. file.BaseMeasures.Select(b => b.Measure)], dimensions).Add(file);
        }
        catch (ModelFileException e) when (fileName is not null)
        {
            throw e.InFile(fileName);
        }
    }

    /// <summary>
    /// This model with the measures of <paramref name="extension"/> added after its own (a model file's measures, see
    /// <see cref="ModelExtension"/>): every name, restriction and type is checked here, once.
    /// </summary>
    /// <returns>A new model; this one is unchanged.</returns>
    /// <exception cref="ModelFileException">A measure is invalid; the message names its path in the file and the position.</exception>
    /// <exception cref="ArgumentException"><paramref name="extension"/> is a complete model, which replaces a model rather than extending it (use <see cref="FromFile"/>).</exception>
    public SemanticModel With(ModelExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (extension.IsCompleteModel)
        {
            throw new ArgumentException("the file has \"dimensions\", so it is a complete model that replaces this one; use SemanticModel.FromFile(file)", nameof(extension));
        }
        return Add(extension);
    }

    private SemanticModel Add(ModelExtension extension)
    {
        if (extension.Specs.Count == 0)
        {
            return this;
        }
        var added = UserMeasureCompiler.Compile(this, extension);
        return new SemanticModel([.. Measures, .. added], Dimensions);
    }

    /// <summary>The base measures, in documentation order (time-intelligence forms are listed in <see cref="TimeIntelligenceFunctions"/>).</summary>
    public IReadOnlyList<MeasureDefinition> Measures { get; }

    /// <summary>The dimensions, in documentation order.</summary>
    public IReadOnlyList<DimensionDefinition> Dimensions { get; }

    /// <summary>
    /// Looks up a measure by name: a base measure (<c>participants</c>) or a time-intelligence form
    /// (<c>yoy_pct(participants)</c>, spaces allowed inside the parentheses).
    /// </summary>
    public bool TryGetMeasure(string name, [NotNullWhen(true)] out MeasureDefinition? measure)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (_measures.TryGetValue(trimmed, out measure))
        {
            return true;
        }
        measure = _composed.GetOrAdd(trimmed, Compose);
        return measure is not null;
    }

    /// <summary>Looks up a dimension by name.</summary>
    public bool TryGetDimension(string name, [NotNullWhen(true)] out DimensionDefinition? dimension)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _dimensions.TryGetValue(name.Trim(), out dimension);
    }

    /// <summary>The valid measure names, comma-separated, for error messages.</summary>
    public string MeasureNames =>
        string.Join(", ", Measures.Select(m => m.Name)) + ", and " + string.Join(", ", TimeIntelligenceFunctions.Select(f => f + "(<measure>)"));

    /// <summary>The valid dimension names, comma-separated, for error messages.</summary>
    public string DimensionNames => string.Join(", ", Dimensions.Select(d => d.Name));

    private MeasureDefinition? Compose(string name)
    {
        var open = name.IndexOf('(');
        if (open <= 0 || !name.EndsWith(')'))
        {
            return null;
        }
        var function = name[..open].Trim() switch
        {
            "yoy_change" => TimeFunction.YoyChange,
            "yoy_pct" => TimeFunction.YoyPct,
            "running_total" => TimeFunction.RunningTotal,
            "prior_year" => TimeFunction.PriorYear,
            _ => TimeFunction.None,
        };
        if (function == TimeFunction.None || !_measures.TryGetValue(name[(open + 1)..^1].Trim(), out var inner))
        {
            return null;
        }
        return TimeIntelligence(function, inner);
    }

    private static MeasureDefinition TimeIntelligence(TimeFunction function, MeasureDefinition inner)
    {
        var l = inner.Label;
        return function switch
        {
            TimeFunction.YoyChange => new MeasureDefinition(
                $"yoy_change({inner.Name})",
                new LocalizedText($"{l.English}: change on previous year", $"{l.In(Language.Arabic)}: التغير عن السنة السابقة", $"{l.In(Language.French)}\u00A0: variation sur un an"),
                $"{inner.Name} in the row's year minus {inner.Name} in the year before, for the same values of the other dimensions and under the same filter with the year shifted; unknown when either year has no value.",
                inner.ColumnType,
                inner.ValueFormat switch
                {
                    ValueFormat.Integer => ValueFormat.SignedInteger,
                    ValueFormat.Percent => ValueFormat.SignedPercent,
                    var other => other,
                },
                inner.Source, inner.Components, inner.Combine, function, inner),
            TimeFunction.YoyPct => new MeasureDefinition(
                $"yoy_pct({inner.Name})",
                new LocalizedText($"{l.English}: % change on previous year", $"{l.In(Language.Arabic)}: نسبة التغير عن السنة السابقة", $"{l.In(Language.French)}\u00A0: variation en % sur un an"),
                $"(this year's {inner.Name} - previous year's) / previous year's, as a share; unknown when either year has no value or the previous year's is zero.",
                ColumnType.Number, ValueFormat.SignedPercent,
                inner.Source, inner.Components, inner.Combine, function, inner),
            TimeFunction.PriorYear => new MeasureDefinition(
                $"prior_year({inner.Name})",
                new LocalizedText($"{l.English}: same period last year", $"{l.In(Language.Arabic)}: الفترة نفسها من السنة السابقة", $"{l.In(Language.French)}\u00A0: même période l'an dernier"),
                $"{inner.Name} in the year before the row's year, for the same values of the other dimensions and under the same filter with the year shifted "
                + "(the very figure the row of that year shows, protected alike); unknown when that year has no value.",
                inner.ColumnType, inner.ValueFormat,
                inner.Source, inner.Components, inner.Combine, function, inner),
            _ => new MeasureDefinition(
                $"running_total({inner.Name})",
                new LocalizedText($"{l.English}: running total", $"{l.In(Language.Arabic)}: المجموع التراكمي", $"{l.In(Language.French)}\u00A0: total cumulé"),
                $"The sum of the yearly values of {inner.Name} over this and every earlier year in the result, for the same values of the other dimensions (a person counted in two years counts twice).",
                inner.ColumnType, inner.ValueFormat,
                inner.Source, inner.Components, inner.Combine, function, inner),
        };
    }
}
