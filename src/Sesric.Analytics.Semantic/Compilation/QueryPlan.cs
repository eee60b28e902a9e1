using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// A validated query: every name resolved against the model, the filter parsed and type-checked,
/// and the components each source must compute. Built by <see cref="Resolve(SemanticQuery, SemanticModel)"/>, which is where every
/// user-facing query error is raised.
/// </summary>
internal sealed class QueryPlan
{
    /// <summary>The most measures plus dimensions one query may name.</summary>
    public const int MaxColumns = 32;

    private QueryPlan(
        IReadOnlyList<MeasureDefinition> measures,
        IReadOnlyList<DimensionDefinition> dimensions,
        FilterExpression? filter,
        IReadOnlyList<(int Column, bool Descending)> order,
        SemanticQuery query,
        IReadOnlyDictionary<FilterComparison, BoundComparison> bindings,
        ScopeHandling scopeHandling,
        bool shareKeys)
    {
        ScopeHandling = scopeHandling;
        var filterFields = bindings.Values.Select(b => b.Dimension).Distinct().ToArray();
        Bindings = bindings;
        Measures = measures;
        Dimensions = dimensions;
        Filter = filter;
        Order = order;
        Query = query;
        var bases = measures.Select(m => m.Inner ?? m).ToArray();
        UsesRegistry = bases.Any(m => m.Source == FactSource.Registry);
        UsesPublished = bases.Any(m => m.Source == FactSource.Published);
        IsEditionLevel = dimensions.Concat(filterFields).All(d => d.Level == DisclosureLevel.Edition);
        DependsOnPerson = dimensions.Concat(filterFields).Any(d => d.Level == DisclosureLevel.Person);
        var components = new List<Component>();
        if (UsesRegistry)
        {
            components.AddRange([Components.People, Components.Participations, Components.Synthetic]);
        }
        foreach (var m in bases)
        {
            components.AddRange(m.Components);
        }
        var used = components.Distinct().ToList();
        Derived = used.Where(c => !c.IsComputedInSql).ToArray();
        foreach (var d in Derived)
        {
            used.Add(d.Difference!.Value.Whole);
            used.Add(d.Difference!.Value.Part);
        }
        // A perturbed count that a measure reads needs its cell key; a derived one, its parts' keys, even where a part is
        // itself shown exact (first-time participants of a whole edition: the people count is exact, the subset is not).
        // The counts every registry query carries for its own use (people for empty cells, participations and synthetic
        // rows for the metadata) are read raw, never shown, so they get no key unless a measure shows them: each key is
        // one more aggregate over every row.
        if (query.Policy.Protects)
        {
            foreach (var c in bases.SelectMany(m => m.Components).Distinct().Where(c => Rule(c) == CellRule.Perturb).ToArray())
            {
                AddKeys(c);
            }
            // The synthetic share is a ratio of the result's participations and synthetic rows: where those counts are
            // perturbed, it is computed from their protected values, so it needs both keys (see PublishedSyntheticShare),
            // unless the caller leaves them out: a result of only synthetic or only real records publishes its share
            // without them (see SyntheticShareKeys), and the engine asks again with them only when a result needs them.
            ShareIsProtected = UsesRegistry && Rule(Components.Participations) == CellRule.Perturb;
            if (ShareIsProtected && shareKeys)
            {
                used.Add(Components.ParticipationsKeySum);
                used.Add(Components.SyntheticKeySum);
            }
        }

        void AddKeys(Component c)
        {
            if (c.Difference is { } d)
            {
                AddKeys(d.Whole);
                AddKeys(d.Part);
            }
            else
            {
                used.Add(c.CellKey!);
            }
        }
        // Registry components first, then membership, then published; each once, in first-use order.
        ComponentList = used.Where(c => c.IsComputedInSql).Distinct().OrderBy(c => c.Source).ToArray();
        UsesMembership = ComponentList.Any(c => c.Source == ComponentSource.Membership);
        HasShareKeys = ComponentList.Contains(Components.ParticipationsKeySum) && ComponentList.Contains(Components.SyntheticKeySum);
        NeedsPreviousYear = measures.Any(m => m.TimeFunction is TimeFunction.YoyChange or TimeFunction.YoyPct or TimeFunction.PriorYear);
        YearIndex = dimensions.ToList().FindIndex(d => d.Time == TimeGrain.Year);
    }

    public IReadOnlyList<MeasureDefinition> Measures { get; }

    public IReadOnlyList<DimensionDefinition> Dimensions { get; }

