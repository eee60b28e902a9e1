using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sesric.Analytics.Service.Hosting;

/// <summary>Healthy once the store is open and seeded; grpc.health.v1 reports SERVING only then.</summary>
public sealed class StoreHealthCheck(StoreHost host) : IHealthCheck
{
    private static readonly Task<HealthCheckResult> Ready = Task.FromResult(HealthCheckResult.Healthy("store open"));
    private static readonly Task<HealthCheckResult> Opening = Task.FromResult(HealthCheckResult.Unhealthy("store opening"));

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        host.IsReady ? Ready : Opening;
}
