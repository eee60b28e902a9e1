using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Server.Tests.Unit;

public sealed class ApiKeyRegistryTests
{
    [Fact]
    public void A_key_is_found_by_its_hash_and_nothing_else()
    {
        var registry = new ApiKeyRegistry([new ApiKeyOptions { Name = "bi", Sha256 = ApiKeyRegistry.Hash("k1").ToUpperInvariant(), Role = Role.Analyst }]);

        Assert.Equal(new Caller("bi", Role.Analyst, "config:bi"), registry.Find("k1", DateTimeOffset.UtcNow));
        Assert.Null(registry.Find("k2", DateTimeOffset.UtcNow));
        Assert.Null(registry.Find(ApiKeyRegistry.Hash("k1"), DateTimeOffset.UtcNow));
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

    [Fact]
    public void Key_file_keys_are_refused_from_their_expiry_and_once_revoked_and_two_keys_of_one_holder_work_together()
    {
        var now = new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.Zero);
        var (old, oldSecret) = KeyFileEntry.Create("etl", Role.Admin, now.AddDays(-90), now.AddDays(1));
        var (rotated, rotatedSecret) = KeyFileEntry.Create("etl", Role.Admin, now, null);
        var (revoked, revokedSecret) = KeyFileEntry.Create("intern", Role.Reader, now.AddDays(-2), null);
        var registry = new ApiKeyRegistry([], [old, rotated, revoked with { Revoked = now.AddHours(-1) }]);

        Assert.Equal(old.Id, registry.Find(oldSecret, now)!.KeyId);
        Assert.Equal(rotated.Id, registry.Find(rotatedSecret, now)!.KeyId);
        Assert.Null(registry.Find(oldSecret, now.AddDays(1), out var expired));
        Assert.Contains("expired on 2026-12-04 22:00 UTC", expired, StringComparison.Ordinal);
        Assert.Null(registry.Find(revokedSecret, now, out var refusal));
        Assert.Contains($"{revoked.Id}, revoked", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(revokedSecret, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_file_keeps_hashes_never_secrets_and_reads_back_what_it_wrote()
    {
        using var folder = new Sesric.Analytics.Testing.TempFolder("server");
        var path = folder.File("keys.json");
        var (entry, secret) = KeyFileEntry.Create("bi", Role.Reader, new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), null);

        KeyFile.Save(path, [entry]);

        var text = File.ReadAllText(path);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Contains(ApiKeyRegistry.Hash(secret), text, StringComparison.Ordinal);
        Assert.Contains("\"role\": \"reader\"", text, StringComparison.Ordinal);
        Assert.Equal([entry], KeyFile.Load(path));
    }
}
