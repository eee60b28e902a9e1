using Grpc.Core;

namespace Sesric.Analytics.Api.Observability;

/// <summary>The request id of a call: the client's <c>x-request-id</c> when it sends a sane one, else a new one.</summary>
public static class RequestId
{
    /// <summary>The metadata key carrying the id both ways.</summary>
    public const string Header = "x-request-id";

    private const string Key = "sesric.request-id";

    /// <summary>The id for this call, creating it on first use.</summary>
    public static string Of(ServerCallContext context)
    {
        if (context.UserState.TryGetValue(Key, out var existing) && existing is string id)
        {
            return id;
        }
        id = From(context.RequestHeaders.GetValue(Header));
        context.UserState[Key] = id;
        return id;
    }

    /// <summary>The id for a call that presented <paramref name="presented"/> (kept when sane, else a new one).</summary>
    public static string From(string? presented) =>
        presented is { Length: > 0 and <= 64 } && presented.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? presented
            : Guid.NewGuid().ToString("N");
}
