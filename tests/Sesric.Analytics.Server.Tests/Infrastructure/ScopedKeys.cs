using Grpc.Core;

using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Server.Tests.Infrastructure;

/// <summary>Configured keys with scopes, beside the unscoped <see cref="TestKeys"/> (which take indexes 0-2).</summary>
public static class ScopedKeys
{
    /// <summary>A reader that sees diplomacy-cab only.</summary>
    public const string CabReader = "test-cab-reader-key-0004";

    /// <summary>An admin that sees diplomacy-cab and oic-statcom.</summary>
    public const string PairAdmin = "test-pair-admin-key-0005";

    /// <summary>A programme neither scoped key sees.</summary>
    public const string Outside = "oic-statcom-follow-up";

    /// <summary>A reader that sees the participants of <see cref="InsideState"/> only, in every programme.</summary>
    public const string StateReader = "test-state-reader-key-0006";

    /// <summary>An admin that sees diplomacy-cab's participants from <see cref="InsideState"/> only.</summary>
    public const string CabStateAdmin = "test-cab-state-admin-key-0007";

    /// <summary>The member state the state-scoped keys see.</summary>
    public const string InsideState = "TUR";

    /// <summary>A member state neither state-scoped key sees.</summary>
    public const string OutsideState = "SAU";

    /// <summary>The configuration entries for the scoped keys.</summary>
    public static Dictionary<string, string?> Configuration() => new()
    {
        ["Sesric:ApiKeys:3:Name"] = "cab-reader",
        ["Sesric:ApiKeys:3:Sha256"] = ApiKeyRegistry.Hash(CabReader),
        ["Sesric:ApiKeys:3:Role"] = nameof(Role.Reader),
        ["Sesric:ApiKeys:3:Programmes:0"] = "diplomacy-cab",
        ["Sesric:ApiKeys:4:Name"] = "pair-admin",
        ["Sesric:ApiKeys:4:Sha256"] = ApiKeyRegistry.Hash(PairAdmin),
        ["Sesric:ApiKeys:4:Role"] = nameof(Role.Admin),
        ["Sesric:ApiKeys:4:Programmes:0"] = "oic-statcom",
        ["Sesric:ApiKeys:4:Programmes:1"] = "diplomacy-cab",
        ["Sesric:ApiKeys:5:Name"] = "state-reader",
        ["Sesric:ApiKeys:5:Sha256"] = ApiKeyRegistry.Hash(StateReader),
        ["Sesric:ApiKeys:5:Role"] = nameof(Role.Reader),
        ["Sesric:ApiKeys:5:MemberStates:0"] = InsideState,
        ["Sesric:ApiKeys:6:Name"] = "cab-state-admin",
        ["Sesric:ApiKeys:6:Sha256"] = ApiKeyRegistry.Hash(CabStateAdmin),
        ["Sesric:ApiKeys:6:Role"] = nameof(Role.Admin),
        ["Sesric:ApiKeys:6:Programmes:0"] = "diplomacy-cab",
        ["Sesric:ApiKeys:6:MemberStates:0"] = InsideState.ToLowerInvariant(),
    };

    /// <summary>Call metadata carrying <paramref name="key"/>.</summary>
    public static Metadata Headers(string key) => TestKeys.Headers(key);
}

/// <summary>One in-memory service with the scoped keys configured, shared by a test class.</summary>
public sealed class ScopedServiceHost : IAsyncLifetime
{
    private ServiceHost? _host;

    /// <summary>The running host.</summary>
    public ServiceHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _host = await ServiceHost.StartInMemoryAsync(ScopedKeys.Configuration());

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
