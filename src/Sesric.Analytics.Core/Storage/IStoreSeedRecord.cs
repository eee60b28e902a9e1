namespace Sesric.Analytics.Storage;

/// <summary>
/// A store that remembers how it was filled when it was created (the <c>seed</c> row of <c>store_info</c>, schema
/// version 7), so that a store created empty on purpose is never filled later and an interrupted seeding is finished.
/// </summary>
public interface IStoreSeedRecord
{
    /// <summary>How the store was filled when it was created.</summary>
    Task<StoreSeedState> GetSeedStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Records how the store was filled (in its own transaction).</summary>
    Task SetSeedStateAsync(StoreSeedState state, CancellationToken cancellationToken = default);
}
