using System.Globalization;
using System.Text;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Compiles a <see cref="QueryPlan"/> to one SQL statement in <paramref name="dialect"/> (DuckDB or PostgreSQL) over the
/// schema's <c>participation_fact</c> table and <c>edition</c>, <c>country</c> and
/// <c>membership_suspension</c> tables.
/// </summary>
/// <remarks>
/// The statement returns one row per cell (combination of dimension values) with the dimension
/// values under their model names and each aggregate component under its key; with year-over-year
/// measures, the same components for the previous year follow as <c>prev_&lt;key&gt;</c>. Ordering,
/// paging, ratios, time intelligence and disclosure control happen after, over these rows. Only
/// fixed fragments from the model and <c>$n</c> placeholders appear in the text.
/// <para>The registry's components are computed in two levels (<see cref="TwoLevelSql"/>: per person in each cell, then per
/// cell) whenever each has that form; a query with a count of editions not grouped by edition (<c>editions</c>,
/// <c>participants_per_edition</c>) keeps the one-level statement, whose distinct aggregates compute the same values, and so
/// does one without cell keys and with at most two distinct aggregates, where it is the cheaper form (see
/// <see cref="OneLevelIsCheaper"/>).
/// <paramref name="twoLevel"/> false keeps the one-level statement for every query (for tests that compare the two).</para>
/// </remarks>
internal sealed class SqlCompiler(SqlDialect dialect, bool twoLevel = true)
{
    private readonly string _referenceDate = $"COALESCE(e.start_date, {dialect.MakeDate("e.year", "7", "1")})";

    /// <summary>
    /// The column a <see cref="ScopeHandling.Probed"/> statement adds: the number of editions outside the query's scope,
    /// the same on every row. Every row any block reads belongs to an edition (a participation's fact row is derived from
    /// its edition, membership and published totals range over editions, and editions are never deleted), so 0 means the
    /// scope excluded nothing from what this statement read.
    /// </summary>
    public const string OutsideScopeColumn = "sesric_outside_scope";

    /// <summary>A statement of its own returning one row, one column: the number of editions outside <paramref name="scope"/> (restricted).</summary>
    public static SqlStatement OutsideScopeCount(DataScope scope)
    {
        var parameters = new List<object?>();
        return new SqlStatement("SELECT " + OutsideScope(scope, parameters), parameters);
    }

    /// <summary>The column name of a component for the previous year.</summary>
    public static string PreviousKey(Component c) => "prev_" + c.Key;

