namespace Sesric.Analytics.Semantic;

/// <summary>The aggregate components the built-in measures are made of (fixed SQL, never user input).</summary>
internal static class Components
{
    /// <summary>See <see cref="Component.PersonToken"/>.</summary>
    private const string Token = Component.PersonToken;

    /// <summary>A fact row after the person's first edition of the programme (joined as <c>fp</c>).</summary>
    private const string ReturningCondition = "f.edition_number > fp.first_edition";

    /// <summary>The cell key of the distinct people counted by a people component restricted by <paramref name="condition"/> (SQL, or null).</summary>
    internal static Component PeopleKey(string key, string? condition)
    {
        var and = condition is null ? "" : " AND " + condition;
        var where = condition is null ? "" : " FILTER (WHERE " + condition + ")";
        return new(
            key, ComponentSource.Registry,
            $"COALESCE(SUM(f.record_key) FILTER (WHERE f.is_single{and}), 0) + COALESCE(SUM(DISTINCT {Token}) FILTER (WHERE NOT f.is_single{and}), 0)",
            SqlWithinEdition: $"COALESCE(SUM(f.record_key){where}, 0)",
            SqlWithinYear: $"COALESCE(SUM(f.record_key) FILTER (WHERE f.is_single_in_year{and}), 0) + COALESCE(SUM(DISTINCT {Token}) FILTER (WHERE NOT f.is_single_in_year{and}), 0)",
            Protection: ComponentProtection.Key)
        {
            Person = new PersonForm(PersonAggregate.PeopleKey, condition),
        };
    }

    public static readonly Component PeopleKeySum = PeopleKey("people_key", null);

    public static readonly Component WomenKeySum = PeopleKey("women_key", "f.gender = 'female'");

    public static readonly Component MenKeySum = PeopleKey("men_key", "f.gender = 'male'");

    /// <summary>A participation's record key is its person's: within one edition a cell's participations and people are the same records, and get the same value.</summary>
    public static readonly Component ParticipationsKeySum = new("participations_key", ComponentSource.Registry, "COALESCE(SUM(f.record_key), 0)", Protection: ComponentProtection.Key)
    {
        Person = new PersonForm(PersonAggregate.RowsKey),
    };

    public static readonly Component ReturningKeySum = new(
        "returning_key", ComponentSource.Registry,
        $"COALESCE(SUM(DISTINCT CASE WHEN f.edition_number > fp.first_edition THEN {Token} END), 0)",
        HelperJoin.FirstPersonEdition,
        SqlWithinEdition: "COALESCE(SUM(CASE WHEN f.edition_number > fp.first_edition THEN f.record_key END), 0)",
        Protection: ComponentProtection.Key)
    {
        Person = new PersonForm(PersonAggregate.PeopleKey, ReturningCondition, FalseOnOnlyRow: true),
    };

    /// <summary>
    /// Distinct participants with a counted participation: also the disclosure count of a row. A person whose only
    /// counted participation is in the row (<c>is_single</c>) is counted without hashing; see migrations 004 and 005.
    /// </summary>
    /// <remarks>
    /// Conditions are written as <c>FILTER</c> clauses rather than <c>CASE</c> inside the aggregate: DuckDB then drops
    /// the rows before the distinct count's hash table sees them (measured: a third less time per statistic).
    /// </remarks>
    public static readonly Component People = new(
        "people", ComponentSource.Registry,
        "COUNT(*) FILTER (WHERE f.is_single) + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single)",
        SqlWithinEdition: "COUNT(*)",
        SqlWithinYear: "COUNT(*) FILTER (WHERE f.is_single_in_year) + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single_in_year)",
        Protection: ComponentProtection.Records,
        CellKey: PeopleKeySum)
    {
        Person = new PersonForm(PersonAggregate.People),
    };

    public static readonly Component Participations = new("participations", ComponentSource.Registry, "COUNT(*)", Protection: ComponentProtection.Records, CellKey: ParticipationsKeySum)
    {
        Person = new PersonForm(PersonAggregate.Rows),
    };

