using System.Collections.Frozen;

using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// Which role each RPC needs, in one table. Health checking and server reflection stay open so that
/// load balancers, grpcurl and <c>buf curl</c> work without a key; any other method not listed is refused.
/// </summary>
/// <remarks>The <c>internal</c> disclosure policy needs <see cref="Role.Analyst"/> on top of this; the
/// statistics service checks that, because it depends on the request.</remarks>
public static class MethodAccess
{
    private static readonly FrozenDictionary<string, Role> Required = new Dictionary<string, Role>
    {
        [CatalogService.Descriptor.FindMethodByName("ListProgrammes").FullName] = Role.Reader,
        [CatalogService.Descriptor.FindMethodByName("GetProgramme").FullName] = Role.Reader,
        [CatalogService.Descriptor.FindMethodByName("ListEditions").FullName] = Role.Reader,
        [CatalogService.Descriptor.FindMethodByName("GetEdition").FullName] = Role.Reader,
        [CatalogService.Descriptor.FindMethodByName("ListMemberStates").FullName] = Role.Reader,
        [StatsService.Descriptor.FindMethodByName("Query").FullName] = Role.Reader,
        [StatsService.Descriptor.FindMethodByName("StreamQuery").FullName] = Role.Reader,
        [StatsService.Descriptor.FindMethodByName("GetCoverage").FullName] = Role.Reader,
        [IngestService.Descriptor.FindMethodByName("ImportParticipations").FullName] = Role.Admin,
        [IngestService.Descriptor.FindMethodByName("UpsertEdition").FullName] = Role.Admin,
        [ForecastService.Descriptor.FindMethodByName("Forecast").FullName] = Role.Reader,
        [ForecastService.Descriptor.FindMethodByName("Backtest").FullName] = Role.Reader,
        [ForecastService.Descriptor.FindMethodByName("Retrain").FullName] = Role.Admin,
        [ForecastService.Descriptor.FindMethodByName("ForecastAttendance").FullName] = Role.Reader,
        [ReportService.Descriptor.FindMethodByName("RenderChart").FullName] = Role.Reader,
        [ReportService.Descriptor.FindMethodByName("RenderReport").FullName] = Role.Reader,
        [ModelService.Descriptor.FindMethodByName("GetModel").FullName] = Role.Reader,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The same table keyed by the path a call names (/package.Service/Method), so a call's lookup builds no string.
    private static readonly FrozenDictionary<string, Role> RequiredByPath = Required.ToFrozenDictionary(
        entry => "/" + entry.Key[..entry.Key.LastIndexOf('.')] + "/" + entry.Key[(entry.Key.LastIndexOf('.') + 1)..], entry => entry.Value, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="method"/> (<c>/package.Service/Method</c>) is open to callers without a key.</summary>
    public static bool IsOpen(string method) =>
        method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal)
        || method.StartsWith("/grpc.reflection.", StringComparison.Ordinal);

    /// <summary>The role <paramref name="method"/> (<c>/package.Service/Method</c>) needs, or null for a method the table does not know.</summary>
    public static Role? RequiredRole(string method) =>
        RequiredByPath.TryGetValue(method, out var role) ? role : null;
}
