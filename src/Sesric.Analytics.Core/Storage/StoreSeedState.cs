namespace Sesric.Analytics.Storage;

/// <summary>How a store was filled when it was created; a store is seeded only at creation, never later.</summary>
public enum StoreSeedState
{
    /// <summary>A store from before schema version 7 that held data then: how it was filled is not known.</summary>
    Unknown,

    /// <summary>Created empty on purpose (<c>--no-seed</c>): never seeded later.</summary>
    None,

    /// <summary>An empty file whose creator has not said how to fill it (or an empty store from before version 7): the service seeds it when empty.</summary>
    New,

    /// <summary>Created to hold the built-in dataset, and seeding has not finished: the next opener finishes it.</summary>
    Pending,

    /// <summary>Created with the built-in dataset.</summary>
    BuiltIn,
}
