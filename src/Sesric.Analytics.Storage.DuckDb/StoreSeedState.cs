namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>How a store was filled when it was created; a store is seeded only at creation, never later.</summary>
public enum StoreSeedState
{
    /// <summary>A store from before schema version 6 that held data then: how it was filled is not known.</summary>
    Unknown,

    /// <summary>Created empty (<c>--no-seed</c>, or a store from before version 6 that was empty): never seeded later.</summary>
    None,

    /// <summary>Created to hold the built-in dataset, and seeding has not finished: the next opener finishes it.</summary>
    Pending,

    /// <summary>Created with the built-in dataset.</summary>
    BuiltIn,
}
