using Sesric.Analytics.Service.Configuration;
using Sesric.Analytics.Service.Security;

namespace Sesric.Analytics.Server.Tests.Unit;

public sealed class ApiKeyRegistryTests
{
    [Fact]
    public void A_key_is_found_by_its_hash_and_nothing_else()
    {
        var registry = new ApiKeyRegistry([new ApiKeyOptions { Name = "bi", Sha256 = ApiKeyRegistry.Hash("k1").ToUpperInvariant(), Role = Role.Analyst }]);

        Assert.Equal(new Caller("bi", Role.Analyst), registry.Find("k1"));
        Assert.Null(registry.Find("k2"));
        Assert.Null(registry.Find(ApiKeyRegistry.Hash("k1")));
    }

    [Fact]
    public void The_hash_is_the_sha256_hex_that_sha256sum_prints() =>
        Assert.Equal("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", ApiKeyRegistry.Hash("foo"));

    [Fact]
    public void Duplicate_names_are_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ApiKeyRegistry([
            new ApiKeyOptions { Name = "a", Sha256 = ApiKeyRegistry.Hash("1") },
            new ApiKeyOptions { Name = "a", Sha256 = ApiKeyRegistry.Hash("2") },
        ]));
        Assert.Contains("Sesric:ApiKeys:1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_include_the_ones_below()
    {
        Assert.True(new Caller("x", Role.Admin).Has(Role.Analyst));
        Assert.False(new Caller("x", Role.Reader).Has(Role.Analyst));
    }

    [Fact]
    public void Every_rpc_of_the_three_services_has_a_role_and_health_is_open()
    {
        foreach (var service in new[] { Contracts.V1.CatalogService.Descriptor, Contracts.V1.StatsService.Descriptor, Contracts.V1.IngestService.Descriptor })
        {
            foreach (var method in service.Methods)
            {
                Assert.NotNull(MethodAccess.RequiredRole($"/{service.FullName}/{method.Name}"));
            }
        }
        Assert.True(MethodAccess.IsOpen("/grpc.health.v1.Health/Check"));
        Assert.False(MethodAccess.IsOpen("/sesric.analytics.v1.StatsService/Query"));
        Assert.Null(MethodAccess.RequiredRole("/sesric.analytics.v1.StatsService/DropEverything"));
    }
}
