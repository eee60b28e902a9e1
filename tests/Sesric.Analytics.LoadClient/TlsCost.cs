using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Grpc.Health.V1;
using Grpc.Net.Client;

using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.LoadClient;

/// <summary>
/// What the service's own TLS costs: a new connection (TCP + TLS handshake + first call) and each call on an open
/// connection, against the same server over plain h2c. The certificate is made here (ECDSA P-256, self-signed).
/// </summary>
internal static class TlsCost
{
    public static async Task<List<string>> MeasureAsync(string folder, double seconds)
    {
        var pfx = Path.Combine(folder, "server.pfx");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=sesric-load", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12));
        }
        var lines = new List<string>
        {
            "| transport | measure | concurrency | calls | calls/s | p50 ms | p99 ms |",
            "|---|---|---:|---:|---:|---:|---:|",
        };
        foreach (var tls in new[] { false, true })
        {
            var db = Path.Combine(folder, tls ? "tls.duckdb" : "plain.duckdb");
            await using var server = await InProcessServer.StartAsync(db, seed: true, cache: true, pfxPath: tls ? pfx : null);
            var name = tls ? "TLS (h2 by ALPN)" : "h2c";
            lines.Add(await NewConnectionsAsync(server.Address, name, seconds));
            using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = Handler() });
            var health = new Health.HealthClient(channel);
            var stats = new StatsService.StatsServiceClient(channel);
            var headers = DashboardQuery.ReaderHeaders();
            var query = DashboardQuery.Request();
            foreach (var concurrency in new[] { 1, 16 })
            {
                foreach (var (what, call) in new (string, Func<Task>)[]
                {
                    ("health Check, open connection", async () => await health.CheckAsync(new HealthCheckRequest())),
                    ("Query (cache on), open connection", async () => await stats.QueryAsync(query, headers)),
                })
                {
                    var f = await LoadRun.MeasureAsync(call, concurrency, TimeSpan.FromSeconds(seconds), 50_000, TimeSpan.FromSeconds(1));
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {name} | {what} | {concurrency} | {f.Calls:N0} | {f.Throughput:N0} | {f.P50Ms:F3} | {f.P99Ms:F3} |"));
                }
            }
        }
        return lines;
    }

    // Each call on a fresh channel: TCP connect, TLS handshake (when TLS), HTTP/2 preface and one health Check.
    private static async Task<string> NewConnectionsAsync(string address, string name, double seconds)
    {
        var times = new List<double>();
        // A fixed count (5 warm-up, then 200 measured) rather than a time budget: each one opens and closes a connection.
        _ = seconds;
        for (var i = 0; i < 205; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using (var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = Handler() }))
            {
                await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            }
            if (i >= 5)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        times.Sort();
        var p50 = times[times.Count / 2];
        var p99 = times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))];
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | new connection + first call | 1 | {times.Count:N0} | {times.Count / times.Sum() * 1000:N0} | {p50:F3} | {p99:F3} |");
    }

    // The test certificate is self-signed: the load client trusts it without checks (it measures cost, not trust).
    private static SocketsHttpHandler Handler() => new()
    {
        EnableMultipleHttp2Connections = true,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    };
}
