using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Checks a model file's measures against a model and builds them: names resolved (with a suggestion for a near
/// miss), cycles refused, restrictions bound to their dimension's validated values, types inferred and checked
/// against the format. The result is measures of the same shape as the built-in ones (components the database
/// computes plus a combination of their values), so the compiler, the disclosure control and time intelligence treat
/// them alike.
/// </summary>
/// <remarks>
/// <para>SQL: a restriction becomes a component whose text is fixed (the count's own aggregate with
/// <c>FILTER (WHERE dimension-sql = {p0})</c>, the dimension's SQL written in the model) and whose value is a statement
/// parameter; nothing from the file reaches the statement's text.</para>
/// <para>Disclosure: a restricted count is a <see cref="ComponentProtection.RecordSubset"/> with the cell key of exactly
/// its records, so it is always perturbed under the public policy; every other operand is a measure, read through the
/// same protection as when it is queried. A division of a restricted count by the same count less restricted is
/// computed as a share of two disjoint perturbed counts (part / (part + rest)), so it stays within 0–100 %.</para>
/// </remarks>
internal sealed class UserMeasureCompiler
{
    private readonly SemanticModel _model;
    private readonly Dictionary<string, UserMeasureSpec> _specs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MeasureDefinition> _built = new(StringComparer.Ordinal);
    private readonly List<string> _resolving = [];
    private readonly Dictionary<string, Component> _components = new(StringComparer.Ordinal);

    // A user measure's compiled form, so a later one reading it keeps what it counts (a share of a named restricted count).
    private readonly Dictionary<string, Operand> _operands = new(StringComparer.Ordinal);

    private UserMeasureCompiler(SemanticModel model) => _model = model;

    /// <summary>What an operand evaluates to and what it is made of.</summary>
    /// <param name="Evaluate">Its value in one cell from the protected component reads (long, double, or null for unknown).</param>
    /// <param name="IsWhole">Whether every value is a whole number (counts and their sums); else a fraction (double).</param>
    /// <param name="Source">The table its measures read, or null for a literal.</param>
    /// <param name="Components">The components it reads.</param>
    /// <param name="Count">For a (restricted) count, what it counts, so a division of two can be recognised as a share.</param>
    /// <param name="IsShare">Whether it is a share of a count in a larger one (formatted as a percent by default).</param>
    private sealed record Operand(
        Func<Func<Component, long?>, object?> Evaluate,
        bool IsWhole,
        FactSource? Source,
        IReadOnlyList<Component> Components,
        CountOperand? Count = null,
        bool IsShare = false);

    /// <summary>A count of <paramref name="Base"/> restricted by <paramref name="Conditions"/> (canonical <c>dimension=value</c> texts), computed by <paramref name="Component"/>.</summary>
    private sealed record CountOperand(Component Base, IReadOnlyList<string> Conditions, Component Component);

    /// <summary>Builds <paramref name="extension"/>'s measures over <paramref name="model"/>, in file order.</summary>
    public static IReadOnlyList<MeasureDefinition> Compile(SemanticModel model, ModelExtension extension)
    {
        var compiler = new UserMeasureCompiler(model);
        foreach (var spec in extension.Specs)
        {
            compiler.CheckName(spec);
            compiler._specs.Add(spec.Name, spec);
        }
        return extension.Specs.Select(compiler.Build).ToArray();
    }

    private void CheckName(UserMeasureSpec spec)
    {
        var at = spec.Path + ".name";
        if (_specs.TryGetValue(spec.Name, out var earlier))
        {
            throw new ModelFileException(at, $"'{spec.Name}' is already defined by {earlier.Path}; give each measure its own name");
        }
        if (_model.TryGetMeasure(spec.Name, out var existing))
        {
            throw new ModelFileException(at, existing.IsUserDefined
                ? $"'{spec.Name}' is already defined by the model this file extends; choose another name"
                : $"'{spec.Name}' is a built-in measure and cannot be redefined; choose another name, such as my_{spec.Name}");
        }
        if (_model.TryGetDimension(spec.Name, out _))
        {
            throw new ModelFileException(at, $"'{spec.Name}' is a dimension; a measure needs a name of its own");
        }
        if (SemanticModel.TimeIntelligenceFunctions.Contains(spec.Name, StringComparer.Ordinal))
        {
            throw new ModelFileException(at, $"'{spec.Name}' is a time-intelligence function; choose another name");
        }
    }

