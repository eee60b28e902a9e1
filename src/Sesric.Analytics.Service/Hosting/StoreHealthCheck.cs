using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sesric.Analytics.Service.Hosting;

/// <summary>
/// Healthy only while the store is open and answering: grpc.health.v1 reports NOT_SERVING while it opens,
/// after it failed under the service until it is reopened, and when it could not be opened.
/// </summary>
public sealed class StoreHealthCheck(StoreHost host) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.IsReady ? HealthCheckResult.Healthy(host.State) : HealthCheckResult.Unhealthy(host.State));
}
