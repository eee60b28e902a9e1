using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Reads a query's component values as its policy lets them be shown: exact, perturbed by the cell key method,
/// or withheld. Every measure is computed from these reads, so a ratio, a change or a running total is built from
/// protected counts only, and the same set of records shows the same count wherever it appears.
/// </summary>
/// <remarks>
/// <para>The public policy (see the README's disclosure section for the reasoning and its limits):</para>
/// <list type="bullet">
/// <item>Counts of people and participations are perturbed through <see cref="PerturbationTable"/>, each with
/// the key of the very records it counts (the sum of their record keys). A cell made only of edition attributes
/// (whole editions: programme, edition, year, date, modality, host country) is a published total and stays
/// exact.</item>
/// <item>Counts of a subset of the cell's people (women, men, returning and first-time participants) are always
/// perturbed; a share divides two perturbed counts of disjoint sets, so it stays within 0–100 %.</item>
/// <item>Counts of member states and editions are published by SESRIC per edition and stay exact, unless the
/// query depends on a person's attribute (gender), where a state count would show that someone of that kind
/// came: then they, and every measure built on them, are withheld.</item>
/// </list>
/// </remarks>
internal sealed class CellProtection
{
    private readonly QueryPlan _plan;
    private readonly SqlColumn[] _columns;
    private readonly PerturbationTable? _table;

    // Read once per component per cell: the rule and the column positions are fixed for the query, so they are found
    // once here rather than by a search of the component list on every read.
    private readonly Dictionary<Component, (CellRule Rule, int Value, int Key)> _slots = new(ReferenceEqualityComparer.Instance);

    public CellProtection(QueryPlan plan, SqlColumn[] columns)
    {
        _plan = plan;
        _columns = columns;
        _table = plan.Query.Policy.Table;
    }

    /// <summary>Whether every value of <paramref name="measure"/> is withheld under <paramref name="plan"/>.</summary>
    public static bool IsWithheld(QueryPlan plan, MeasureDefinition measure) =>
        (measure.Inner ?? measure).Components.Any(c => plan.Rule(c) == CellRule.Withhold);

    /// <summary>Whether <paramref name="measure"/>'s values are computed from perturbed counts under <paramref name="plan"/>.</summary>
    public static bool IsPerturbed(QueryPlan plan, MeasureDefinition measure) =>
        !IsWithheld(plan, measure) && (measure.Inner ?? measure).Components.Any(c => plan.Rule(c) == CellRule.Perturb);

    /// <summary>The value of <paramref name="component"/> in store row <paramref name="row"/>, as the policy shows it (null: unknown or withheld).</summary>
    public long? Read(Component component, int row)
    {
        var rule = Slot(component).Rule;
        if (rule == CellRule.Withhold)
        {
            return null;
        }
        var raw = Raw(component, row);
        if (rule == CellRule.Exact || raw is not { } count)
        {
            return raw;
        }
        return _table!.Perturb(count, Key(component, row));
    }

    /// <summary>
    /// The synthetic and all participation rows of store row <paramref name="row"/> as the synthetic share may use them:
    /// each perturbed with the cell key of exactly those records wherever the policy perturbs participations, exact
    /// otherwise (whole editions, internal). A cell of only synthetic (or only real) records has the same key for both
    /// counts, so it keeps a share of exactly 1 (or 0).
    /// </summary>
    public (long Synthetic, long Read) ShareCounts(int row)
    {
        var perturb = _plan.Rule(Components.Participations) == CellRule.Perturb;
        long Count(Component component)
        {
            var raw = Raw(component, row) ?? 0;
            return perturb ? _table!.Perturb(raw, Key(component, row)) : raw;
        }
        return (Count(Components.Synthetic), Count(Components.Participations));
    }

    private (CellRule Rule, int Value, int Key) Slot(Component component)
    {
        if (!_slots.TryGetValue(component, out var slot))
        {
            var components = _plan.ComponentList;
            slot = (_plan.Rule(component),
                ComponentColumns.IndexOf(components, component),
                component.CellKey is { } key ? ComponentColumns.IndexOf(components, key) : -1);
            _slots[component] = slot;
        }
        return slot;
    }

    private long? Raw(Component component, int row)
    {
        if (component.Difference is { } d)
        {
            return Raw(d.Whole, row) is { } whole && Raw(d.Part, row) is { } part ? whole - part : null;
        }
        var at = Slot(component).Value;
        return at < 0 ? null : ComponentColumns.ReadLong(_columns[at], row);
    }

    /// <summary>The cell key of the records <paramref name="component"/> counts: keys add, so a difference's key is the difference of its parts' keys.</summary>
    private long Key(Component component, int row)
    {
        if (component.Difference is { } d)
        {
            return Key(d.Whole, row) - Key(d.Part, row);
        }
        var at = Slot(component).Key;
        // The plan computes keys only for the counts its measures name; a measure reading another perturbed count is a
        // model bug, and must fail rather than publish a count without its noise.
        return at < 0
            ? throw new InvalidOperationException($"no cell key was computed for '{component.Key}'; list it among the measure's components.")
            : ComponentColumns.ReadLong(_columns[at], row) ?? 0;
    }
}