    public FilterExpression? Filter { get; }

    /// <summary>Each comparison of <see cref="Filter"/> (by reference), checked against its field once.</summary>
    public IReadOnlyDictionary<FilterComparison, BoundComparison> Bindings { get; }

    /// <summary>Order keys as column indexes (dimensions first, then measures).</summary>
    public IReadOnlyList<(int Column, bool Descending)> Order { get; }

    public SemanticQuery Query { get; }

    /// <summary>How the query's <see cref="SemanticQuery.Scope"/> is held to (see <see cref="Semantic.ScopeHandling"/>).</summary>
    public ScopeHandling ScopeHandling { get; }

    /// <summary>The components the database computes, in column order.</summary>
    public IReadOnlyList<Component> ComponentList { get; }

    /// <summary>The components computed here from two database components (see <see cref="Component.Difference"/>).</summary>
    public IReadOnlyList<Component> Derived { get; }

    /// <summary>Whether every dimension and filter field describes the edition, so each cell is a set of whole editions.</summary>
    public bool IsEditionLevel { get; }

    /// <summary>Whether a dimension or filter field describes the person (gender), so a count of states or editions could show that someone exists.</summary>
    public bool DependsOnPerson { get; }

    /// <summary>How <paramref name="component"/>'s value is shown under this plan's policy (see <see cref="ComponentProtection"/>).</summary>
    public CellRule Rule(Component component)
    {
        if (!Query.Policy.Protects)
        {
            return CellRule.Exact;
        }
        return component.Protection switch
        {
            ComponentProtection.Records => IsEditionLevel ? CellRule.Exact : CellRule.Perturb,
            ComponentProtection.RecordSubset => CellRule.Perturb,
            ComponentProtection.Units => DependsOnPerson ? CellRule.Withhold : CellRule.Exact,
            _ => CellRule.Exact,
        };
    }

    public bool UsesRegistry { get; }

    /// <summary>
    /// Whether the result's synthetic share is published from perturbed counts (public policy, participations perturbed), so
    /// that a result mixing synthetic and real records needs the cell keys of both counts (see <see cref="HasShareKeys"/>).
    /// </summary>
    public bool ShareIsProtected { get; }

    /// <summary>Whether the statement computes the cell keys of the participations and synthetic rows.</summary>
    public bool HasShareKeys { get; }

    public bool UsesPublished { get; }

    public bool UsesMembership { get; }

    public bool NeedsPreviousYear { get; }

    /// <summary>The index of the year dimension (time at year grain) among the dimensions, or -1.</summary>
    public int YearIndex { get; }

    /// <summary>Checks every part of <paramref name="query"/> against <paramref name="model"/>, its scope ANDed with its filter unless the filter implies it.</summary>
    public static QueryPlan Resolve(SemanticQuery query, SemanticModel model) => Resolve(query, model, probeScope: false);

    /// <summary>
    /// Like <see cref="Resolve(SemanticQuery, SemanticModel)"/>, but when <paramref name="probeScope"/> and the scope
    /// would be a condition, the statement leaves the condition out and counts what lies outside the scope instead
    /// (<see cref="ScopeHandling.Probed"/>): its rows may be used only when that count is 0.
    /// </summary>
    public static QueryPlan Resolve(SemanticQuery query, SemanticModel model, bool probeScope) => Resolve(query, model, probeScope, shareKeys: true);

