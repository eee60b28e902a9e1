using Grpc.Core;

namespace Sesric.Analytics.Api.Security;

/// <summary>Carries the authenticated <see cref="Caller"/> from the auth interceptor to the services.</summary>
public static class CallerContext
{
    private const string Key = "sesric.caller";

    /// <summary>Records the caller for this call.</summary>
    public static void SetCaller(this ServerCallContext context, Caller caller) => context.UserState[Key] = caller;

    /// <summary>The caller the auth interceptor accepted; throws when the call bypassed it (a wiring bug).</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var value) && value is Caller caller
            ? caller
            : throw new InvalidOperationException("no authenticated caller on this call; is ApiKeyAuthInterceptor registered?");

    /// <summary>The caller if one was accepted, else null (open methods).</summary>
    public static Caller? FindCaller(this ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var value) ? value as Caller : null;
}
