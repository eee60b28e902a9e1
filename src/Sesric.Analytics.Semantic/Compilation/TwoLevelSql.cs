using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Writes the registry part of a statement in two levels: an inner level with one row per person in each cell, and an
/// outer level that adds those rows up per cell. No aggregate is DISTINCT over people and none has a FILTER clause, so the
/// statement keeps one hash table (the inner grouping) however many counts and cell keys it computes.
/// </summary>
/// <remarks>
/// <para>Why it is exact. A cell's distinct people are its inner rows, and each inner row carries what every count needs
/// from that person's rows in the cell: how many there are (participations, synthetic rows, a user measure's restricted
/// participations), whether any meets a condition (women, returning, a user measure's restricted people, states counted as
/// members), the person's record key (fixed per person, so a people cell key is the sum of the inner rows' keys and a
/// participation cell key the sum of each person's key times their count, reduced per person) and the person's state
/// (fixed per person, so distinct states are distinct over the inner rows). Every count is the same integer the one-level
/// statement's distinct sums gave and every cell key the same modulo 2^24, so every perturbed count and published value is
/// the same.</para>
/// <para>Why it is cheap. A person whose only counted row falls in the cell (<c>is_single</c>; grouped by year,
/// <c>is_single_in_year</c>; grouped by edition, every row, since a person attends an edition once) is already one inner
/// row, so only the other rows are grouped by person (<c>UNION ALL</c> of the two branches). The one-level statement built
/// a distinct hash table per distinct aggregate (a count and a key sum for each protected count, each under its own
/// FILTER).</para>
/// <para>The inner level exposes the fact columns the dimensions read under their own names and is aliased <c>f</c>, so
/// the outer level reads each dimension with the model's own SQL (a label built from raw columns, a shifted year).</para>
/// </remarks>
internal static partial class TwoLevelSql
{
    /// <summary>
    /// Whether every component of <paramref name="components"/> has a two-level form under <paramref name="plan"/>'s
    /// grouping (a count of editions has one only when grouped by edition).
    /// </summary>
    public static bool Supports(QueryPlan plan, IEnumerable<Component> components) =>
        components.All(c => c.Person is { } p && (p.Aggregate != PersonAggregate.Editions || plan.Dimensions.Any(d => d.IdentifiesEdition)));