    /// <summary>Compiles the plan.</summary>
    public SqlStatement Compile(QueryPlan plan)
    {
        var parameters = new List<object?>();
        var indexes = plan.Filter is null ? null : FilterSql.BindAll(plan, parameters);
        var ctes = new List<(string Name, string Sql)>();
        if (plan.ComponentList.Any(c => c.Join == HelperJoin.FirstStateEdition))
        {
            ctes.Add(("first_state", "SELECT programme_id, iso3, MIN(edition_number) AS first_edition FROM participation_fact WHERE is_counted AND counts_as_member GROUP BY programme_id, iso3"));
        }
        if (plan.ComponentList.Any(c => c.Join == HelperJoin.FirstPersonEdition))
        {
            // Only people with more than one counted participation: a person's only one is their first (never returning), and
            // the LEFT JOIN gives their row no first edition, so the comparison is false as it would be; the table is
            // built from 40 % of the rows instead of all.
            ctes.Add(("first_person", "SELECT programme_id, participant_key, MIN(edition_number) AS first_edition FROM participation_fact WHERE is_counted AND NOT is_single GROUP BY programme_id, participant_key"));
        }
        var probe = plan.ScopeHandling == ScopeHandling.Probed ? $"{OutsideScope(plan.Query.Scope, parameters)} AS {Quote(OutsideScopeColumn)}" : null;
        var probeColumns = probe is null ? [] : new[] { probe };
        // One source and no helper: the statement is that source's aggregate itself (below), so the probe joins its columns.
        var single = ctes.Count == 0 && !plan.NeedsPreviousYear && new[] { plan.UsesRegistry, plan.UsesMembership, plan.UsesPublished }.Count(u => u) == 1;
        var current = Block(plan, indexes, parameters, ctes, shifted: false, single ? probe : null);
        var dims = plan.Dimensions.Select(d => Quote(d.Name)).ToArray();
        var keys = plan.ComponentList.Select(c => Quote(c.Key)).ToArray();
        string select;
        if (plan.NeedsPreviousYear)
        {
            var previous = Block(plan, indexes, parameters, ctes, shifted: true);
            var columns = dims.Select(d => "cur." + d)
                .Concat(keys.Select(k => "cur." + k))
                .Concat(plan.ComponentList.Select(c => $"prev.{Quote(c.Key)} AS {Quote(PreviousKey(c))}"))
                .Concat(probeColumns);
            select = $"SELECT {string.Join(", ", columns)}\nFROM {current} cur\nLEFT JOIN {previous} prev ON {JoinOn("cur", "prev", dims)}";
        }
        else if (single)
        {
            // A single aggregate needs no CTE: emit it as the statement itself, ordered by its own group columns
            // where a dimension has them (sorting numbers is cheaper than sorting labels built from them).
            // One CTE means one source.
            var source = plan.UsesRegistry ? ComponentSource.Registry : plan.UsesPublished ? ComponentSource.Edition : (ComponentSource?)null;
            return new SqlStatement(ctes[0].Sql + OrderBy(plan.Dimensions, source), parameters);
        }
        else
        {
            select = $"SELECT {string.Join(", ", dims.Concat(keys).Concat(probeColumns))}\nFROM {current}";
        }
        var sql = new StringBuilder();
        if (ctes.Count > 0)
        {
            sql.Append("WITH ");
            sql.AppendJoin(",\n", ctes.Select(c => $"{c.Name} AS (\n{Indent(c.Sql)}\n)"));
            sql.Append('\n');
        }
        // With the previous year joined, a column name alone is ambiguous as an input (both sides have it).
        sql.Append(select).Append(OrderBy(plan.Dimensions, qualifier: plan.NeedsPreviousYear ? "cur." : ""));
        return new SqlStatement(sql.ToString(), parameters);
    }

    /// <summary>
    /// The uncorrelated subquery counting editions outside <paramref name="scope"/>, its programmes bound as parameters
    /// (a value the filter already binds reuses its number). It reads the small edition table, never the fact rows.
    /// </summary>
    private static string OutsideScope(DataScope scope, List<object?> parameters)
    {
        var numbers = scope.Programmes!.Select(p =>
        {
            var index = parameters.FindIndex(v => Equals(v, p.Value));
            if (index < 0)
            {
                parameters.Add(p.Value);
                index = parameters.Count - 1;
            }
            return "$" + (index + 1).ToString(CultureInfo.InvariantCulture);
        });
        return $"(SELECT COUNT(*) FROM edition scope_e WHERE scope_e.programme_id NOT IN ({string.Join(", ", numbers)}))";
    }