    public static readonly Component Editions = new("editions", ComponentSource.Registry, "COUNT(DISTINCT f.programme_id || '/' || CAST(f.edition_number AS VARCHAR))", SqlWithinEdition: "CAST(1 AS BIGINT)", Protection: ComponentProtection.Units)
    {
        Person = new PersonForm(PersonAggregate.Editions),
    };

    public static readonly Component MemberStates = new("member_states", ComponentSource.Registry, "COUNT(DISTINCT f.iso3) FILTER (WHERE f.counts_as_member)", SqlWithinState: "MAX(CASE WHEN f.counts_as_member THEN 1 ELSE 0 END)", Protection: ComponentProtection.Units)
    {
        Person = new PersonForm(PersonAggregate.States, "f.counts_as_member"),
    };

    public static readonly Component Women = new(
        "women", ComponentSource.Registry,
        "COUNT(*) FILTER (WHERE f.is_single AND f.gender = 'female') + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single AND f.gender = 'female')",
        SqlWithinEdition: "COUNT(*) FILTER (WHERE f.gender = 'female')",
        SqlWithinYear: "COUNT(*) FILTER (WHERE f.is_single_in_year AND f.gender = 'female') + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single_in_year AND f.gender = 'female')",
        Protection: ComponentProtection.RecordSubset,
        CellKey: WomenKeySum)
    {
        Person = new PersonForm(PersonAggregate.People, "f.gender = 'female'"),
    };

    public static readonly Component Men = new(
        "men", ComponentSource.Registry,
        "COUNT(*) FILTER (WHERE f.is_single AND f.gender = 'male') + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single AND f.gender = 'male')",
        SqlWithinEdition: "COUNT(*) FILTER (WHERE f.gender = 'male')",
        SqlWithinYear: "COUNT(*) FILTER (WHERE f.is_single_in_year AND f.gender = 'male') + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single_in_year AND f.gender = 'male')",
        Protection: ComponentProtection.RecordSubset,
        CellKey: MenKeySum)
    {
        Person = new PersonForm(PersonAggregate.People, "f.gender = 'male'"),
    };

    public static readonly Component NewMemberStates = new(
        "new_member_states", ComponentSource.Registry,
        "COUNT(DISTINCT CASE WHEN f.counts_as_member AND f.edition_number = fs.first_edition THEN f.iso3 END)",
        HelperJoin.FirstStateEdition,
        SqlWithinState: "MAX(CASE WHEN f.counts_as_member AND f.edition_number = fs.first_edition THEN 1 ELSE 0 END)",
        Protection: ComponentProtection.Units)
    {
        Person = new PersonForm(PersonAggregate.States, "f.counts_as_member AND f.edition_number = fs.first_edition"),
    };

    public static readonly Component Returning = new(
        "returning", ComponentSource.Registry,
        "COUNT(DISTINCT CASE WHEN f.edition_number > fp.first_edition THEN f.participant_key END)",
        HelperJoin.FirstPersonEdition,
        SqlWithinEdition: "COUNT(CASE WHEN f.edition_number > fp.first_edition THEN 1 END)",
        Protection: ComponentProtection.RecordSubset,
        CellKey: ReturningKeySum)
    {
        Person = new PersonForm(PersonAggregate.People, ReturningCondition, FalseOnOnlyRow: true),
    };

    /// <summary>
    /// Distinct participants none of whose participations in the row came after an earlier one in the programme:
    /// people minus returning, in C#. Its cell key is the people's key minus the returning people's, so a share of
    /// returning participants is built from two protected counts of disjoint sets and stays within 0-100 %.
    /// </summary>
    public static readonly Component FirstTime = new("first_time", ComponentSource.Registry, "", Protection: ComponentProtection.RecordSubset)
    {
        Difference = (People, Returning),
    };

