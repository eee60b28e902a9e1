using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Computes a plan's rows over a store's counted fact rows held in memory (<see cref="FactSnapshot"/>), giving what the
/// two-level statement (<see cref="TwoLevelSql"/>) gives in DuckDB: the same columns, names, types and values, so the
/// result assembled from them (disclosure control included) is the same. For small stores, where DuckDB's fixed cost
/// per statement (parsing, binding, planning: a few milliseconds) is far larger than the aggregation itself.
/// </summary>
/// <remarks>
/// <para>It handles the plans whose every part it mirrors exactly (<see cref="Supports"/>): registry components with a
/// two-level form, no helper join, no user-measure values and a condition from a fixed set; dimensions that read one fact
/// column (whole numbers or text); any filter over them, in SQL's three-valued logic (a nullable field's comparison is
/// false on a missing value, as the statement's <c>COALESCE(…, FALSE)</c> makes it). Any other plan runs in the database.</para>
/// <para>It mirrors the statement step by step rather than restating what a measure means: the inner level's rows are the
/// rows a person has alone in a cell (<c>is_single</c>, <c>is_single_in_year</c>, or every row within an edition) and
/// one row per person and cell for the rest, carrying the same count, condition flags, maximum record key and state;
/// the outer level adds them up per cell, and a cell key is the sum's low 24 bits.</para>
/// </remarks>
internal static partial class InMemoryEvaluator
{
    /// <summary>
    /// The row test of a component's condition: a built-in one, or a user measure's restriction (each term
    /// <c>f.column = {pN}</c>, or the same inside <c>COALESCE(…, FALSE)</c>, joined by AND: true when every column has its
    /// value; a missing value makes the term false, as CASE WHEN does with unknown). False when the condition is of any
    /// other form; <paramref name="condition"/> is null for a component without one.
    /// </summary>
    private static bool TryCondition(Component component, out Func<FactSnapshot, Func<int, bool>?>? condition)
    {
        condition = null;
        if (component.Person!.Condition is not { } sql)
        {
            return true;
        }
        if (component.Parameters is not { Count: > 0 } parameters)
        {
            return TryPlainCondition(sql, out condition);
        }
        var tests = new List<(string Column, object Value)>();
        foreach (var term in sql.Split(" AND ", StringSplitOptions.None))
        {
            var m = ParameterEquality().Match(term);
            if (!m.Success || !int.TryParse(m.Groups["p"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= parameters.Count)
            {
                return false;
            }
            tests.Add((m.Groups["c"].Value, parameters[index]));
        }
        condition = facts =>
        {
            var columns = tests.Select(t => (Values: Required(facts, t.Column), t.Value)).ToArray();
            return i =>
            {
                foreach (var (values, value) in columns)
                {
                    if (values[i] is not { } v || !v.Equals(value))
                    {
                        return false;
                    }
                }
                return true;
            };
        };
        return true;
    }

    /// <summary>
    /// The row test of a condition without parameters, read from its SQL by form rather than by name (the engine names no
    /// dimension): a flag column (<c>f.column</c>) or a column equal to a text literal (<c>f.column = 'text'</c>). False for
    /// any other form, which then runs in the database.
    /// </summary>
    private static bool TryPlainCondition(string sql, out Func<FactSnapshot, Func<int, bool>?>? condition)
    {
        condition = null;
        if (PlainColumn().Match(sql) is { Success: true } flag)
        {
            var column = flag.Groups[1].Value;
            condition = f => Flag(f, column);
            return true;
        }
        if (LiteralEquality().Match(sql) is { Success: true } equality)
        {
            var column = equality.Groups["c"].Value;
            var text = equality.Groups["v"].Value;
            condition = f => TextIs(f, column, text);
            return true;
        }
        return false;
    }

    /// <summary>
    /// The row test of a flag column, or null when the column does not hold flags: a database column has one type, so its
    /// first value tells it, and a condition over any other type follows the database's casts, which the evaluator does
    /// not guess (the query then runs in the database).
    /// </summary>
    private static Func<int, bool>? Flag(FactSnapshot facts, string column)
    {
        var values = Required(facts, column);
        if (values.FirstOrDefault(v => v is not null) is not (null or bool))
        {
            return null;
        }
        return i => values[i] is true;
    }

    /// <summary>The row test of a text column equal to <paramref name="text"/>, or null when the column does not hold text (see <see cref="Flag"/>).</summary>
    private static Func<int, bool>? TextIs(FactSnapshot facts, string column, string text)
    {
        var values = Required(facts, column);
        if (values.FirstOrDefault(v => v is not null) is not (null or string))
        {
            return null;
        }
        return i => values[i] is string s && s == text;
    }

    private const long CellKeyMask = 16777215;

    /// <summary>Each plan's answer to <see cref="Supports"/>: a plan is immutable and the engine reuses plans (see <see cref="PlanCache"/>).</summary>
    private static readonly ConditionalWeakTable<QueryPlan, StrongBox<bool>> Supported = new();

    /// <summary>Each component's row test as read from its condition's SQL (null: none, or a form not mirrored here).</summary>
    private static readonly ConditionalWeakTable<Component, StrongBox<Func<FactSnapshot, Func<int, bool>?>?>> RowTests = new();

    /// <summary>The row test of <paramref name="component"/>'s condition, read once per component (see <see cref="TryCondition"/>).</summary>
    private static Func<FactSnapshot, Func<int, bool>?>? ConditionOf(Component component) =>
        RowTests.GetValue(component, c => new(TryCondition(c, out var test) ? test : null)).Value;

    /// <summary>Whether <paramref name="plan"/> can be computed here with the statement's exact values.</summary>
    public static bool Supports(QueryPlan plan) => Supported.GetValue(plan, p => new(Decide(p))).Value;

    private static bool Decide(QueryPlan plan)
    {
        if (plan.ScopeHandling == ScopeHandling.Probed || plan.NeedsPreviousYear || !plan.UsesRegistry || plan.UsesMembership || plan.UsesPublished)
        {
            return false;
        }
        // Every field grouped by or filtered on must read one fact column (a filter on edition or date does not).
        if (plan.Dimensions.Any(d => FactColumnOf(d) is null) || plan.Bindings.Values.Any(b => FactColumnOf(b.Dimension) is null))
        {
            return false;
        }
        var components = plan.ComponentList;
        return components.All(c => c.Source == ComponentSource.Registry && c.Join == HelperJoin.None
                && c.Person is { } p && p.Aggregate != PersonAggregate.Editions
                && (p.Condition is null ? p.Aggregate != PersonAggregate.States : TryCondition(c, out _)))
            && TwoLevelSql.Supports(plan, components);
    }

    /// <summary>
    /// The rows the compiled statement would return for <paramref name="plan"/> (which <see cref="Supports"/>) over
    /// <paramref name="facts"/>; false when a condition's column turns out not to have the type its form needs (only a
    /// model file can write one), so the caller runs the statement instead.
    /// </summary>
    public static bool TryEvaluate(QueryPlan plan, FactSnapshot facts, [NotNullWhen(true)] out SqlRows? rows) =>
        TryEvaluate(plan, facts, out rows, directCellLimit: null);

    /// <summary>
    /// As <see cref="TryEvaluate(QueryPlan, FactSnapshot, out SqlRows?)"/>, numbering cells through a table of every
    /// combination of codes while there are at most <paramref name="directCellLimit"/> of them (default: twice the rows,
    /// at least 1,024), else through one map per dimension (tests pass 0 to take that path).
    /// </summary>
    internal static bool TryEvaluate(QueryPlan plan, FactSnapshot facts, [NotNullWhen(true)] out SqlRows? rows, int? directCellLimit)
    {
        rows = null;
        var index = FactSnapshotIndex.Of(facts);
        var components = plan.ComponentList;
        var conditions = new bool[]?[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            if (ConditionOf(components[c]) is { } test)
            {
                if (index.Condition(components[c], test) is not { } meets)
                {
                    return false;
                }
                conditions[c] = meets;
            }
        }
        rows = Evaluate(plan, index, conditions, directCellLimit ?? Math.Max(1024, 2 * facts.RowCount));
        return true;
    }

    private static SqlRows Evaluate(QueryPlan plan, FactSnapshotIndex index, bool[]?[] conditions, int directCellLimit)
    {
        var dims = plan.Dimensions;
        var dimColumns = new FactSnapshotIndex.CodedColumn[dims.Count];
        for (var d = 0; d < dimColumns.Length; d++)
        {
            dimColumns[d] = index.Coded(FactColumnOf(dims[d]) ?? throw new InvalidOperationException($"the fact table has no column for {dims[d].Name}."));
        }
        var withinEdition = dims.Any(d => d.IdentifiesEdition);
        var withinYear = dims.Any(d => d.Time == TimeGrain.Year);
        var singles = withinEdition ? null : index.Flags(withinYear ? "is_single_in_year" : "is_single");
        var components = plan.ComponentList;
        var filter = plan.Filter is null ? null : Compile(plan.Filter, plan, index);
        var keys = index.RecordKeys;
        var states = index.States;
        var outer = new OuterLevel(components, conditions, dims.Any(d => d.IdentifiesMemberState), states.Count);
        PersonGroups? groups = null;

        // The inner level: one entry per person alone in a cell (by row) or per person and cell, added up per cell as the
        // outer level does; cells are numbered by their codes, in order of first appearance.
        using var cells = new CellIndex(dimColumns, directCellLimit);
        for (var i = 0; i < index.RowCount; i++)
        {
            if (filter is not null && filter(i) != True)
            {
                continue;
            }
            var cell = cells.CellOf(i);
            outer.Reserve(cells.Count);
            if (singles is null || singles[i])
            {
                outer.AddRow(cell, i, keys, states.Codes);
            }
            else
            {
                groups ??= new PersonGroups(index.Persons, conditions);
                groups.Add(cell, i, keys, states.Codes);
            }
        }
        groups?.AddTo(outer);
        if (dims.Count == 0 && cells.Count == 0)
        {
            // An aggregate without GROUP BY answers one row even over no rows.
            cells.AddEmpty();
            outer.Reserve(cells.Count);
        }

        var columns = new List<SqlColumn>(dims.Count + components.Count);
        for (var d = 0; d < dims.Count; d++)
        {
            var values = dimColumns[d].Values;
            if (dims[d].ColumnType == ColumnType.Integer)
            {
                var builder = new SqlColumnBuilder<long>();
                for (var cell = 0; cell < cells.Count; cell++)
                {
                    if (values[cells.CodeOf(cell, d)] is { } value)
                    {
                        builder.Add((long)value);
                    }
                    else
                    {
                        builder.AddNull();
                    }
                }
                columns.Add(builder.Build(dims[d].Name));
            }
            else
            {
                var builder = new SqlColumnBuilder<string>();
                for (var cell = 0; cell < cells.Count; cell++)
                {
                    builder.Add((string)values[cells.CodeOf(cell, d)]!);
                }
                columns.Add(builder.Build(dims[d].Name));
            }
        }
        for (var c = 0; c < components.Count; c++)
        {
            var builder = new SqlColumnBuilder<long>();
            for (var cell = 0; cell < cells.Count; cell++)
            {
                if (outer.Value(cell, c) is { } value)
                {
                    builder.Add(value);
                }
                else
                {
                    builder.AddNull();
                }
            }
            columns.Add(builder.Build(components[c].Key));
        }
        return new SqlRows(columns);
    }

    // A filter's truth in SQL's three-valued logic, as a small number (no nullable boxing per row).
    private const sbyte Unknown = -1;
    private const sbyte False = 0;
    private const sbyte True = 1;
    private const sbyte NotYet = -2;

    /// <summary>
    /// A filter's truth on a row in SQL's three-valued logic, as the statement renders it: each comparison is decided once
    /// per distinct value of its column (on the first row that reaches it) and then read by the row's code.
    /// </summary>
    private static Func<int, sbyte> Compile(FilterExpression e, QueryPlan plan, FactSnapshotIndex index)
    {
        switch (e)
        {
            case FilterComparison c:
                var bound = plan.Bindings[c];
                var column = index.Coded(FactColumnOf(bound.Dimension)!);
                var codes = column.Codes;
                var values = column.Values;
                var decided = new sbyte[values.Length];
                Array.Fill(decided, NotYet);
                var op = bound.SqlOperator;
                var against = bound.Value;
                var orFalse = bound.Dimension.IsNullable;
                return i =>
                {
                    var code = codes[i];
                    var truth = decided[code];
                    if (truth == NotYet)
                    {
                        truth = values[code] is { } value ? Compare(value, op, against) ? True : False : orFalse ? False : Unknown;
                        decided[code] = truth;
                    }
                    return truth;
                };
            case FilterAnd a:
                var andLeft = Compile(a.Left, plan, index);
                var andRight = Compile(a.Right, plan, index);
                return i =>
                {
                    var left = andLeft(i);
                    if (left == False)
                    {
                        return False;
                    }
                    var right = andRight(i);
                    return right == False ? False : left == Unknown || right == Unknown ? Unknown : True;
                };
            case FilterOr o:
                var orLeft = Compile(o.Left, plan, index);
                var orRight = Compile(o.Right, plan, index);
                return i =>
                {
                    var left = orLeft(i);
                    if (left == True)
                    {
                        return True;
                    }
                    var right = orRight(i);
                    return right == True ? True : left == Unknown || right == Unknown ? Unknown : False;
                };
            case FilterNot n:
                var operand = Compile(n.Operand, plan, index);
                return i => operand(i) switch
                {
                    True => False,
                    False => True,
                    _ => Unknown,
                };
            default:
                throw new InvalidOperationException($"unknown filter term {e.GetType().Name}");
        }
    }

    private static bool Compare(object value, string op, object bound)
    {
        int order;
        if (value is long a && bound is long b)
        {
            order = a.CompareTo(b);
        }
        else if (value is string s && bound is string t)
        {
            order = string.CompareOrdinal(s, t);
        }
        else
        {
            throw new InvalidOperationException($"cannot compare {value.GetType().Name} with {bound.GetType().Name} in memory.");
        }
        return op switch
        {
            "=" => order == 0,
            "<>" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            ">=" => order >= 0,
            _ => throw new InvalidOperationException($"unknown operator {op}"),
        };
    }

    /// <summary>The fact column a dimension reads as it is, for a whole-number or text dimension; null for any other.</summary>
    private static string? FactColumnOf(DimensionDefinition d)
    {
        if (d.ColumnType is not (ColumnType.Integer or ColumnType.String) || d.RegistrySql != d.RegistryGroupBy)
        {
            return null;
        }
        var m = PlainColumn().Match(d.RegistrySql);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static object?[] Required(FactSnapshot facts, string column) =>
        facts.Column(column) ?? throw new InvalidOperationException($"the fact table has no column {column}.");

    [GeneratedRegex(@"^f\.([a-z_][a-z0-9_]*)$")]
    private static partial Regex PlainColumn();

    [GeneratedRegex(@"^f\.(?<c>[a-z_][a-z0-9_]*) = '(?<v>[^']*)'$")]
    private static partial Regex LiteralEquality();

    [GeneratedRegex(@"^(?:COALESCE\(f\.(?<c>[a-z_][a-z0-9_]*) = \{p(?<p>[0-9]+)\}, FALSE\)|f\.(?<c>[a-z_][a-z0-9_]*) = \{p(?<p>[0-9]+)\})$")]
    private static partial Regex ParameterEquality();
}
