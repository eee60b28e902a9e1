namespace Sesric.Analytics.Semantic;

/// <summary>
/// One aggregate the database computes per result row, such as the number of distinct participants;
/// measures share components, so a component is computed once however many measures use it.
/// </summary>
/// <param name="Key">The SQL column alias (a fixed identifier).</param>
/// <param name="Source">Which table the aggregate runs over.</param>
/// <param name="Sql">The aggregate expression (fixed text).</param>
/// <param name="Join">A helper relation the fact rows must be joined to, or none.</param>
/// <param name="SqlWithinEdition">
/// An equivalent, cheaper expression valid when every result row lies within one edition (the query is
/// grouped by edition): a person has at most one participation per edition, so distinct people are rows.
/// </param>
/// <param name="SqlWithinYear">
/// An equivalent, cheaper expression valid when every result row lies within one year (the query is grouped by
/// year): a person whose only counted row that year is in the row (<c>is_single_in_year</c>) has no other row in
/// it and none in a distinct count, so is counted as a row; a person with several rows that year is counted by
/// the distinct count over such rows, once per result row as before.
/// </param>
/// <param name="SqlWithinState">
/// An equivalent, cheaper expression valid when every result row lies within one member state (grouped by
/// member_state): a distinct count of states is then 0 or 1.
/// </param>
/// <param name="Protection">How the public policy treats the component's value.</param>
/// <param name="CellKey">For a perturbed count, the component that computes its cell key (the sum of its records' record keys, modulo 2^24).</param>
internal sealed record Component(
    string Key,
    ComponentSource Source,
    string Sql,
    HelperJoin Join = HelperJoin.None,
    string? SqlWithinEdition = null,
    string? SqlWithinState = null,
    string? SqlWithinYear = null,
    ComponentProtection Protection = ComponentProtection.Exact,
    Component? CellKey = null)
{
    /// <summary>
    /// For a component computed from two others rather than by the database (<see cref="Sql"/> is then empty):
    /// the whole and the part it subtracts, for both the count and the cell key (a cell key of a subset is the
    /// difference of the keys, since keys add).
    /// </summary>
    public (Component Whole, Component Part)? Difference { get; init; }

    /// <summary>
    /// A person's token for cell keys: unique per person (their integer key, shifted) with their record key in the low
    /// 24 bits, so a sum of distinct tokens is, modulo 2^24, the sum of the distinct people's record keys.
    /// </summary>
    public const string PersonToken = "(CAST(f.participant_key AS BIGINT) * 16777216 + f.record_key)";

    private const string DistinctPeople = "COUNT(DISTINCT f.participant_key)";

    /// <summary>
    /// For a perturbed count of distinct people: <see cref="Sql"/> or <see cref="SqlWithinYear"/> with the distinct count of
    /// person keys made a distinct count of person tokens, so the count and its cell key's <c>SUM(DISTINCT token)</c>
    /// aggregate the same expression (DuckDB can then share one distinct hash table between them). The same number:
    /// a token identifies its person.
    /// </summary>
    public string OverTokens(string sql) => sql.Replace(DistinctPeople, $"COUNT(DISTINCT {PersonToken})", StringComparison.Ordinal);

    /// <summary>
    /// The values of the <c>{p0}</c>, <c>{p1}</c>… placeholders in this component's SQL (a user measure's restriction,
    /// such as the <c>"completed"</c> of <c>participants[attendance = "completed"]</c>, already checked and normalised by its
    /// dimension); the compiler sends them as statement parameters. Empty for built-in components, whose SQL is fixed.
    /// </summary>
    public IReadOnlyList<object>? Parameters { get; init; }

    /// <summary>
    /// How the component is computed in the two-level statement (see <see cref="PersonForm"/>); null for a component that has
    /// no such form, whose queries keep the one-level statement.
    /// </summary>
    public PersonForm? Person { get; init; }

    /// <summary>Whether the database computes the component (every component but a <see cref="Difference"/>).</summary>
    public bool IsComputedInSql => Difference is null;
}

/// <summary>How the public policy treats a component's value.</summary>
internal enum ComponentProtection
{
    /// <summary>Published facts and counts that reveal no person (published totals, eligible states, metadata): always exact.</summary>
    Exact,

    /// <summary>
    /// A count of people or participations: perturbed by the cell key method, except in a query made only of edition
    /// attributes, whose cells are whole editions and their published totals.
    /// </summary>
    Records,

    /// <summary>A count of the people in the cell with a given attribute (women, returning participants): always perturbed.</summary>
    RecordSubset,

    /// <summary>A count of editions or member states: exact, but withheld when the query depends on a person's attribute.</summary>
    Units,

    /// <summary>
    /// A cell key: never shown, only read to perturb its count. Its SQL is the sum of its records' keys (never negative);
    /// the compiler reduces it modulo 2^24 in the dialect's form (<see cref="SqlDialect.CellKey"/>).
    /// </summary>
    Key,
}

/// <summary>The relations components aggregate over.</summary>
internal enum ComponentSource
{
    /// <summary><c>participation_fact f</c>, counted rows, filtered.</summary>
    Registry,

    /// <summary><c>edition e</c>, filtered.</summary>
    Edition,

    /// <summary>Pairs of an edition with registry data and a state that was a member on its reference date (<c>e</c>, <c>c</c>).</summary>
    Membership,
}

/// <summary>Relations joined to the fact rows for history-dependent measures.</summary>
internal enum HelperJoin
{
    None,

    /// <summary><c>first_state</c>: the first edition at which each member state was represented in each programme.</summary>
    FirstStateEdition,

    /// <summary><c>first_person</c>: the first edition each participant attended in each programme.</summary>
    FirstPersonEdition,
}