    /// <summary>
    /// The count <paramref name="count"/> (<see cref="People"/> or <see cref="Participations"/>) restricted to the fact rows
    /// matching <paramref name="condition"/> (fixed SQL over <c>f</c> whose values are <c>{p0}</c>… placeholders for
    /// <paramref name="parameters"/>), for a user measure such as <c>participants[attendance = "completed"]</c>: a count of a
    /// subset of the cell's records, so always perturbed under the public policy, with the cell key of exactly those records.
    /// </summary>
    /// <remarks>Built as <see cref="Women"/> is, with the condition in every form's <c>FILTER</c> clauses.</remarks>
    internal static Component Restricted(Component count, string key, string condition, IReadOnlyList<object> parameters)
    {
        if (ReferenceEquals(count, People))
        {
            return new Component(
                key, ComponentSource.Registry,
                $"COUNT(*) FILTER (WHERE f.is_single AND {condition}) + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single AND {condition})",
                SqlWithinEdition: $"COUNT(*) FILTER (WHERE {condition})",
                SqlWithinYear: $"COUNT(*) FILTER (WHERE f.is_single_in_year AND {condition}) + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single_in_year AND {condition})",
                Protection: ComponentProtection.RecordSubset,
                CellKey: PeopleKey(key + "_key", condition) with { Parameters = parameters })
            {
                Parameters = parameters,
                Person = new PersonForm(PersonAggregate.People, condition),
            };
        }
        if (ReferenceEquals(count, Participations))
        {
            var key_ = new Component(key + "_key", ComponentSource.Registry, $"COALESCE(SUM(f.record_key) FILTER (WHERE {condition}), 0)", Protection: ComponentProtection.Key)
            {
                Parameters = parameters,
                Person = new PersonForm(PersonAggregate.RowsKey, condition),
            };
            return new Component(key, ComponentSource.Registry, $"COUNT(*) FILTER (WHERE {condition})", Protection: ComponentProtection.RecordSubset, CellKey: key_)
            {
                Parameters = parameters,
                Person = new PersonForm(PersonAggregate.Rows, condition),
            };
        }
        throw new ArgumentException($"only people and participation counts can be restricted, not {count.Key}", nameof(count));
    }

    /// <summary>
    /// The records of <paramref name="whole"/> that <paramref name="part"/> (a restriction of it) leaves out, computed in C#
    /// as their difference with the difference of their cell keys (as <see cref="FirstTime"/> is), so a share of
    /// <paramref name="part"/> divides two perturbed counts of disjoint sets and stays within 0–100 %.
    /// </summary>
    internal static Component Rest(Component whole, Component part, string key) =>
        new(key, ComponentSource.Registry, "", Protection: ComponentProtection.RecordSubset) { Difference = (whole, part) };

    /// <summary>The cell key of the synthetic participation rows: the synthetic share is published from their protected count.</summary>
    public static readonly Component SyntheticKeySum = new("synthetic_key", ComponentSource.Registry, "COALESCE(SUM(f.record_key) FILTER (WHERE f.is_synthetic), 0)", Protection: ComponentProtection.Key)
    {
        Person = new PersonForm(PersonAggregate.RowsKey, "f.is_synthetic"),
    };

    /// <summary>
    /// Synthetic participation rows behind the row (for the metadata's synthetic share). Never shown as a figure, so its
    /// rule stays exact (it does not make a query's figures protected); the share reads it through
    /// <see cref="CellProtection.ShareCounts"/>, perturbed with its own key wherever participations are.
    /// </summary>
    public static readonly Component Synthetic = new("synthetic", ComponentSource.Registry, "COUNT(*) FILTER (WHERE f.is_synthetic)", CellKey: SyntheticKeySum)
    {
        Person = new PersonForm(PersonAggregate.Rows, "f.is_synthetic"),
    };

    public static readonly Component EligibleStates = new("eligible_states", ComponentSource.Membership, "COUNT(DISTINCT c.iso3)", Protection: ComponentProtection.Units);

    public static readonly Component EditionsHeld = new("editions_held", ComponentSource.Edition, "COUNT(*)");

    public static readonly Component PublishedParticipants = new("published_participants", ComponentSource.Edition, "CAST(SUM(e.published_participants) AS BIGINT)");

    public static readonly Component PublishedParticipantsKnown = new("published_participants_known", ComponentSource.Edition, "COUNT(e.published_participants)");

    public static readonly Component PublishedMemberStates = new("published_member_states", ComponentSource.Edition, "CAST(MAX(e.published_member_states) AS BIGINT)");

    public static readonly Component PublishedMemberStatesKnown = new("published_member_states_known", ComponentSource.Edition, "COUNT(e.published_member_states)");
}
