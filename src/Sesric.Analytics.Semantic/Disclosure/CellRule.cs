namespace Sesric.Analytics.Semantic;

/// <summary>How one component's value is shown in a query's result (see <see cref="QueryPlan.Rule"/>).</summary>
internal enum CellRule
{
    /// <summary>As computed.</summary>
    Exact,

    /// <summary>Through the perturbation table, with the cell key of the records counted.</summary>
    Perturb,

    /// <summary>Not shown: every measure built on it is withheld.</summary>
    Withhold,
}
