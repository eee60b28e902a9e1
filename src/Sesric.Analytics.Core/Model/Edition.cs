namespace Sesric.Analytics.Model;

/// <summary>One edition (session, course) of a programme.</summary>
/// <remarks>
/// Invariants: <see cref="Year"/> lies in 1969–2100 and equals the start date's year where dates are
/// known; <see cref="Dates"/> cannot end before it starts (enforced by <see cref="DateRange"/>).
/// Where a source does not give a fact, it stays null (or <see cref="Modality.Unknown"/>): the model never
/// fills a gap with a guess.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Edition
{
    /// <summary>Builds an edition, checking its invariants.</summary>
    public Edition(
        EditionId id,
        int year,
        DateRange? dates,
        Modality modality,
        string? hostCity,
        CountryCode? hostCountry,
        IReadOnlyList<string> partners,
        string? theme,
        PublishedTotals published,
        string? notes = null)
    {
        Preconditions.CheckRange(year, 1969, 2100);
        if (dates is { } d && d.Start.Year != year)
        {
            throw new ArgumentException($"year ({year}) must equal the start date's year ({d.Start.Year}).", nameof(year));
        }
        Id = id;
        Year = year;
        Dates = dates;
        Modality = modality;
        HostCity = string.IsNullOrWhiteSpace(hostCity) ? null : hostCity.Trim();
        HostCountry = hostCountry;
        Partners = partners.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToArray();
        Theme = string.IsNullOrWhiteSpace(theme) ? null : theme.Trim();
        Published = published;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes;
    }

    /// <summary>The programme and edition number.</summary>
    public EditionId Id { get; }

    /// <summary>The programme this edition belongs to.</summary>
    public ProgrammeId Programme => Id.Programme;

    /// <summary>The edition number within its programme (1 = first).</summary>
    public int Number => Id.Number;

    /// <summary>The calendar year it was held.</summary>
    public int Year { get; }

    /// <summary>First and last day, where known.</summary>
    public DateRange? Dates { get; }

    /// <summary>In person, virtual or hybrid.</summary>
    public Modality Modality { get; }

    /// <summary>The host city, where known.</summary>
    public string? HostCity { get; }

    /// <summary>The host country, where known.</summary>
    public CountryCode? HostCountry { get; }

    /// <summary>Partner institutions, in the order the source names them.</summary>
    public IReadOnlyList<string> Partners { get; }

    /// <summary>The theme or title, where known.</summary>
    public string? Theme { get; }

    /// <summary>The published totals with their source.</summary>
    public PublishedTotals Published { get; }

    /// <summary>Provenance notes (how a figure was read or deduced).</summary>
    public string? Notes { get; }

    /// <summary>
    /// The day membership is judged on (for coverage and for counting represented member states):
    /// the start date, else 1 July of the year when the dates are unknown.
    /// </summary>
    public DateOnly ReferenceDate => Dates?.Start ?? new DateOnly(Year, 7, 1);
}