    /// <summary>
    /// Adds the CTEs computing every component per cell (for the previous year when
    /// <paramref name="shifted"/>: each year and date read one year later) and returns the name of the
    /// relation holding them.
    /// </summary>
    private string Block(QueryPlan plan, Dictionary<FilterComparison, int>? indexes, List<object?> parameters, List<(string Name, string Sql)> ctes, bool shifted, string? extraColumn = null)
    {
        var prefix = shifted ? "prev_" : "";
        var dims = plan.Dimensions;
        var sources = new List<(string Name, ComponentSource Source)>();
        if (plan.UsesRegistry)
        {
            var name = prefix + "registry";
            ctes.Add((name, SourceSelect(plan, indexes, parameters, ComponentSource.Registry, shifted, extraColumn)));
            sources.Add((name, ComponentSource.Registry));
        }
        if (plan.UsesMembership)
        {
            var name = prefix + "membership";
            ctes.Add((name, SourceSelect(plan, indexes, parameters, ComponentSource.Membership, shifted, extraColumn)));
            sources.Add((name, ComponentSource.Membership));
        }
        if (plan.UsesPublished)
        {
            var name = prefix + "published";
            ctes.Add((name, SourceSelect(plan, indexes, parameters, ComponentSource.Edition, shifted, extraColumn)));
            sources.Add((name, ComponentSource.Edition));
        }
        if (sources.Count == 1)
        {
            return sources[0].Name;
        }

        // Several sources: cells are the registry's and the published totals' cells (membership only
        // supplies denominators to registry cells), joined on the dimension values.
        var quoted = dims.Select(d => Quote(d.Name)).ToArray();
        var keySources = sources.Where(s => s.Source != ComponentSource.Membership).ToList();
        var columns = new List<string>();
        string from;
        if (dims.Count == 0)
        {
            from = string.Join(" CROSS JOIN ", sources.Select(s => $"{s.Name} {Alias(s.Source)}"));
        }
        else
        {
            string keyRelation;
            if (keySources.Count == 1)
            {
                keyRelation = keySources[0].Name;
            }
            else
            {
                keyRelation = prefix + "cells";
                ctes.Add((keyRelation, string.Join("\nUNION\n", keySources.Select(s => $"SELECT {string.Join(", ", quoted)} FROM {s.Name}"))));
            }
            var keyAlias = keySources.Count == 1 ? Alias(keySources[0].Source) : "k";
            columns.AddRange(quoted.Select(q => $"{keyAlias}.{q}"));
            from = keySources.Count == 1 ? $"{keyRelation} {keyAlias}" : $"{keyRelation} k";
            foreach (var s in sources.Where(s => Alias(s.Source) != keyAlias))
            {
                from += $"\nLEFT JOIN {s.Name} {Alias(s.Source)} ON {JoinOn(keyAlias, Alias(s.Source), quoted)}";
            }
        }
        columns.AddRange(plan.ComponentList.Select(c => $"{Alias(c.Source)}.{Quote(c.Key)}"));
        var block = prefix + "cell";
        ctes.Add((block, $"SELECT {string.Join(", ", columns)}\nFROM {from}"));
        return block;
    }

    // extraColumn: a column added to the select list (the scope probe, when this select is the whole statement).
    private string SourceSelect(QueryPlan plan, Dictionary<FilterComparison, int>? indexes, List<object?> parameters, ComponentSource source, bool shifted, string? extraColumn)
    {
        string SqlFor(DimensionDefinition d)
        {
            var sql = source switch
            {
                ComponentSource.Registry => d.RegistrySql,
                ComponentSource.Edition => d.EditionSql!,
                _ => d.EditionSql ?? d.CountrySql!,
            };
            if (shifted && d.Time == TimeGrain.Year)
            {
                return $"({sql} + 1)";
            }
            if (shifted && d.Time == TimeGrain.Day)
            {
                return dialect.AddYears(sql, 1);
            }
            return sql;
        }

        // Group by raw columns where a dimension builds its label from them (edition), so the label is
        // built per result row; shifted years and dates are grouped by the shifted expression.
        string GroupFor(DimensionDefinition d) => source switch
        {
            _ when shifted && d.Time is not null => SqlFor(d),
            ComponentSource.Registry => d.RegistryGroupBy,
            ComponentSource.Edition => d.EditionGroupBy!,
            _ => d.EditionGroupBy ?? d.CountrySql!,
        };

        var components = plan.ComponentList.Where(c => c.Source == source).ToArray();
        if (source == ComponentSource.Registry && twoLevel && TwoLevelSql.Supports(plan, components) && !OneLevelIsCheaper(plan, components))
        {
            var where = new List<string> { "f.is_counted" };
            if (plan.Filter is not null)
            {
                where.Add($"({FilterSql.Render(plan.Filter, plan, indexes!, SqlFor)})");
            }
            return TwoLevelSql.Compile(
                plan, components, RegistryFrom, where, SqlFor, GroupFor,
                (fragment, component) => BindParameters(fragment, component, parameters), dialect.CellKey, extraColumn,
                groupStatesFirst: !dialect.HashesDistinctAggregates);
        }
        var select = plan.Dimensions.Select(d => $"{SqlFor(d)} AS {Quote(d.Name)}")
            .Concat(components.Select(c => $"{AggregateSql(c, plan, parameters)} AS {Quote(c.Key)}"))
            .Concat(extraColumn is null ? [] : [extraColumn]);
        var conditions = new List<string>();
        string from;
        switch (source)
        {
            case ComponentSource.Registry:
                from = RegistryFrom(components);
                conditions.Add("f.is_counted");
                break;
            case ComponentSource.Membership:
                from = "edition e\nJOIN country c ON c.kind = 'member' AND c.accession_year <= e.year";
                conditions.Add($"NOT EXISTS (SELECT 1 FROM membership_suspension s WHERE s.iso3 = c.iso3 AND s.suspended_from <= {_referenceDate} AND (s.restored_on IS NULL OR s.restored_on > {_referenceDate}))");
                conditions.Add("EXISTS (SELECT 1 FROM participation_fact x WHERE x.programme_id = e.programme_id AND x.edition_number = e.edition_number AND x.is_counted)");
                break;
            default:
                from = "edition e";
                break;
        }
        if (plan.Filter is not null)
        {
            var rendered = FilterSql.Render(plan.Filter, plan, indexes!, SqlFor);
            conditions.Add(conditions.Count == 0 ? rendered : $"({rendered})");
        }
        var sql = new StringBuilder();
        sql.Append("SELECT ").AppendJoin(", ", select);
        sql.Append("\nFROM ").Append(from);
        if (conditions.Count > 0)
        {
            sql.Append("\nWHERE ").AppendJoin(" AND ", conditions);
        }
        if (plan.Dimensions.Count > 0)
        {
            sql.Append("\nGROUP BY ").AppendJoin(", ", plan.Dimensions.Select(GroupFor));
        }
        return sql.ToString();
    }