    private MeasureDefinition Build(UserMeasureSpec spec)
    {
        if (_built.TryGetValue(spec.Name, out var done))
        {
            return done;
        }
        _resolving.Add(spec.Name);
        var operand = spec.IsShare ? Share(spec) : Compile(spec.Expression, spec.Path);
        _resolving.RemoveAt(_resolving.Count - 1);

        if (operand.Source is null)
        {
            throw new ModelFileException(DefinitionPath(spec), "the definition refers to no measure; a measure is computed from measures, such as participants[attendance = \"completed\"] / participants");
        }
        var format = spec.Format ?? (operand.IsWhole ? ValueFormat.Integer : operand.IsShare ? ValueFormat.Percent : ValueFormat.Decimal);
        if (format == ValueFormat.Integer && !operand.IsWhole)
        {
            throw new ModelFileException(spec.Path + ".format", "\"integer\" needs a whole-number definition, but this one can have a fraction (it divides, or uses a decimal number or a ratio such as coverage); use \"decimal\" or \"percent\"");
        }
        if (format != ValueFormat.Integer && operand.IsWhole)
        {
            throw new ModelFileException(spec.Path + ".format", $"\"{(format == ValueFormat.Percent ? "percent" : "decimal")}\" needs a fraction, but this definition is a whole-number count; use \"integer\", or divide it by another measure");
        }
        var evaluate = operand.Evaluate;
        var measure = new MeasureDefinition(
            spec.Name, spec.Label, spec.Description,
            operand.IsWhole ? ColumnType.Integer : ColumnType.Number, format,
            operand.Source.Value, operand.Components.Distinct().ToArray(), get => evaluate(get))
        {
            Expression = spec.Definition,
            Kind = spec.Kind,
        };
        _built[spec.Name] = measure;
        _operands[spec.Name] = operand;
        return measure;
    }

    private static string DefinitionPath(UserMeasureSpec spec) => spec.Expression is OperandExpression o ? o.Path : spec.Path;

    private Operand Share(UserMeasureSpec spec)
    {
        var division = (BinaryExpression)spec.Expression;
        var part = (OperandExpression)division.Left;
        var whole = (OperandExpression)division.Right;
        var p = Compile(part, part.Path);
        var w = Compile(whole, whole.Path);
        return TryShare(p, w) ?? throw new ModelFileException(
            part.Path,
            "a share's part must be its whole restricted further, such as part participants[gender = \"female\"] of whole participants (or of participants[attendance = \"completed\"] within participants), so it stays within 0-100 %; for any other quotient use kind \"ratio\"");
    }

    /// <summary>
    /// part / whole as a share, when the part is the whole's count restricted further: computed as part / (part + rest),
    /// rest being the whole's records the part leaves out, so both terms are protected counts of disjoint sets.
    /// </summary>
    private Operand? TryShare(Operand part, Operand whole)
    {
        if (part.Count is not { } p || whole.Count is not { } w || !ReferenceEquals(p.Base, w.Base)
            || p.Conditions.Count <= w.Conditions.Count || !w.Conditions.All(p.Conditions.Contains))
        {
            return null;
        }
        var restKey = "rest_" + Hash(p.Component.Key + "|" + w.Component.Key);
        if (!_components.TryGetValue(restKey, out var rest))
        {
            rest = Components.Rest(w.Component, p.Component, restKey);
            _components[restKey] = rest;
        }
        var partComponent = p.Component;
        return new Operand(
            get => get(partComponent) is { } a && get(rest) is { } b && a + b != 0 ? (double)a / (a + b) : null,
            IsWhole: false, FactSource.Registry, [partComponent, rest, w.Component], IsShare: true);
    }

    private Operand Compile(MeasureExpression expression, string path)
    {
        switch (expression)
        {
            case OperandExpression o:
                return Compile(o.Inner, o.Path);
            case NumberLiteral n:
                object value = n.IsWhole ? (long)n.Value : n.Value;
                return new Operand(_ => value, n.IsWhole, null, []);
            case NegateExpression negate:
                var inner = Compile(negate.Operand, path);
                return inner with { Evaluate = get => Arithmetic.Negate(inner.Evaluate(get)), Count = null };
            case BinaryExpression b:
                var left = Compile(b.Left, path);
                var right = Compile(b.Right, b.Right is OperandExpression ro ? ro.Path : path);
                if (left.Source is { } ls && right.Source is { } rs && ls != rs)
                {
                    throw new ModelFileException(path, $"the definition mixes registry measures with published totals (at position {b.Right.Position}); a measure reads one source, so use registry measures or published ones only", b.Right.Position);
                }
                var source = left.Source ?? right.Source;
                if (b.Operator == '/' && TryShare(left, right) is { } share)
                {
                    return share;
                }
                var op = b.Operator;
                var (l, r) = (left.Evaluate, right.Evaluate);
                return new Operand(
                    get => Arithmetic.Apply(op, l(get), r(get)),
                    op != '/' && left.IsWhole && right.IsWhole,
                    source,
                    [.. left.Components, .. right.Components]);
            case MeasureReferenceExpression reference:
                return Reference(reference, path);
            default:
                throw new InvalidOperationException(expression.GetType().Name);
        }
    }

