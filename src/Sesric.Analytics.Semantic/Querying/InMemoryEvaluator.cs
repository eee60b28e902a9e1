using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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

    /// <summary>Whether <paramref name="plan"/> can be computed here with the statement's exact values.</summary>
    public static bool Supports(QueryPlan plan)
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
    public static bool TryEvaluate(QueryPlan plan, FactSnapshot facts, [NotNullWhen(true)] out SqlRows? rows)
    {
        rows = null;
        var components = plan.ComponentList;
        var conditions = new Func<int, bool>?[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            if (TryCondition(components[c], out var condition) && condition is not null)
            {
                if (condition(facts) is not { } test)
                {
                    return false;
                }
                conditions[c] = test;
            }
        }
        rows = Evaluate(plan, facts, conditions);
        return true;
    }

    private static SqlRows Evaluate(QueryPlan plan, FactSnapshot facts, Func<int, bool>?[] conditions)
    {
        var dims = plan.Dimensions;
        var dimColumns = dims.Select(d => facts.Column(FactColumnOf(d)!) ?? throw new InvalidOperationException($"the fact table has no column for {d.Name}.")).ToArray();
        var personKeys = Required(facts, "participant_key");
        var withinEdition = dims.Any(d => d.IdentifiesEdition);
        var withinYear = dims.Any(d => d.Time == TimeGrain.Year);
        var singles = withinEdition ? null : Required(facts, withinYear ? "is_single_in_year" : "is_single");
        var components = plan.ComponentList;
        var filter = plan.Filter is null ? null : Compile(plan.Filter, plan, facts);
        var rows = new InnerColumns(Required(facts, "record_key"), Required(facts, "iso3"), conditions);

        // The inner level: one entry per person alone in a cell (by row) or per person and cell.
        var cells = new Dictionary<CellKey, Cell>();
        var cellOrder = new List<Cell>();
        var grouped = new Dictionary<(Cell Cell, object? Person), Inner>();
        var probe = new object?[dims.Count];
        for (var i = 0; i < facts.RowCount; i++)
        {
            if (filter is not null && filter(i) != true)
            {
                continue;
            }
            for (var d = 0; d < probe.Length; d++)
            {
                probe[d] = dimColumns[d][i];
            }
            if (!cells.TryGetValue(new CellKey(probe), out var cell))
            {
                var values = (object?[])probe.Clone();
                cells[new CellKey(values)] = cell = new Cell(values);
                cellOrder.Add(cell);
            }
            Inner inner;
            if (singles is null || singles[i] is true)
            {
                inner = new Inner(conditions.Length);
                cell.Inners.Add(inner);
            }
            else if (!grouped.TryGetValue((cell, personKeys[i]), out inner!))
            {
                grouped[(cell, personKeys[i])] = inner = new Inner(conditions.Length);
                cell.Inners.Add(inner);
            }
            inner.Add(rows, i);
        }
        if (dims.Count == 0 && cellOrder.Count == 0)
        {
            // An aggregate without GROUP BY answers one row even over no rows.
            cellOrder.Add(new Cell([]));
        }

        var dimBuilders = dims.Select(d => d.ColumnType == ColumnType.Integer ? (IBuilder)new Builder<long>() : new Builder<string>()).ToArray();
        var componentBuilders = components.Select(_ => new Builder<long>()).ToArray();
        var withinState = dims.Any(d => d.IdentifiesMemberState);
        foreach (var cell in cellOrder)
        {
            for (var d = 0; d < dims.Count; d++)
            {
                dimBuilders[d].Add(cell.Values[d]);
            }
            for (var c = 0; c < components.Count; c++)
            {
                componentBuilders[c].Add(Aggregate(components[c].Person!.Aggregate, components[c].Person!.Condition is not null, c, cell.Inners, withinState));
            }
        }
        var columns = new List<SqlColumn>();
        columns.AddRange(dims.Select((d, i) => dimBuilders[i].Build(d.Name)));
        columns.AddRange(components.Select((c, i) => componentBuilders[i].Build(c.Key)));
        return new SqlRows(columns);
    }

    /// <summary>The outer level's expression for one component over a cell's inner rows (see <see cref="TwoLevelSql"/>).</summary>
    private static object? Aggregate(PersonAggregate aggregate, bool conditional, int c, List<Inner> inners, bool withinState)
    {
        long sum = 0;
        switch (aggregate)
        {
            case PersonAggregate.People when !conditional:
                return (long)inners.Count;
            case PersonAggregate.People:
                foreach (var i in inners)
                {
                    sum += i.Any[c] ? 1 : 0;
                }
                return sum;
            case PersonAggregate.PeopleKey:
                foreach (var i in inners)
                {
                    sum += !conditional || i.Any[c] ? i.Key ?? 0 : 0;
                }
                return sum & CellKeyMask;
            case PersonAggregate.Rows:
                foreach (var i in inners)
                {
                    sum += conditional ? i.Matching[c] : i.Count;
                }
                return sum;
            case PersonAggregate.RowsKey:
                foreach (var i in inners)
                {
                    sum += (i.Key ?? 0) * (conditional ? i.Matching[c] : i.Count);
                }
                return sum & CellKeyMask;
            case PersonAggregate.States when withinState:
                if (inners.Count == 0)
                {
                    return null;
                }
                return inners.Any(i => i.Any[c]) ? 1L : 0L;
            case PersonAggregate.States:
                var states = new HashSet<string>(StringComparer.Ordinal);
                foreach (var i in inners)
                {
                    if (i.Any[c] && i.State is not null)
                    {
                        states.Add(i.State);
                    }
                }
                return (long)states.Count;
            default:
                throw new InvalidOperationException($"no in-memory form for {aggregate}");
        }
    }

    /// <summary>A filter's truth on a row in SQL's three-valued logic (null: unknown), as the statement renders it.</summary>
    private static Func<int, bool?> Compile(FilterExpression e, QueryPlan plan, FactSnapshot facts)
    {
        switch (e)
        {
            case FilterComparison c:
                var bound = plan.Bindings[c];
                var values = Required(facts, FactColumnOf(bound.Dimension)!);
                var op = bound.SqlOperator;
                var against = bound.Value;
                var orFalse = bound.Dimension.IsNullable;
                return i => values[i] is { } value ? Compare(value, op, against) : orFalse ? false : null;
            case FilterAnd a:
                var andLeft = Compile(a.Left, plan, facts);
                var andRight = Compile(a.Right, plan, facts);
                return i =>
                {
                    var left = andLeft(i);
                    if (left == false)
                    {
                        return false;
                    }
                    var right = andRight(i);
                    return right == false ? false : left is null || right is null ? null : true;
                };
            case FilterOr o:
                var orLeft = Compile(o.Left, plan, facts);
                var orRight = Compile(o.Right, plan, facts);
                return i =>
                {
                    var left = orLeft(i);
                    if (left == true)
                    {
                        return true;
                    }
                    var right = orRight(i);
                    return right == true ? true : left is null || right is null ? null : false;
                };
            case FilterNot n:
                var operand = Compile(n.Operand, plan, facts);
                return i => !operand(i);
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

    /// <summary>The fact columns every inner row reads, and the components' conditions over them.</summary>
    private sealed record InnerColumns(object?[] RecordKeys, object?[] States, Func<int, bool>?[] Conditions);

    /// <summary>One row of the inner level: a person's rows in a cell (or one row alone).</summary>
    private sealed class Inner(int components)
    {
        public long Count { get; private set; }

        public long? Key { get; private set; }

        public string? State { get; private set; }

        public bool[] Any { get; } = new bool[components];

        public long[] Matching { get; } = new long[components];

        public void Add(InnerColumns columns, int row)
        {
            Count++;
            if (columns.RecordKeys[row] is long key && (Key is null || key > Key))
            {
                Key = key;
            }
            if (columns.States[row] is string state && (State is null || string.CompareOrdinal(state, State) > 0))
            {
                State = state;
            }
            var conditions = columns.Conditions;
            for (var c = 0; c < conditions.Length; c++)
            {
                if (conditions[c] is { } test && test(row))
                {
                    Any[c] = true;
                    Matching[c]++;
                }
            }
        }
    }

    private sealed class Cell(object?[] values)
    {
        public object?[] Values { get; } = values;

        public List<Inner> Inners { get; } = [];
    }

    /// <summary>A cell's dimension values, compared as the statement's GROUP BY does (missing values group together).</summary>
    private readonly struct CellKey(object?[] values) : IEquatable<CellKey>
    {
        private readonly object?[] _values = values;

        public bool Equals(CellKey other)
        {
            for (var i = 0; i < _values.Length; i++)
            {
                if (!Equals(_values[i], other._values[i]))
                {
                    return false;
                }
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is CellKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var v in _values)
            {
                hash.Add(v);
            }
            return hash.ToHashCode();
        }
    }

    private interface IBuilder
    {
        void Add(object? value);

        SqlColumn Build(string name);
    }

    private sealed class Builder<T> : IBuilder
        where T : notnull
    {
        private readonly SqlColumnBuilder<T> _values = new();

        public void Add(object? value)
        {
            if (value is null)
            {
                _values.AddNull();
            }
            else
            {
                _values.Add((T)value);
            }
        }

        public SqlColumn Build(string name) => _values.Build(name);
    }
}