    /// <summary>The fact table with the history relations <paramref name="components"/> read.</summary>
    private static string RegistryFrom(IEnumerable<Component> components)
    {
        var from = "participation_fact f";
        if (components.Any(c => c.Join == HelperJoin.FirstStateEdition))
        {
            from += "\nLEFT JOIN first_state fs ON fs.programme_id = f.programme_id AND fs.iso3 = f.iso3";
        }
        if (components.Any(c => c.Join == HelperJoin.FirstPersonEdition))
        {
            from += "\nLEFT JOIN first_person fp ON fp.programme_id = f.programme_id AND fp.participant_key = f.participant_key";
        }
        return from;
    }

    /// <summary>The most DISTINCT aggregates a registry statement without cell keys may have and still be written in one level.</summary>
    internal const int MaxDistinctForOneLevel = 2;

    /// <summary>
    /// Whether the one-level statement is the cheaper form of these registry components: no cell key (nothing perturbed, as
    /// under the internal policy or for whole editions) and at most <see cref="MaxDistinctForOneLevel"/> DISTINCT aggregates,
    /// on a dialect that hashes them. The two-level form pays for its single hash table with a UNION ALL, a per-person
    /// grouping and an outer aggregation over SUMs of integers (wide sums in DuckDB); that pays off against many distinct
    /// hash tables (a count and a key sum per protected count under the public policy), not against one or two. Measured
    /// with DuckDB, PRAGMA threads=1, on the 1M scale store (minimum of 9, load average about 25): participants and
    /// member_states by (year, oic_group) filtered, 236 ms two-level against 172 ms one-level (the hand-tuned SQL 133 ms);
    /// by (edition, member_state), 218 against 111 (tuned 84); with five distinct counts (female and returning shares
    /// added) the two-level form wins, 461 against 666. Both forms give the same values (StatementShapeTests).
    /// </summary>
    private bool OneLevelIsCheaper(QueryPlan plan, IReadOnlyList<Component> components)
    {
        if (!dialect.HashesDistinctAggregates || components.Any(c => c.Protection == ComponentProtection.Key))
        {
            return false;
        }
        // The hash tables DuckDB builds are the DISTINCT aggregates of the form chosen for this grouping, so they are
        // counted in that form's text (a user measure's values become $n placeholders there, never text).
        var scratch = new List<object?>();
        var distinct = components.Sum(c => CountOf(AggregateSql(c, plan, scratch), "DISTINCT"));
        return distinct <= MaxDistinctForOneLevel;
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>
    /// A component's aggregate, in its cheaper form where the grouping allows it: distinct counts of people
    /// within one edition, or of states within one state, need no hash set, and within one year need one only for
    /// people who came twice that year (see <see cref="Component"/>).
    /// </summary>
    private string AggregateSql(Component component, QueryPlan plan, List<object?> parameters)
    {
        var sql = ChosenSql(component, plan);
        if (plan.Rule(component) == CellRule.Perturb)
        {
            sql = component.OverTokens(sql);
        }
        if (component.Protection == ComponentProtection.Key)
        {
            sql = dialect.CellKey(sql);
        }
        return BindParameters(sql, component, parameters);
    }

    /// <summary>
    /// Replaces a component's <c>{p0}</c>, <c>{p1}</c>… placeholders (a user measure's restriction values) with
    /// <c>$n</c> parameters, each value added once (a value the filter already binds reuses its number): the values
    /// travel as parameters, never as text in the statement.
    /// </summary>
    private static string BindParameters(string sql, Component component, List<object?> parameters)
    {
        if (component.Parameters is not { Count: > 0 } values)
        {
            return sql;
        }
        for (var i = 0; i < values.Count; i++)
        {
            var index = parameters.FindIndex(p => Equals(p, values[i]));
            if (index < 0)
            {
                parameters.Add(values[i]);
                index = parameters.Count - 1;
            }
            sql = sql.Replace("{p" + i.ToString(CultureInfo.InvariantCulture) + "}", "$" + (index + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        return sql;
    }

    private static string ChosenSql(Component component, QueryPlan plan)
    {
        if (component.SqlWithinEdition is { } perEdition && plan.Dimensions.Any(d => d.IdentifiesEdition))
        {
            return perEdition;
        }
        if (component.SqlWithinState is { } perState && plan.Dimensions.Any(d => d.IdentifiesMemberState))
        {
            return perState;
        }
        if (component.SqlWithinYear is { } perYear && plan.Dimensions.Any(d => d.Time == TimeGrain.Year))
        {
            return perYear;
        }
        return component.Sql;
    }

    private static string Alias(ComponentSource source) => source switch
    {
        ComponentSource.Registry => "r",
        ComponentSource.Membership => "m",
        _ => "p",
    };

    /// <summary>
    /// Cells come back in dimension order, missing values first: the order the result is built in, so the
    /// engine need not sort them again (it checks, and sorts only if a database orders differently).
    /// </summary>
    /// <param name="dimensions">The plan's dimensions.</param>
    /// <param name="source">The one relation the statement aggregates directly, if so: a dimension may then order by its raw columns.</param>
    /// <param name="qualifier">The alias (with its dot) of the relation the output columns come from, when others are joined.</param>
    private string OrderBy(IReadOnlyList<DimensionDefinition> dimensions, ComponentSource? source = null, string qualifier = "") =>
        dimensions.Count == 0 ? "" : "\nORDER BY " + string.Join(", ", dimensions.Select(d => OrderTerms(d, source, qualifier)));

    private string OrderTerms(DimensionDefinition d, ComponentSource? source, string qualifier) => source switch
    {
        ComponentSource.Registry when d.RegistryOrderSql is { } raw => raw,
        ComponentSource.Edition when d.EditionOrderSql is { } raw => raw,
        _ => string.Format(CultureInfo.InvariantCulture, d.OrderSql, d.ColumnType == ColumnType.String ? dialect.OrdinalText(Quote(d.Name), InputSql(d, source, qualifier)) : Quote(d.Name)),
    };

    /// <summary>What the statement computes a dimension's output column from: its SQL over the one aggregated relation, else the CTE column itself.</summary>
    private static string InputSql(DimensionDefinition d, ComponentSource? source, string qualifier) => source switch
    {
        ComponentSource.Registry => d.RegistrySql,
        ComponentSource.Edition => d.EditionSql!,
        _ => qualifier + Quote(d.Name),
    };

    private static string JoinOn(string left, string right, IEnumerable<string> quotedColumns)
    {
        var parts = quotedColumns.Select(q => $"{left}.{q} IS NOT DISTINCT FROM {right}.{q}").ToArray();
        return parts.Length == 0 ? "TRUE" : string.Join(" AND ", parts);
    }

    private static string Quote(string identifier) => "\"" + identifier + "\"";

    private static string Indent(string sql) => "    " + sql.Replace("\n", "\n    ");
}
