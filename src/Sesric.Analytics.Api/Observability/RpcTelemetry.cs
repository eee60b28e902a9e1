using System.Diagnostics;
using System.Diagnostics.Metrics;

using Grpc.Core;

using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Api.Observability;

/// <summary>
/// The RPC server metric of the OpenTelemetry semantic conventions, <c>rpc.server.call.duration</c> (seconds; its count
/// is the request count), by <c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c> and <c>rpc.grpc.status_code</c>.
/// </summary>
/// <remarks>ASP.NET Core's own metric (<c>http.server.request.duration</c>) sees gRPC errors as HTTP 200; this one sees the gRPC status.</remarks>
internal static class RpcTelemetry
{
    /// <summary>The histogram of call durations.</summary>
    public static readonly Histogram<double> CallDuration = SesricTelemetry.Meter.CreateHistogram<double>(
        "rpc.server.call.duration", "s", "Duration of gRPC calls handled by the service, by service, method and gRPC status code.");

    /// <summary>Records one finished call and tags the current span with the same attributes and the request id.</summary>
    public static void Record(ServerCallContext context, StatusCode status, long started, string requestId)
    {
        // context.Method is "/package.Service/Method".
        var method = context.Method;
        var slash = method.LastIndexOf('/');
        var service = slash > 0 ? method[1..slash] : method.TrimStart('/');
        var name = slash >= 0 ? method[(slash + 1)..] : method;
        var tags = new TagList
        {
            { "rpc.system", "grpc" },
            { "rpc.service", service },
            { "rpc.method", name },
            { "rpc.grpc.status_code", (int)status },
        };
        CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        if (Activity.Current is { IsAllDataRequested: true } span)
        {
            span.SetTag("rpc.system", "grpc");
            span.SetTag("rpc.service", service);
            span.SetTag("rpc.method", name);
            span.SetTag("rpc.grpc.status_code", (int)status);
            span.SetTag("sesric.request_id", requestId);
        }
    }
}
