using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>The Kestrel endpoints the service configured; after start they hold the bound ports (port 0 resolved).</summary>
public sealed class ServerEndpoints
{
    /// <summary>The gRPC endpoint: plain HTTP/2, or TLS with HTTP/2 and HTTP/1.1 by ALPN.</summary>
    public ListenOptions? Grpc { get; set; }

    /// <summary>The HTTP/1.1 endpoint for the JSON face, when configured.</summary>
    public ListenOptions? Json { get; set; }

    /// <summary>The HTTP/1.1 endpoint serving only Prometheus' <c>/metrics</c>, when configured.</summary>
    public ListenOptions? Metrics { get; set; }

    /// <summary>The metrics address, such as <c>http://127.0.0.1:5082</c>; null when not configured.</summary>
    public string? MetricsAddress => Metrics is { } o ? $"http://{o.IPEndPoint}" : null;

    /// <summary>Whether the gRPC endpoint speaks TLS.</summary>
    public bool GrpcTls { get; set; }

    /// <summary>Whether the JSON endpoint speaks TLS.</summary>
    public bool JsonTls { get; set; }

    /// <summary>The gRPC address, such as <c>http://127.0.0.1:5080</c> or <c>https://…</c>; null before the server binds.</summary>
    public string? GrpcAddress => Grpc is { } o ? $"{(GrpcTls ? "https" : "http")}://{o.IPEndPoint}" : null;

    /// <summary>The JSON address; null when not configured.</summary>
    public string? JsonAddress => Json is { } o ? $"{(JsonTls ? "https" : "http")}://{o.IPEndPoint}" : null;
}