    /// <summary>
    /// The statement computing <paramref name="components"/> per cell.
    /// </summary>
    /// <param name="plan">The query.</param>
    /// <param name="components">The registry components, each with its SQL column key.</param>
    /// <param name="from">The fact table with the history joins the given components read (<c>participation_fact f …</c>).</param>
    /// <param name="where">The conditions every counted row meets (counted, the filter), already rendered.</param>
    /// <param name="dimensionSql">Each dimension's output expression over <c>f</c> (shifted for the previous year).</param>
    /// <param name="groupSql">Each dimension's GROUP BY terms over <c>f</c>.</param>
    /// <param name="bind">Binds a component's placeholders in a fragment of its SQL.</param>
    /// <param name="reduceKey">Reduces a key sum to the cell key (the dialect's form).</param>
    /// <param name="extraColumn">A column added to the outer select list (the scope probe, when this select is the whole statement).</param>
    /// <param name="groupStatesFirst">
    /// Count distinct states over the person rows grouped by cell and state first (<see cref="SqlDialect.HashesDistinctAggregates"/>
    /// false: an engine that sorts for a distinct aggregate); see <see cref="WrapByState"/>.
    /// </param>
    public static string Compile(
        QueryPlan plan,
        IReadOnlyList<Component> components,
        Func<IEnumerable<Component>, string> from,
        IReadOnlyList<string> where,
        Func<DimensionDefinition, string> dimensionSql,
        Func<DimensionDefinition, string> groupSql,
        Func<string, Component, string> bind,
        Func<string, string> reduceKey,
        string? extraColumn = null,
        bool groupStatesFirst = false)
    {
        var withinEdition = plan.Dimensions.Any(d => d.IdentifiesEdition);
        var withinState = plan.Dimensions.Any(d => d.IdentifiesMemberState);
        // Grouped by state as well, a count of states is whether any of the state's people in the cell qualifies.
        var byState = groupStatesFirst && !withinState && components.Any(c => c.Person!.Aggregate == PersonAggregate.States);
        withinState |= byState;
        var withinYear = plan.Dimensions.Any(d => d.Time == TimeGrain.Year);

        // The fact columns the dimensions read, in first-use order: the inner level keeps them under their own names.
        var columns = new List<string>();
        foreach (var d in plan.Dimensions)
        {
            foreach (var sql in new[] { dimensionSql(d), groupSql(d) })
            {
                foreach (Match m in FactColumn().Matches(sql))
                {
                    if (!columns.Contains(m.Groups[1].Value))
                    {
                        columns.Add(m.Groups[1].Value);
                    }
                }
            }
        }

        if (byState && !columns.Contains("iso3"))
        {
            // A person's state is fixed, so grouping a person's rows by it as well changes no group.
            columns.Add("iso3");
        }

        // Inner columns: (name, on a person's only row in the cell, over a person's rows in the cell).
        var inner = columns.Select(c => (Name: c, Single: "f." + c, Grouped: (string?)null)).ToList();
        string Column(string name, string single, string grouped)
        {
            if (!inner.Any(c => c.Name == name))
            {
                inner.Add((name, single, grouped));
            }
            return "f." + name;
        }
        string Count() => Column("pl_n", "1", "COUNT(*)");
        string Key() => Column("pl_key", "f.record_key", "MAX(f.record_key)");
        var conditions = new List<string>();
        string Indicator(string condition) => $"CASE WHEN {condition} THEN 1 ELSE 0 END";
        string ConditionIndex(string condition)
        {
            var i = conditions.IndexOf(condition);
            if (i < 0)
            {
                conditions.Add(condition);
                i = conditions.Count - 1;
            }
            return i.ToString(CultureInfo.InvariantCulture);
        }
        // On a person's only counted row some conditions are known false (see PersonForm.FalseOnOnlyRow).
        var single = withinEdition ? null : withinYear ? "f.is_single_in_year" : "f.is_single";
        bool KnownFalse(PersonForm p) => p.FalseOnOnlyRow && single == "f.is_single";
        string Flag(string condition, PersonForm p) => Column("pl_any" + ConditionIndex(condition), KnownFalse(p) ? "0" : Indicator(condition), $"MAX({Indicator(condition)})");
        string Rows(string condition) => Column("pl_n" + ConditionIndex(condition), Indicator(condition), $"SUM({Indicator(condition)})");
        // A participation cell key per person, reduced already in the inner level and narrowed to INTEGER: the outer sum of
        // key × count was a BIGINT sum (DuckDB adds those in 128 bits, measured a third of a public statement's time with
        // two such keys), where a sum of INTEGERs stays in 64 bits. The reduced key is the same modulo 2^24.
        string RowsKey(string? condition)
        {
            var key = condition is null ? "f.record_key" : $"CASE WHEN {condition} THEN f.record_key ELSE 0 END";
            return Column("pl_kn" + (condition is null ? "" : ConditionIndex(condition)), key, $"CAST({reduceKey($"SUM({key})")} AS INTEGER)");
        }

        var outer = new List<string>();
        foreach (var component in components)
        {
            var person = component.Person!;
            var condition = person.Condition is null ? null : bind(person.Condition, component);
            var sql = person.Aggregate switch
            {
                PersonAggregate.People when condition is null => "COUNT(*)",
                PersonAggregate.People => $"CAST(COALESCE(SUM({Flag(condition, person)}), 0) AS BIGINT)",
                PersonAggregate.PeopleKey when condition is null => reduceKey($"COALESCE(SUM({Key()}), 0)"),
                PersonAggregate.PeopleKey => reduceKey($"COALESCE(SUM(CASE WHEN {Flag(condition, person)} = 1 THEN {Key()} ELSE 0 END), 0)"),
                PersonAggregate.Rows => $"CAST(COALESCE(SUM({(condition is null ? Count() : Rows(condition))}), 0) AS BIGINT)",
                // Within one edition each person is one row of the cell, so all its rows' key is its people's key: the same
                // sum, written the same way so that the database computes it once.
                PersonAggregate.RowsKey when condition is null && withinEdition => reduceKey($"COALESCE(SUM({Key()}), 0)"),
                PersonAggregate.RowsKey => reduceKey($"COALESCE(SUM({RowsKey(condition)}), 0)"),
                PersonAggregate.States when withinState => $"MAX({Flag(condition!, person)})",
                PersonAggregate.States => $"COUNT(DISTINCT CASE WHEN {Flag(condition!, person)} = 1 THEN {Column("iso3", "f.iso3", "MAX(f.iso3)")} END)",
                PersonAggregate.Editions => "CAST(1 AS BIGINT)",
                _ => throw new InvalidOperationException($"no two-level form for {component.Key}"),
            };
            outer.Add($"{sql} AS \"{component.Key}\"");
        }
        if (inner.Count == 0)
        {
            // Nothing per person is read (participants alone, ungrouped): the inner level still needs a column.
            Count();
        }

        // A person's only row in the cell needs no grouping; the rest are grouped by cell and person.
        var text = new StringBuilder();
        text.Append("SELECT ").AppendJoin(", ", byState
            ? columns.Select(c => "f." + c).Concat(outer)
            : plan.Dimensions.Select(d => $"{dimensionSql(d)} AS \"{d.Name}\"").Concat(outer).Concat(extraColumn is null ? [] : [extraColumn]));
        text.Append("\nFROM (\n");
        text.Append("    SELECT ").AppendJoin(", ", inner.Select(c => c.Single == "f." + c.Name ? c.Single : $"{c.Single} AS {c.Name}"));
        text.Append("\n    FROM ").Append(from(components.Where(c => !KnownFalse(c.Person!))).Replace("\n", "\n    ", StringComparison.Ordinal));
        text.Append("\n    WHERE ").AppendJoin(" AND ", single is null ? where : where.Append(single));
        if (single is not null)
        {
            text.Append("\n    UNION ALL\n");
            text.Append("    SELECT ").AppendJoin(", ", inner.Select(c => c.Grouped is null ? "f." + c.Name : $"{c.Grouped} AS {c.Name}"));
            text.Append("\n    FROM ").Append(from(components).Replace("\n", "\n    ", StringComparison.Ordinal));
            text.Append("\n    WHERE ").AppendJoin(" AND ", where.Append("NOT " + single));
            text.Append("\n    GROUP BY ").AppendJoin(", ", columns.Select(c => "f." + c).Append("f.participant_key"));
        }
        text.Append("\n) f");
        if (byState)
        {
            text.Append("\nGROUP BY ").AppendJoin(", ", columns.Select(c => "f." + c));
            return WrapByState(plan, components, text.ToString(), dimensionSql, groupSql, reduceKey, extraColumn);
        }
        if (plan.Dimensions.Count > 0)
        {
            text.Append("\nGROUP BY ").AppendJoin(", ", plan.Dimensions.Select(groupSql));
        }
        return text.ToString();
    }

