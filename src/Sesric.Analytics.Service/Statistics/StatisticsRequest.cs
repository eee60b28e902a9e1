namespace Sesric.Analytics.Service.Statistics;

/// <summary>A semantic query as the service hands it to the engine.</summary>
/// <param name="Measures">Measure names, at least one.</param>
/// <param name="Dimensions">Dimension names to group by.</param>
/// <param name="Filter">The AIP-160 filter in the engine's grammar; empty for none.</param>
/// <param name="OrderBy">The order (<c>year desc, participants</c>); empty for the engine's default.</param>
/// <param name="Internal">True for the internal policy (everything shown), false for public (suppression).</param>
/// <param name="Limit">At most this many rows; null for all.</param>
/// <param name="Offset">Rows to skip.</param>
public sealed record StatisticsRequest(
    IReadOnlyList<string> Measures,
    IReadOnlyList<string> Dimensions,
    string Filter,
    string OrderBy,
    bool Internal,
    int? Limit,
    long Offset);
