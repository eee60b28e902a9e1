using Sesric.Analytics.Model;

namespace Sesric.Analytics.StoreConformance;

/// <summary>
/// A small catalogue and registry whose statistics are known by hand: the file import's conformance cases and the DuckDB
/// store's own tests are written against it.
/// </summary>
public static class SmallRegistry
{
    public static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");
    public static readonly ProgrammeId Statistics = ProgrammeId.Parse("stat-cab");

    /// <summary>Diplomacy-CaB 2015 (Syria suspended), 2020 (virtual), and Stat-CaB 1 (no registry).</summary>
    public static readonly EditionId D1 = EditionId.Of(Diplomacy, 1);
    public static readonly EditionId D2 = EditionId.Of(Diplomacy, 2);
    public static readonly EditionId S1 = EditionId.Of(Statistics, 1);

    public static IReadOnlyList<Programme> Programmes { get; } =
    [
        new(Diplomacy, new LocalizedText("Capacity Building Programme for Diplomats (Diplomacy-CaB)", "برنامج بناء القدرات للدبلوماسيين", "Programme CaB diplomatie"), 2015, "https://example.org/dip"),
        new(Statistics, new LocalizedText("Statistical Capacity Building (Stat-CaB)"), null),
    ];

    public static IReadOnlyList<Country> Countries { get; } =
    [
        new(CountryCode.Parse("TUR"), CountryKind.Member, new LocalizedText("Türkiye", "تركيا", "Turquie"), 1969, OicGroup.Asian, GroupBasis.Read),
        new(CountryCode.Parse("EGY"), CountryKind.Member, new LocalizedText("Egypt"), 1969, OicGroup.Arab, GroupBasis.Inferred),
        new(CountryCode.Parse("MYS"), CountryKind.Member, new LocalizedText("Malaysia"), 1969, OicGroup.Asian, GroupBasis.Read),
        new(CountryCode.Parse("SYR"), CountryKind.Member, new LocalizedText("Syria"), 1972, OicGroup.Arab, GroupBasis.Read,
            [new MembershipSuspension(new DateOnly(2012, 8, 15), new DateOnly(2025, 3, 7))], notes: "suspended 2012-2025"),
        new(CountryCode.Parse("BIH"), CountryKind.Observer, new LocalizedText("Bosnia and Herzegovina"), null, observerSince: 1994),
    ];

    public static IReadOnlyList<Edition> Editions { get; } =
    [
        new(D1, 2015, new DateRange(new DateOnly(2015, 3, 2), new DateOnly(2015, 3, 6)), Modality.InPerson, "Ankara", CountryCode.Parse("TUR"),
            ["SESRIC", "Diplomacy Academy"], "Multilateral diplomacy", new PublishedTotals(6, 3, "https://example.org/d1"), "read from the news item"),
        new(D2, 2020, new DateRange(new DateOnly(2020, 9, 14), new DateOnly(2020, 9, 17)), Modality.Virtual, null, null,
            [], null, new PublishedTotals(81, 29, "https://example.org/d2", ParticipantsIsLowerBound: true)),
        new(S1, 2019, null, Modality.Unknown, null, null, [], null, PublishedTotals.None),
    ];

    public static Catalogue Catalogue { get; } = new(Programmes, Editions, Countries);

    public static Participation Row(string participant, string country, EditionId edition, AttendanceStatus status = AttendanceStatus.Attended,
        Gender gender = Gender.Female, string? institution = null, bool synthetic = false) =>
        Catalogue.CreateParticipation(
            Catalogue.CreateParticipant(ParticipantId.Parse(participant), CountryCode.Parse(country), gender, institution, synthetic),
            edition, status, synthetic);

    /// <summary>
    /// Diplomacy-CaB 1 (2015): p1 TUR, p2 EGY, p3 EGY, p4 SYR (suspended), p5 BIH (observer), p6 MYS no-show.
    /// Counted participants 5; member states represented 2 (TUR, EGY); observer or suspended participants 2.
    /// Diplomacy-CaB 2 (2020): p1 TUR, p4 SYR (suspended until 2025: still not counted), p7 MYS completed.
    /// Counted 3; member states 2 (TUR, MYS); observer or suspended 1.
    /// </summary>
    public static IReadOnlyList<Participation> Registry { get; } =
    [
        Row("p1", "TUR", D1, institution: "mfa"),
        Row("p2", "EGY", D1, gender: Gender.Male),
        Row("p3", "EGY", D1, gender: Gender.Unknown),
        Row("p4", "SYR", D1),
        Row("p5", "BIH", D1, gender: Gender.Male),
        Row("p6", "MYS", D1, AttendanceStatus.NoShow),
        Row("p1", "TUR", D2, institution: "mfa"),
        Row("p4", "SYR", D2),
        Row("p7", "MYS", D2, AttendanceStatus.Completed),
    ];
}
