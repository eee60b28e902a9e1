namespace Sesric.Analytics.Storage;

/// <summary>A store as the source of per-edition statistics: registry counts beside the published totals.</summary>
/// <remarks>Implementations are safe to call from several threads at once.</remarks>
public interface IEditionStatisticsReader
{
    /// <summary>Per edition: registry counts beside the published totals, computed in SQL.</summary>
    Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken = default);
}