    private Operand Reference(MeasureReferenceExpression reference, string path)
    {
        var measure = Resolve(reference, path);
        if (reference.Restrictions.Count == 0 && _operands.TryGetValue(measure.Name, out var compiled))
        {
            return compiled with { IsShare = false };
        }
        if (reference.Restrictions.Count == 0)
        {
            var combine = measure.Combine;
            return new Operand(
                get => combine(get), measure.ColumnType == ColumnType.Integer, measure.Source, measure.Components,
                measure.RestrictableCount is { } count ? new CountOperand(count, [], count) : null);
        }
        if (measure.RestrictableCount is not { } baseCount)
        {
            throw new ModelFileException(path, $"'{measure.Name}' at position {reference.Position} cannot be restricted: [dimension = value] keeps the records that match, which only the counts participants and participations are made of", reference.Position);
        }
        var conditions = new List<(DimensionDefinition Dimension, BoundComparison Bound)>();
        foreach (var restriction in reference.Restrictions)
        {
            if (!_model.TryGetDimension(restriction.Dimension, out var dimension))
            {
                var near = Suggestions.Nearest(restriction.Dimension, _model.Dimensions.Select(d => d.Name));
                throw new ModelFileException(path, $"unknown dimension '{ModelExtension.Shorten(restriction.Dimension)}' at position {restriction.Position}{(near is null ? $"; dimensions: {_model.DimensionNames}" : $"; did you mean '{near}'?")}", restriction.Position);
            }
            if (dimension.Time is not null)
            {
                throw new ModelFileException(path, $"'{dimension.Name}' at position {restriction.Position} is a time dimension, which cannot restrict a measure (year-over-year measures shift it); filter the query by {dimension.Name} instead", restriction.Position);
            }
            if (conditions.Any(c => c.Dimension == dimension))
            {
                throw new ModelFileException(path, $"'{dimension.Name}' at position {restriction.Position} is restricted twice; a record has one {dimension.Name}", restriction.Position);
            }
            BoundComparison bound;
            try
            {
                bound = FilterSql.Bind(new FilterComparison(dimension.Name, FilterOperator.Equal, restriction.Value, restriction.Position), dimension);
            }
            catch (QueryException e)
            {
                var problem = e.Message.StartsWith("filter: ", StringComparison.Ordinal) ? e.Message["filter: ".Length..] : e.Message;
                throw new ModelFileException(path, problem.TrimEnd('.').Replace("(position", "(at position", StringComparison.Ordinal), restriction.ValuePosition);
            }
            conditions.Add((dimension, bound));
        }
        // Canonical order, so the same restriction written twice is one component computed once.
        conditions.Sort((a, b) => string.CompareOrdinal(a.Dimension.Name, b.Dimension.Name));
        var texts = conditions.Select(c => $"{c.Dimension.Name}={Convert.ToString(c.Bound.Value, CultureInfo.InvariantCulture)}").ToArray();
        var component = Restricted(baseCount, conditions, texts);
        return new Operand(get => get(component), IsWhole: true, FactSource.Registry, [component], new CountOperand(baseCount, texts, component));
    }

    private Component Restricted(Component baseCount, List<(DimensionDefinition Dimension, BoundComparison Bound)> conditions, string[] texts)
    {
        var key = "r_" + Hash(baseCount.Key + "|" + string.Join("|", texts));
        if (_components.TryGetValue(key, out var existing))
        {
            return existing;
        }
        // Fixed SQL: the dimension's own fragment from the model and a placeholder per value.
        var condition = string.Join(" AND ", conditions.Select((c, i) =>
        {
            var test = $"{c.Dimension.RegistrySql} = {{p{i.ToString(CultureInfo.InvariantCulture)}}}";
            return c.Dimension.IsNullable ? $"COALESCE({test}, FALSE)" : test;
        }));
        var component = Components.Restricted(baseCount, key, condition, conditions.Select(c => c.Bound.Value).ToArray());
        _components[key] = component;
        return component;
    }

    private MeasureDefinition Resolve(MeasureReferenceExpression reference, string path)
    {
        var name = reference.Name;
        if (_specs.TryGetValue(name, out var spec))
        {
            if (_resolving.Contains(name))
            {
                var cycle = string.Join(" -> ", _resolving.SkipWhile(n => n != name).Append(name));
                throw new ModelFileException(path, $"'{name}' at position {reference.Position} makes a cycle ({cycle}); a measure cannot be defined through itself", reference.Position);
            }
            return Build(spec);
        }
        if (_model.TryGetMeasure(name, out var measure) && !measure.IsTimeIntelligence)
        {
            return measure;
        }
        var candidates = _model.Measures.Select(m => m.Name).Concat(_specs.Keys);
        var near = Suggestions.Nearest(name, candidates);
        var hint = _model.TryGetDimension(name, out _) ? $"; '{name}' is a dimension: restrict a count by it, such as participants[{name} = …]" : near is null ? "" : $"; did you mean '{near}'?";
        throw new ModelFileException(path, $"unknown measure '{ModelExtension.Shorten(name)}' at position {reference.Position}{hint}", reference.Position);
    }

    /// <summary>A short, stable identifier for a component's column alias (lower-case hex, so always a plain identifier).</summary>
    private static string Hash(string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];
}
