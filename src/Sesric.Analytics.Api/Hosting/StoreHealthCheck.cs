using Microsoft.Extensions.Diagnostics.HealthChecks;


namespace Sesric.Analytics.Api.Hosting;

/// <summary>
/// Healthy only while the store is open and answering: grpc.health.v1 reports NOT_SERVING while it opens,
/// after it failed under the service until it is reopened, when it could not be opened, and, for a store on a
/// database server, while the server does not answer (it turns SERVING again by itself when the server is back).
/// </summary>
/// <remarks>grpc.health.v1 Check runs this on every call (Grpc.AspNetCore.HealthChecks' default, no cache), so a load
/// balancer or Kubernetes probe sees the database's state as of its own probe.</remarks>
public sealed class StoreHealthCheck(StoreHost host) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!host.IsReady)
        {
            return HealthCheckResult.Unhealthy(host.State);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        bool? reachable;
        try
        {
            reachable = await host.IsReachableAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reachable = false;
        }
        if (reachable is false)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
        return HealthCheckResult.Healthy(host.State);
    }
}
