namespace Sesric.Analytics.Semantic;

/// <summary>
/// The closed set of aggregates a model's base measures are computed by, each of a documented kind (see
/// <see cref="Kinds"/>). A model file chooses one by name; adding one is a code change because it is SQL.
/// </summary>
internal static class MeasureAggregates
{
    /// <summary>
    /// The kinds of base measure: <c>count</c> (rows), <c>count_distinct</c> (distinct things), <c>sum</c> (of a stored
    /// figure), <c>ratio</c> (of two counts), <c>share</c> (a part of a whole, within 0–100 %) and <c>single_value</c> (a
    /// figure of the row's only edition). Time intelligence applies to any measure as <c>yoy_change(m)</c> and so on.
    /// </summary>
    public static IReadOnlyList<string> Kinds { get; } = ["count", "count_distinct", "sum", "ratio", "share", "single_value"];

    /// <summary>The aggregates, in documentation order.</summary>
    public static IReadOnlyList<MeasureAggregate> All { get; } =
    [
        new("distinct_people", "count_distinct", FactSource.Registry, true,
            [Components.People], get => get(Components.People))
        {
            RestrictableCount = Components.People,
        },
        new("participations", "count", FactSource.Registry, true,
            [Components.Participations], get => get(Components.Participations))
        {
            RestrictableCount = Components.Participations,
        },
        new("distinct_editions", "count_distinct", FactSource.Registry, true,
            [Components.Editions], get => get(Components.Editions)),
        new("distinct_member_states", "count_distinct", FactSource.Registry, true,
            [Components.MemberStates], get => get(Components.MemberStates)),
        new("member_state_coverage", "ratio", FactSource.Registry, false,
            [Components.MemberStates, Components.EligibleStates],
            get => Ratio(get(Components.MemberStates), get(Components.EligibleStates))),
        new("female_share", "share", FactSource.Registry, false,
            [Components.Women, Components.Men],
            get => Ratio(get(Components.Women), get(Components.Women) + get(Components.Men))),
        new("participations_per_edition", "ratio", FactSource.Registry, false,
            [Components.Participations, Components.Editions],
            get => Ratio(get(Components.Participations), get(Components.Editions))),
        new("distinct_new_member_states", "count_distinct", FactSource.Registry, true,
            [Components.NewMemberStates], get => get(Components.NewMemberStates)),
        new("returning_share", "share", FactSource.Registry, false,
            [Components.Returning, Components.People, Components.FirstTime],
            get => Ratio(get(Components.Returning), get(Components.Returning) + get(Components.FirstTime))),
        new("published_participants", "sum", FactSource.Published, true,
            [Components.PublishedParticipants, Components.PublishedParticipantsKnown, Components.EditionsHeld],
            get => get(Components.PublishedParticipantsKnown) is { } known && known > 0 && known == get(Components.EditionsHeld)
                ? get(Components.PublishedParticipants) : null),
        new("published_member_states", "single_value", FactSource.Published, true,
            [Components.PublishedMemberStates, Components.PublishedMemberStatesKnown, Components.EditionsHeld],
            get => get(Components.EditionsHeld) == 1 && get(Components.PublishedMemberStatesKnown) == 1
                ? get(Components.PublishedMemberStates) : null),
    ];

    /// <summary>Finds an aggregate by the name a model file gives.</summary>
    public static MeasureAggregate? Find(string name) => All.FirstOrDefault(a => a.Name == name);

    private static object? Ratio(long? numerator, long? denominator) =>
        numerator is { } n && denominator is { } d && d != 0 ? (double)n / d : null;
}