    /// <summary>
    /// Adds up per cell the rows of <paramref name="byCellAndState"/>, which holds every component per cell and state
    /// (the fact columns the dimensions read, under their own names, then each component under its key).
    /// </summary>
    /// <remarks>
    /// PostgreSQL computes <c>COUNT(DISTINCT …)</c> by sorting: the whole inner level by cell (705,713 rows of year x OIC
    /// group at 1M rows, spilling at the default work_mem), then each cell's states, where every other aggregate here is
    /// hashed. Grouped by state as well, a count of states is a MAX per (cell, state) and a SUM per cell, and both
    /// levels hash; the backend's CPU for that query halved (EXPLAIN ANALYZE: no sort left but the final one of the
    /// cells). Every other count adds up, and a cell key is the sum of its states' keys, reduced again: the same number
    /// modulo 2^24.
    /// </remarks>
    private static string WrapByState(
        QueryPlan plan,
        IReadOnlyList<Component> components,
        string byCellAndState,
        Func<DimensionDefinition, string> dimensionSql,
        Func<DimensionDefinition, string> groupSql,
        Func<string, string> reduceKey,
        string? extraColumn)
    {
        string Combined(Component c)
        {
            var column = $"f.\"{c.Key}\"";
            return c.Person!.Aggregate switch
            {
                PersonAggregate.PeopleKey or PersonAggregate.RowsKey => reduceKey($"COALESCE(SUM({column}), 0)"),
                PersonAggregate.Editions => "CAST(1 AS BIGINT)",
                _ => $"CAST(COALESCE(SUM({column}), 0) AS BIGINT)",
            };
        }
        var text = new StringBuilder();
        text.Append("SELECT ").AppendJoin(", ", plan.Dimensions.Select(d => $"{dimensionSql(d)} AS \"{d.Name}\"")
            .Concat(components.Select(c => $"{Combined(c)} AS \"{c.Key}\""))
            .Concat(extraColumn is null ? [] : [extraColumn]));
        text.Append("\nFROM (\n    ").Append(byCellAndState.Replace("\n", "\n    ", StringComparison.Ordinal)).Append("\n) f");
        if (plan.Dimensions.Count > 0)
        {
            text.Append("\nGROUP BY ").AppendJoin(", ", plan.Dimensions.Select(groupSql));
        }
        return text.ToString();
    }

    /// <summary>A column of the fact table as the model's SQL names it (<c>f.year</c>).</summary>
    [GeneratedRegex(@"\bf\.([a-z_][a-z0-9_]*)")]
    private static partial Regex FactColumn();
}
