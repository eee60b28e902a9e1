using Sesric.Analytics.Model;

namespace Sesric.Analytics.Application.Coverage;

/// <summary>Which eligible member states one programme reached in one year.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="Year">The calendar year of its editions.</param>
/// <param name="Editions">The programme's editions that year, by number.</param>
/// <param name="HasRegistry">Whether any of those editions has participant rows (else only published totals exist).</param>
/// <param name="EligibleCount">Member states in good standing on the date of any of those editions.</param>
/// <param name="RepresentedCount">Eligible states with at least one counted participant.</param>
/// <param name="Groups">The eligible states by OIC group: African, Arab, Asian, then unknown.</param>
public sealed record ProgrammeYearCoverage(
    ProgrammeId Programme,
    int Year,
    IReadOnlyList<EditionId> Editions,
    bool HasRegistry,
    int EligibleCount,
    int RepresentedCount,
    IReadOnlyList<GroupCoverage> Groups)
{
    /// <summary>The share of eligible states represented, 0 to 1 (0 when none was eligible).</summary>
    public double Share => EligibleCount == 0 ? 0 : (double)RepresentedCount / EligibleCount;
}
