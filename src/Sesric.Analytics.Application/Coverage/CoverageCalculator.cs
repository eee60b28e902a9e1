using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Application.Coverage;

/// <summary>
/// Coverage per programme and year: which member states were represented, which eligible ones were
/// not, and which were never represented in the programme up to that year, by OIC group. Pure logic
/// over the catalogue and the represented (programme, year, member state) triples the engine counted.
/// </summary>
/// <remarks>
/// A state is eligible in a year when it was a member in good standing on the reference date of any of
/// the programme's editions that year (Syria is not eligible during its 2012-2025 suspension). Groups
/// are listed African, Arab, Asian, then unknown; codes within a group in ISO order.
/// </remarks>
public static class CoverageCalculator
{
    /// <summary>Computes the coverage entries.</summary>
    /// <param name="catalogue">Programmes, editions and countries.</param>
    /// <param name="represented">(programme, year, member state) triples with at least one counted participant from a member in good standing.</param>
    /// <param name="editionsWithRegistry">Editions with any registry rows.</param>
    /// <param name="programme">Only this programme, or null for all.</param>
    /// <param name="year">Only this year, or null for all.</param>
    /// <param name="scope">The programmes and member states the caller may see (default: all); others are left out.</param>
    public static IReadOnlyList<ProgrammeYearCoverage> Compute(
        Catalogue catalogue,
        IEnumerable<(ProgrammeId Programme, int Year, CountryCode Country)> represented,
        IReadOnlySet<EditionId> editionsWithRegistry,
        ProgrammeId? programme,
        int? year,
        DataScope? scope = null)
    {
        scope ??= DataScope.All;
        var reached = represented.ToLookup(r => (r.Programme, r.Year), r => r.Country);
        var result = new List<ProgrammeYearCoverage>();
        foreach (var byProgramme in catalogue.Editions.Where(e => (programme is null || e.Programme == programme) && scope.Allows(e.Programme)).GroupBy(e => e.Programme).OrderBy(g => g.Key))
        {
            var everReached = new HashSet<CountryCode>();
            foreach (var byYear in byProgramme.GroupBy(e => e.Year).OrderBy(g => g.Key))
            {
                var thisYear = reached[(byProgramme.Key, byYear.Key)].ToHashSet();
                everReached.UnionWith(thisYear);
                if (year is { } only && byYear.Key != only)
                {
                    continue;
                }
                // A scope of member states sees its own states only: eligible, represented or not.
                var eligible = catalogue.MemberStates
                    .Where(c => scope.AllowsMemberState(c.Code) && byYear.Any(e => c.IsMemberOn(e.ReferenceDate)))
                    .ToArray();
                var representedEligible = eligible.Count(c => thisYear.Contains(c.Code));
                var groups = new List<GroupCoverage>();
                foreach (var group in eligible.GroupBy(c => c.Group).OrderBy(g => g.Key == OicGroup.Unknown ? int.MaxValue : (int)g.Key))
                {
                    var codes = group.Select(c => c.Code).Order().ToArray();
                    groups.Add(new GroupCoverage(
                        group.Key,
                        [.. codes.Where(thisYear.Contains)],
                        [.. codes.Where(c => !thisYear.Contains(c))],
                        [.. codes.Where(c => !everReached.Contains(c))]));
                }
                var entry = new ProgrammeYearCoverage(
                    byProgramme.Key,
                    byYear.Key,
                    [.. byYear.OrderBy(e => e.Number).Select(e => e.Id)],
                    byYear.Any(e => editionsWithRegistry.Contains(e.Id)),
                    eligible.Length,
                    representedEligible,
                    groups);
                result.Add(entry);
            }
        }
        return result;
    }
}
