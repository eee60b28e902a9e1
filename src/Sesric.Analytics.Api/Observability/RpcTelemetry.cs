using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

using Grpc.Core;

using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Api.Observability;

/// <summary>
/// The RPC server metric of the OpenTelemetry semantic conventions, <c>rpc.server.call.duration</c> (seconds; its count
/// is the request count), by <c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c> and <c>rpc.grpc.status_code</c>.
/// </summary>
/// <remarks>ASP.NET Core's own metric (<c>http.server.request.duration</c>) sees gRPC errors as HTTP 200; this one sees the gRPC status.
/// Every call records it, so its tags cost no allocation: a method's service and name are split once, and status codes are boxed once.</remarks>
internal static class RpcTelemetry
{
    /// <summary>The histogram of call durations.</summary>
    public static readonly Histogram<double> CallDuration = SesricTelemetry.Meter.CreateHistogram<double>(
        "rpc.server.call.duration", "s", "Duration of gRPC calls handled by the service, by service, method and gRPC status code.");

    // gRPC routes only the methods the service maps, so this stays small; the bound only guards against surprises.
    private const int MaxMethods = 256;
    private static readonly ConcurrentDictionary<string, MethodNames> Methods = new(StringComparer.Ordinal);
    private static readonly object[] StatusCodes = [.. Enumerable.Range(0, 17).Select(code => (object)code)];

    /// <summary>Records one finished call and tags the current span with the same attributes and the request id.</summary>
    public static void Record(ServerCallContext context, StatusCode status, long started, string requestId)
    {
        var names = NamesOf(context.Method);
        var code = (int)status is >= 0 and < 17 ? StatusCodes[(int)status] : (int)status;
        if (CallDuration.Enabled)
        {
            var tags = new TagList
            {
                { "rpc.system", "grpc" },
                { "rpc.service", names.Service },
                { "rpc.method", names.Method },
                { "rpc.grpc.status_code", code },
            };
            CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
        if (Activity.Current is { IsAllDataRequested: true } span)
        {
            span.SetTag("rpc.system", "grpc");
            span.SetTag("rpc.service", names.Service);
            span.SetTag("rpc.method", names.Method);
            span.SetTag("rpc.grpc.status_code", code);
            span.SetTag("sesric.request_id", requestId);
        }
    }

    /// <summary>The service and method of <paramref name="method"/> (<c>/package.Service/Method</c>), split once per method.</summary>
    internal static MethodNames NamesOf(string method)
    {
        if (Methods.TryGetValue(method, out var names))
        {
            return names;
        }
        names = MethodNames.Split(method);
        if (Methods.Count < MaxMethods)
        {
            Methods.TryAdd(method, names);
        }
        return names;
    }

    /// <summary>A gRPC method's service (<c>package.Service</c>) and name.</summary>
    internal sealed record MethodNames(string Service, string Method)
    {
        public static MethodNames Split(string method)
        {
            var slash = method.LastIndexOf('/');
            return new MethodNames(slash > 0 ? method[1..slash] : method.TrimStart('/'), slash >= 0 ? method[(slash + 1)..] : method);
        }
    }
}
