using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Application.Coverage;

/// <summary>
/// The (programme, year, member state) triples with at least one counted participant from a member state in good
/// standing on the edition's date, for coverage: one semantic query, run through the caller's runner so coverage stays
/// within the caller's scope like every other figure.
/// </summary>
public static class RepresentedMemberStates
{
    /// <summary>The triples, for one programme or all the runner's scope allows, and one year or all.</summary>
    public static async Task<IReadOnlyList<(ProgrammeId Programme, int Year, CountryCode Country)>> ReadAsync(
        IQueryRunner runner, ProgrammeId? programme, int? year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        // Internal policy: which states took part is the point here; no count is returned to the client.
        var query = SemanticQuery.Of("member_states").By("programme", "year", "member_state")
            .Where(FilterExpression.All(
                programme is { } p ? FilterExpression.Equal("programme", p.ToString()) : null,
                year is { } y ? FilterExpression.Equal("year", y) : null))
            .WithPolicy(DisclosurePolicy.Internal);
        var table = await runner.ExecuteAsync(query, cancellationToken);
        var (pi, yi, ci, mi) = (table.IndexOf("programme"), table.IndexOf("year"), table.IndexOf("member_state"), table.IndexOf("member_states"));
        var result = new List<(ProgrammeId, int, CountryCode)>();
        foreach (var row in table.Rows)
        {
            if (row[mi].AsDouble() is >= 1
                && row[pi].Value is string slug && ProgrammeId.TryParse(slug, out var id)
                && row[yi].AsDouble() is { } rowYear
                && row[ci].Value is string iso && CountryCode.TryParse(iso, out var code))
            {
                result.Add((id, (int)rowYear, code));
            }
        }
        return result;
    }
}
