namespace Sesric.Analytics.Semantic;

/// <summary>
/// A registry component as the two-level statement computes it (see <see cref="TwoLevelSql"/>): the inner level has one row
/// per person in each cell, carrying that person's row count, record key and, per condition, whether any of their rows
/// (or how many) meet it; the outer level adds these up per cell with plain sums, no distinct aggregate and no FILTER.
/// </summary>
/// <param name="Aggregate">What the outer level computes.</param>
/// <param name="Condition">
/// A condition on a fact row (fixed SQL over <c>f</c>, and <c>fs</c> or <c>fp</c> for history measures; a user measure's values
/// as <c>{p0}</c>… placeholders), or null for every row.
/// </param>
/// <param name="FalseOnOnlyRow">
/// Whether <paramref name="Condition"/> is false on a person's only counted row (<c>is_single</c>): a row after the person's
/// first edition of its programme cannot be their only one. Such rows then need no history join.
/// </param>
internal sealed record PersonForm(PersonAggregate Aggregate, string? Condition = null, bool FalseOnOnlyRow = false);

/// <summary>What the outer level of the two-level statement computes for a component.</summary>
internal enum PersonAggregate
{
    /// <summary>The people with a row meeting the condition: the number of inner rows whose flag is set.</summary>
    People,

    /// <summary>The sum of those people's record keys (the cell key of <see cref="People"/> before reduction).</summary>
    PeopleKey,

    /// <summary>The fact rows meeting the condition: the sum of the inner rows' counts.</summary>
    Rows,

    /// <summary>The sum of those rows' record keys: each person's key times their count (a participation's key is its person's).</summary>
    RowsKey,

    /// <summary>The member states with a row meeting the condition: distinct states of the flagged inner rows (a person's state is fixed).</summary>
    States,

    /// <summary>The editions: one per cell when grouped by edition; otherwise not expressible per person (the query keeps the one-level statement).</summary>
    Editions,
}
