namespace Sesric.Analytics.Api.Hosting;

/// <summary>What the service prints once it listens: its addresses, a ready-to-paste <c>buf curl</c> call and, in development, the generated key.</summary>
public static class ServerBanner
{
    /// <summary>The lines to print, given the bound addresses.</summary>
    /// <param name="grpcAddress">The bound gRPC address.</param>
    /// <param name="jsonAddress">The bound JSON address, or null.</param>
    /// <param name="generatedKey">The development key, or null.</param>
    /// <param name="tls">Whether the gRPC address speaks TLS.</param>
    public static IReadOnlyList<string> Lines(string grpcAddress, string? jsonAddress, string? generatedKey, bool tls = false)
    {
        // Without a generated key the commands name the shell variable the README sets ($KEY); double quotes so
        // that the shell expands it when the line is pasted.
        var key = generatedKey ?? "$KEY";
        var lines = new List<string>
        {
            $"Sesric.Analytics gRPC service listening on {grpcAddress} ({(tls ? "TLS, HTTP/2 and HTTP/1.1 by ALPN" : "plain HTTP/2")}; reflection and grpc.health.v1 open)",
        };
        if (jsonAddress is not null)
        {
            lines.Add($"JSON (HTTP/1.1) on {jsonAddress}, e.g. curl -H \"x-api-key: {key}\" {jsonAddress}/v1/programmes/diplomacy-cab/editions");
        }
        if (generatedKey is not null)
        {
            lines.Add($"Development key (admin role, valid until this process stops): {generatedKey}");
        }
        lines.Add("Try:");
        lines.Add(
            $"  npx buf curl --protocol grpc {(tls ? "" : "--http2-prior-knowledge ")}-H \"x-api-key: {key}\" "
            + "-d '{\"measures\":[\"participants\",\"member_states\"],\"dimensions\":[\"year\"],\"filter\":\"programme = \\\"diplomacy-cab\\\"\"}' "
            + $"{grpcAddress}/sesric.analytics.v1.StatsService/Query");
        return lines;
    }
}
