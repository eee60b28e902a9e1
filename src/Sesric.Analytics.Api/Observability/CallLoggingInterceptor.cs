using System.Diagnostics;

using Grpc.Core;
using Grpc.Core.Interceptors;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Api.Observability;

/// <summary>
/// The outermost interceptor: opens a structured logging scope with the request id and method, echoes
/// the id in the response trailers, maps escaping exceptions to AIP-193 errors
/// (<see cref="ExceptionMapper"/>) logs one line per call with its status and duration, and records the call's
/// <c>rpc.server.call.duration</c> (<see cref="RpcTelemetry"/>).
/// </summary>
/// <remarks>Calls without a valid key are logged within a <see cref="LogBudget"/>: whoever reaches the port can make them.</remarks>
public sealed class CallLoggingInterceptor(ILogger<CallLoggingInterceptor> logger, StoreHost host, LogBudget anonymousBudget) : Interceptor
{
    /// <inheritdoc/>
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Run(context, () => continuation(request, context));

    /// <inheritdoc/>
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Run(context, () => continuation(requestStream, context));

    /// <inheritdoc/>
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Run(context, async () => { await continuation(request, responseStream, context); return true; });

    /// <inheritdoc/>
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Run(context, async () => { await continuation(requestStream, responseStream, context); return true; });

    private async Task<T> Run<T>(ServerCallContext context, Func<Task<T>> call)
    {
        var requestId = RequestId.Of(context);
        context.ResponseTrailers.Add(RequestId.Header, requestId);
        using var scope = logger.BeginScope(new CallScope(requestId, context.Method));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            RpcTelemetry.Record(context, StatusCode.OK, started, requestId);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{Method} by {Caller} finished OK in {ElapsedMs:F2} ms", context.Method, context.FindCaller()?.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return result;
        }
        catch (Exception e)
        {
            var (error, unexpected) = ExceptionMapper.Map(e, context.Deadline, context.CancellationToken.IsCancellationRequested, requestId);
            RpcTelemetry.Record(context, error.StatusCode, started, requestId);
            if (ExceptionMapper.FindStoreFault(e) is { } fault)
            {
                // The store, not the call, failed: stop serving and reopen it (the host logs the fault once).
                host.ReportFault(fault);
            }
            if (unexpected)
            {
                logger.LogError(e, "{Method} by {Caller} failed unexpectedly after {ElapsedMs:F2} ms", context.Method, context.FindCaller()?.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else if (context.FindCaller() is { } caller)
            {
                logger.LogInformation("{Method} by {Caller} ended {StatusCode} in {ElapsedMs:F2} ms: {Detail}", context.Method, caller.Name, error.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error.Status.Detail);
            }
            else if (anonymousBudget.TryTake(out var suppressed))
            {
                logger.LogInformation("{Method} without a valid key ended {StatusCode} from {Peer}: {Detail}{Suppressed}", context.Method, error.StatusCode, context.Peer, error.Status.Detail,
                    suppressed > 0 ? $"; {suppressed} similar line(s) left out before this one" : "");
            }
            if (ReferenceEquals(error, e))
            {
                throw;
            }
            throw error;
        }
    }
}
