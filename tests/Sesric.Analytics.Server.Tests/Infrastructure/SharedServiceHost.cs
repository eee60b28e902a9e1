namespace Sesric.Analytics.Server.Tests.Infrastructure;

/// <summary>One in-memory service on the built-in data, shared by the read-only tests of a class.</summary>
public sealed class SharedServiceHost : IAsyncLifetime
{
    private ServiceHost? _host;

    /// <summary>The running host.</summary>
    public ServiceHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _host = await ServiceHost.StartInMemoryAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
