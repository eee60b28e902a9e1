namespace Sesric.Analytics.Model;

/// <summary>An OIC member or observer state.</summary>
/// <remarks>
/// Membership on a day is judged by <see cref="IsMemberOn"/>: a member from 1 January of its accession
/// year, except during its suspensions. Observers are never members. Coverage ratios and the
/// "member states represented" count use this, so Syria's participants in 2012–2025 count as
/// participants from a suspended member, not as a represented member state.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Country
{
    /// <summary>Builds a country, checking that member-only facts are not given for observers.</summary>
    public Country(
        CountryCode code,
        CountryKind kind,
        LocalizedText name,
        int? accessionYear,
        OicGroup group = OicGroup.Unknown,
        GroupBasis groupBasis = GroupBasis.Unknown,
        IReadOnlyList<MembershipSuspension>? suspensions = null,
        int? observerSince = null,
        string? sourceUrl = null,
        string? notes = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "kind must be Member or Observer.");
        }
        if (kind == CountryKind.Member && accessionYear is null)
        {
            throw new ArgumentException("accessionYear is required for a member state.", nameof(accessionYear));
        }
        if (accessionYear is { } y)
        {
            Preconditions.CheckRange(y, 1969, 2100, nameof(accessionYear));
        }
        if (group == OicGroup.Unknown && groupBasis != GroupBasis.Unknown)
        {
            throw new ArgumentException("groupBasis must be Unknown when the group is unknown.", nameof(groupBasis));
        }
        Code = code;
        Kind = kind;
        Name = name;
        AccessionYear = accessionYear;
        Group = group;
        GroupBasis = groupBasis;
        Suspensions = suspensions?.OrderBy(s => s.From).ToArray() ?? [];
        ObserverSince = observerSince;
        SourceUrl = sourceUrl;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes;
    }

    /// <summary>The ISO 3166 alpha-3 code.</summary>
    public CountryCode Code { get; }

    /// <summary>Member or observer.</summary>
    public CountryKind Kind { get; }

    /// <summary>The name in English, Arabic and French.</summary>
    public LocalizedText Name { get; }

    /// <summary>The year it joined the OIC (members only).</summary>
    public int? AccessionYear { get; }

    /// <summary>The OIC geographic group (members only).</summary>
    public OicGroup Group { get; }

    /// <summary>How <see cref="Group"/> is known.</summary>
    public GroupBasis GroupBasis { get; }

    /// <summary>Periods of suspended membership, in date order.</summary>
    public IReadOnlyList<MembershipSuspension> Suspensions { get; }

    /// <summary>The year it became an observer (observers only).</summary>
    public int? ObserverSince { get; }

    /// <summary>Where the facts were read.</summary>
    public string? SourceUrl { get; }

    /// <summary>Provenance notes.</summary>
    public string? Notes { get; }

    /// <summary>Whether this is a member state in good standing on <paramref name="day"/>.</summary>
    public bool IsMemberOn(DateOnly day) =>
        Kind == CountryKind.Member
        && AccessionYear is { } y && day.Year >= y
        && !Suspensions.Any(s => s.Covers(day));
}
