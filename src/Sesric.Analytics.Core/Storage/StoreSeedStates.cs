namespace Sesric.Analytics.Storage;

/// <summary>How <see cref="StoreSeedState"/> is written in a store's <c>store_info</c> table (the same words on every engine).</summary>
public static class StoreSeedStates
{
    /// <summary>The <c>store_info</c> row that holds the seed state.</summary>
    public const string Setting = "seed";

    /// <summary>The stored word for <paramref name="state"/>.</summary>
    public static string Format(StoreSeedState state) => state switch
    {
        StoreSeedState.None => "none",
        StoreSeedState.New => "new",
        StoreSeedState.Pending => "pending",
        StoreSeedState.BuiltIn => "built-in",
        _ => "unknown",
    };

    /// <summary>The state a stored word names (<see cref="StoreSeedState.Unknown"/> for a missing or unknown one).</summary>
    public static StoreSeedState Parse(string? value) => value switch
    {
        "none" => StoreSeedState.None,
        "new" => StoreSeedState.New,
        "pending" => StoreSeedState.Pending,
        "built-in" => StoreSeedState.BuiltIn,
        _ => StoreSeedState.Unknown,
    };
}
