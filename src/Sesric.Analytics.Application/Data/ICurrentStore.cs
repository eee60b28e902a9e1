using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Application.Data;

/// <summary>
/// The store the application runs on now. A long-running host may replace it (reopened after a fault), so consumers ask
/// for it on each use instead of keeping it.
/// </summary>
public interface ICurrentStore
{
    /// <summary>The open store, whose writes move <see cref="DataVersion"/> on; throws the host's own error while none is open.</summary>
    IAnalyticsStore Store { get; }

    /// <summary>The data version the store's writes move on.</summary>
    DataVersion Version { get; }
}
