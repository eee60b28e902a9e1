using System.Threading.RateLimiting;

using Grpc.Core;
using Grpc.Core.Interceptors;

using Microsoft.Extensions.Options;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Errors;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// Limits each API key to a token bucket (<see cref="SesricOptions.RequestsPerSecondPerKey"/>, refilled every 100 ms, burst
/// <see cref="SesricOptions.BurstPerKey"/>). A call over the limit is refused at once with
/// RESOURCE_EXHAUSTED and a RetryInfo, never queued, and never answered as UNAVAILABLE (which clients retry blindly).
/// Open methods (health, reflection) are not limited.
/// </summary>
public sealed class RateLimitInterceptor : Interceptor, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly int _perSecond;

    /// <summary>Builds the limiter from the options.</summary>
    public RateLimitInterceptor(IOptions<SesricOptions> options)
    {
        var o = options.Value;
        _perSecond = o.RequestsPerSecondPerKey;
        var rate = Math.Max(1, o.RequestsPerSecondPerKey);
        // Refill every 100 ms for smooth limits; below 10 per second that would round up, so refill each second.
        var (tokens, period) = rate >= 10 ? (rate / 10, TimeSpan.FromMilliseconds(100)) : (rate, TimeSpan.FromSeconds(1));
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.BurstPerKey),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <inheritdoc/>
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        using var lease = Acquire(context);
        return continuation(request, context);
    }

    /// <inheritdoc/>
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var lease = Acquire(context);
        return continuation(requestStream, context);
    }

    /// <inheritdoc/>
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var lease = Acquire(context);
        return continuation(request, responseStream, context);
    }

    /// <inheritdoc/>
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var lease = Acquire(context);
        return continuation(requestStream, responseStream, context);
    }

    /// <inheritdoc/>
    public void Dispose() => _limiter.Dispose();

    /// <summary>
    /// Takes one request from <paramref name="caller"/>'s bucket for a request that is not a gRPC call (the OData feed), so
    /// a key has one limit whichever face it uses; false, with the delay to wait, when over the limit.
    /// </summary>
    public bool TryAcquire(Caller caller, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(caller);
        using var lease = _limiter.AttemptAcquire(caller.Name);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }
        Telemetry.SesricTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>(Telemetry.SesricTelemetry.KeyIdTag, caller.Name));
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMilliseconds(100);
        return false;
    }

    private RateLimitLease? Acquire(ServerCallContext context)
    {
        if (context.FindCaller() is not { } caller)
        {
            return null;
        }
        var lease = _limiter.AttemptAcquire(caller.Name);
        if (lease.IsAcquired)
        {
            return lease;
        }
        Telemetry.SesricTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>(Telemetry.SesricTelemetry.KeyIdTag, caller.Name));
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMilliseconds(100);
        lease.Dispose();
        if (context.GetHttpContext() is { } http)
        {
            http.Items[Hosting.RetryAfterHeader.ItemKey] = retryAfter; // the JSON face's Retry-After
        }
        throw RpcErrors.ResourceExhausted(
            ErrorReasons.RateLimited,
            $"key '{caller.Name}' made more requests than its limit of {_perSecond} per second; retry after {retryAfter.TotalMilliseconds:F0} ms.",
            retryAfter);
    }
}