    /// <summary>
    /// Like <see cref="Resolve(SemanticQuery, SemanticModel, bool)"/>, with the synthetic share's cell keys in the statement
    /// only when <paramref name="shareKeys"/> (see <see cref="ShareIsProtected"/>; without them, a result that mixes
    /// synthetic and real records must be asked again with them, see <see cref="SyntheticShareKeys"/>).
    /// </summary>
    public static QueryPlan Resolve(SemanticQuery query, SemanticModel model, bool probeScope, bool shareKeys)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Measures.Count == 0)
        {
            throw new QueryException(QueryErrorKind.InvalidQuery, $"the query names no measure; add at least one, such as participants. Measures: {model.MeasureNames}.", "measures");
        }
        if (query.Measures.Count + query.Dimensions.Count > MaxColumns)
        {
            throw new QueryException(QueryErrorKind.TooComplex, $"the query names {query.Measures.Count + query.Dimensions.Count} measures and dimensions; at most {MaxColumns} are accepted.", "measures");
        }
        if (query.Limit is < 0)
        {
            throw new QueryException(QueryErrorKind.InvalidQuery, $"limit must not be negative, was {query.Limit}.", "limit");
        }
        if (query.Offset < 0)
        {
            throw new QueryException(QueryErrorKind.InvalidQuery, $"offset must not be negative, was {query.Offset}.", "offset");
        }

        var dimensions = new List<DimensionDefinition>();
        foreach (var name in query.Dimensions)
        {
            if (name is null || !model.TryGetDimension(name, out var dimension))
            {
                throw new QueryException(QueryErrorKind.UnknownField, $"unknown dimension '{name}'; dimensions: {model.DimensionNames}.", name);
            }
            if (dimensions.Contains(dimension))
            {
                throw new QueryException(QueryErrorKind.InvalidQuery, $"dimension '{dimension.Name}' is named twice; name it once.", dimension.Name);
            }
            dimensions.Add(dimension);
        }

        var measures = new List<MeasureDefinition>();
        foreach (var name in query.Measures)
        {
            if (name is null || !model.TryGetMeasure(name, out var measure))
            {
                throw new QueryException(QueryErrorKind.UnknownMeasure, UnknownMeasureMessage(name, model), name);
            }
            if (measures.Contains(measure))
            {
                throw new QueryException(QueryErrorKind.InvalidQuery, $"measure '{measure.Name}' is named twice; name it once.", measure.Name);
            }
            CheckTimeIntelligence(measure, dimensions);
            measures.Add(measure);
        }

        // The scope is ANDed in here, so every statement the compiler writes (the previous year's too) reads only rows in
        // scope; the public grammar below is checked on the caller's own filter, not on the scope's condition.
        // A scope the caller's own filter already implies (programme = "a" under a scope holding a) needs no condition of its
        // own: the filter alone selects only rows in scope.
        var ownBindings = query.Filter is null ? new Dictionary<FilterComparison, BoundComparison>(ReferenceEqualityComparer.Instance) : BindFilter(query.Filter, model);
        // A scope of member states keeps its condition always: neither the implication nor the edition-count probe
        // below can tell whether a state's rows are excluded.
        var programmesOnly = query.Scope.RestrictsProgrammesOnly;
        var scopeHandling = query.Scope.IsUnrestricted || (programmesOnly && ScopeImplied(query.Filter, ownBindings, query.Scope))
            ? ScopeHandling.None
            : probeScope && programmesOnly ? ScopeHandling.Probed : ScopeHandling.Condition;
        var filter = scopeHandling == ScopeHandling.Condition ? FilterExpression.All(query.Filter, query.Scope.Filter) : query.Filter;
        var bindings = scopeHandling == ScopeHandling.Condition ? BindFilter(filter!, model) : ownBindings;

        CheckCompatibility(measures, dimensions, bindings.Values.Select(b => b.Dimension).Distinct().ToList(), model);

        var columns = dimensions.Select(d => d.Name).Concat(measures.Select(m => m.Name)).ToList();
        var order = new List<(int, bool)>();
        foreach (var term in query.Order)
        {
            var index = columns.IndexOf(term.Field);
            if (index < 0 && model.TryGetMeasure(term.Field, out var canonical))
            {
                index = columns.IndexOf(canonical.Name);
            }
            if (index < 0)
            {
                throw new QueryException(QueryErrorKind.UnknownField, $"order_by: '{term.Field}' is not a dimension or measure of this query; order by one of: {string.Join(", ", columns)}.", term.Field);
            }
            order.Add((index, term.Descending));
        }
        var plan = new QueryPlan(measures, dimensions, filter, order, query, bindings, scopeHandling, shareKeys);
        CheckPublicFilter(query.Filter, plan);
        return plan;
    }

    /// <summary>
    /// Whether <paramref name="filter"/> by itself admits only rows of programmes in <paramref name="scope"/>: one of its
    /// top-level AND terms is an equality on the programme (or on an edition, which names its programme), or an OR of
    /// such equalities, naming only programmes in scope. Anything else (NOT, a range, an OR with another field) is not
    /// taken to imply it, so the scope's condition stays.
    /// </summary>
    private static bool ScopeImplied(FilterExpression? filter, IReadOnlyDictionary<FilterComparison, BoundComparison> bindings, DataScope scope)
    {
        if (filter is null)
        {
            return false;
        }
        return AndTerms(filter).Any(term => AllowedEqualities(term, bindings, scope));
    }

    /// <summary>The terms <paramref name="filter"/> ANDs together at its top, left to right (the filter itself when it is no AND).</summary>
    private static IEnumerable<FilterExpression> AndTerms(FilterExpression filter)
    {
        var pending = new Stack<FilterExpression>();
        pending.Push(filter);
        while (pending.Count > 0)
        {
            var term = pending.Pop();
            if (term is FilterAnd a)
            {
                pending.Push(a.Right);
                pending.Push(a.Left);
            }
            else
            {
                yield return term;
            }
        }
    }

    /// <summary>Whether <paramref name="term"/> is an equality, or an OR of equalities, each true only for rows of a programme in scope.</summary>
    private static bool AllowedEqualities(FilterExpression term, IReadOnlyDictionary<FilterComparison, BoundComparison> bindings, DataScope scope) => term switch
    {
        FilterOr o => AllowedEqualities(o.Left, bindings, scope) && AllowedEqualities(o.Right, bindings, scope),
        FilterComparison { Operator: FilterOperator.Equal } c => ProgrammeOf(bindings[c]) is { } programme && scope.Allows(programme),
        _ => false,
    };

    /// <summary>
    /// The one programme whose rows an equality on <paramref name="bound"/>'s field can match: the value itself on a
    /// programme field, the part before the last '/' on an edition field (an edition's value is its programme's slug, a
    /// '/' and a number; slugs hold no '/'). Null when the value is not exactly a slug, so nothing is assumed.
    /// </summary>
    private static ProgrammeId? ProgrammeOf(BoundComparison bound)
    {
        if (bound.Value is not string value)
        {
            return null;
        }
        var text = bound.Dimension.Members switch
        {
            MemberReference.Programme => value,
            MemberReference.Edition when value.LastIndexOf('/') is > 0 and var slash => value[..slash],
            _ => null,
        };
        return text is not null && ProgrammeId.TryParse(text, out var programme) && programme.Value == text ? programme : null;
    }

    private static string UnknownMeasureMessage(string? name, SemanticModel model)
    {
        var open = name?.IndexOf('(') ?? -1;
        if (name is not null && open > 0 && SemanticModel.TimeIntelligenceFunctions.Contains(name[..open].Trim()))
        {
            return $"'{name}' does not name a base measure inside the parentheses; write such as {name[..open].Trim()}(participants). Measures: {model.MeasureNames}.";
        }
        return $"unknown measure '{name}'; measures: {model.MeasureNames}.";
    }

    private static void CheckTimeIntelligence(MeasureDefinition measure, List<DimensionDefinition> dimensions)
    {
        if (!measure.IsTimeIntelligence)
        {
            return;
        }
        if (!dimensions.Any(d => d.Time == TimeGrain.Year))
        {
            throw new QueryException(QueryErrorKind.TimeIntelligence, $"'{measure.Name}' compares years, so the query must be grouped by year; add year to the dimensions (--by year).", measure.Name);
        }
        if (dimensions.Any(d => d.IdentifiesEdition || d.Time == TimeGrain.Day))
        {
            throw new QueryException(QueryErrorKind.TimeIntelligence, $"'{measure.Name}' compares a year with the one before, which an edition or date dimension never spans; drop edition/date from the dimensions.", measure.Name);
        }
        if (measure.TimeFunction == TimeFunction.RunningTotal && measure.Inner!.ColumnType != Querying.ColumnType.Integer)
        {
            throw new QueryException(QueryErrorKind.TimeIntelligence, $"'{measure.Name}': a running total adds yearly values, which only makes sense for counts; use a count measure such as running_total(participations).", measure.Name);
        }
    }

    /// <summary>Checks each comparison against its field, once; the compiler reads the bindings instead of checking again.</summary>
    private static Dictionary<FilterComparison, BoundComparison> BindFilter(FilterExpression filter, SemanticModel model)
    {
        var bindings = new Dictionary<FilterComparison, BoundComparison>(ReferenceEqualityComparer.Instance);
        var count = 0;
        foreach (var comparison in Comparisons(filter))
        {
            // Parsed filters are bounded by the parser; one built in code is held to the same limit.
            if (++count > FilterParser.MaxComparisons)
            {
                throw new QueryException(QueryErrorKind.TooComplex, $"filter: more than {FilterParser.MaxComparisons} comparisons; simplify the filter.", "filter");
            }
            if (!model.TryGetDimension(comparison.Field, out var dimension))
            {
                throw new QueryException(QueryErrorKind.UnknownField, $"filter: unknown field '{comparison.Field}'{comparison.At}; fields: {model.DimensionNames}.", comparison.Field, comparison.Position < 0 ? null : comparison.Position);
            }
            bindings.TryAdd(comparison, FilterSql.Bind(comparison, dimension));
        }
        return bindings;
    }

    private static void CheckCompatibility(List<MeasureDefinition> measures, List<DimensionDefinition> dimensions, List<DimensionDefinition> filterFields, SemanticModel model)
    {
        foreach (var measure in measures)
        {
            var baseMeasure = measure.Inner ?? measure;
            if (baseMeasure.Source == FactSource.Published)
            {
                var bad = dimensions.Concat(filterFields).FirstOrDefault(d => !d.IsEditionLevel);
                if (bad is not null)
                {
                    throw new QueryException(QueryErrorKind.Incompatible, $"'{measure.Name}' is a published edition total and cannot be split or filtered by {bad.Name}; use edition-level fields only ({string.Join(", ", model.Dimensions.Where(d => d.IsEditionLevel).Select(d => d.Name))}) or a registry measure such as participants.", bad.Name);
                }
            }
            if (baseMeasure.Components.Any(c => c.Source == ComponentSource.Membership))
            {
                var bad = dimensions.Concat(filterFields).FirstOrDefault(d => !d.IsEditionLevel && d.CountrySql is null);
                if (bad is not null)
                {
                    throw new QueryException(QueryErrorKind.Incompatible, $"'{measure.Name}' divides by the number of member states, which have no {bad.Name}; remove {bad.Name} from the dimensions and the filter, or ask for member_states instead.", bad.Name);
                }
            }
        }
    }

    /// <summary>
    /// Under the public policy, a query whose figures are protected may restrict the records only with
    /// <c>field = value</c> conditions joined by AND: every cell it can name is then a cell of some table of whole
    /// categories, a bounded family, so an attacker cannot build the many differently composed sets around one person
    /// that averaging away the perturbation needs (<c>!=</c>, NOT, OR and ranges each open an unbounded family).
    /// A condition on the query's own dimensions (such as <c>year &lt;= 2022</c> when grouped by year) is still allowed,
    /// in any form: it only chooses which cells are returned, never what a cell holds. So is any filter on a query
    /// whose figures are all exact (whole editions, published totals): there is no noise to average.
    /// </summary>
    private static void CheckPublicFilter(FilterExpression? filter, QueryPlan plan)
    {
        if (filter is null || !plan.Query.Policy.Protects)
        {
            return;
        }
        var anyProtected = plan.ComponentList.Concat(plan.Derived).Any(c => plan.Rule(c) != CellRule.Exact);
        if (!anyProtected)
        {
            return;
        }
        var grouped = plan.Dimensions.ToHashSet();
        var byEdition = plan.Dimensions.Any(d => d.IdentifiesEdition);
        bool Selects(FilterComparison c) =>
            plan.Bindings[c].Dimension is var d && (grouped.Contains(d) || (byEdition && d.Level == DisclosureLevel.Edition));

        foreach (var term in AndTerms(filter))
        {
            if (term is FilterComparison { Operator: FilterOperator.Equal } || Comparisons(term).All(Selects))
            {
                continue;
            }
            var first = Comparisons(term).First(c => !Selects(c));
            var what = term switch
            {
                FilterOr => "OR",
                FilterNot => "NOT",
                _ => $"'{first.Field} {OperatorText(first.Operator)} …'",
            };
            throw new QueryException(
                QueryErrorKind.InvalidQuery,
                $"filter: under the public policy a query below the whole edition may only narrow the records with field = value conditions joined by AND; {what}{(first.Position < 0 ? "" : $" (at position {first.Position})")} is not allowed, because two differently filtered answers could be subtracted to single out a person. Group by {first.Field} and keep the rows you need (a condition on a grouped field is allowed), or ask with the internal policy (analyst role).",
                first.Field, first.Position < 0 ? null : first.Position);
        }
    }

    private static string OperatorText(FilterOperator op) => op switch
    {
        FilterOperator.NotEqual => "!=",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        _ => "=",
    };

    /// <summary>The comparisons of a filter, left to right.</summary>
    public static IEnumerable<FilterComparison> Comparisons(FilterExpression expression)
    {
        var stack = new Stack<FilterExpression>();
        stack.Push(expression);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case FilterComparison c:
                    yield return c;
                    break;
                case FilterAnd a:
                    stack.Push(a.Right);
                    stack.Push(a.Left);
                    break;
                case FilterOr o:
                    stack.Push(o.Right);
                    stack.Push(o.Left);
                    break;
                case FilterNot n:
                    stack.Push(n.Operand);
                    break;
            }
        }
    }
}
