using Grpc.Core;

using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>Keys from a key file while the service runs: rotation, expiry, revocation and new keys, without a restart.</summary>
public sealed class KeyLifecycleTests : IDisposable
{
    private readonly TempFolder _folder = new("keys");

    public void Dispose() => _folder.Dispose();

    private static Task<ListProgrammesResponse> List(ServiceHost host, string key) =>
        host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), TestKeys.Headers(key)).ResponseAsync;

    private static async Task<RpcException> RefusedWithinAsync(ServiceHost host, string key)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await List(host, key);
            }
            catch (RpcException e)
            {
                return e;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("the key was still accepted 10 s after the key file changed");
    }

    [Fact]
    public async Task Expired_and_revoked_keys_are_refused_while_the_service_runs_and_new_keys_work_without_a_restart()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();
        var path = _folder.File("keys.json");
        var (old, oldSecret) = KeyFileEntry.Create("etl", Role.Reader, now.AddDays(-30), null);
        var (rotated, rotatedSecret) = KeyFileEntry.Create("etl", Role.Reader, now, null);
        var (shortLived, shortLivedSecret) = KeyFileEntry.Create("evaluator", Role.Reader, now, now.AddHours(1));
        KeyFile.Save(path, [old, rotated, shortLived]);
        await using var host = await ServiceHost.StartInMemoryAsync(
            new Dictionary<string, string?> { ["Sesric:KeyFile"] = path, ["Sesric:KeyFileReloadSeconds"] = "0.1" },
            services => services.AddSingleton<TimeProvider>(clock));

        // A rotation: the old and the new key of one holder both work, and so do the configured keys.
        Assert.Equal(4, (await List(host, oldSecret)).TotalSize);
        Assert.Equal(4, (await List(host, rotatedSecret)).TotalSize);
        Assert.Equal(4, (await List(host, shortLivedSecret)).TotalSize);
        Assert.Equal(4, (await List(host, TestKeys.Reader)).TotalSize);

        clock.Advance(TimeSpan.FromHours(2));
        var expired = await Assert.ThrowsAsync<RpcException>(() => List(host, shortLivedSecret));

        KeyFile.Save(path, [old with { Revoked = clock.GetUtcNow() }, rotated, shortLived]);
        var revoked = await RefusedWithinAsync(host, oldSecret);
        var (added, addedSecret) = KeyFileEntry.Create("bi", Role.Reader, clock.GetUtcNow(), null);
        KeyFile.Save(path, [old with { Revoked = clock.GetUtcNow() }, rotated, shortLived, added]);
        ListProgrammesResponse? fresh = null;
        for (var i = 0; i < 100 && fresh is null; i++)
        {
            try
            {
                fresh = await List(host, addedSecret);
            }
            catch (RpcException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(StatusCode.Unauthenticated, expired.StatusCode);
        Assert.Contains($"{shortLived.Id}, expired on 2026-12-03 23:00 UTC", expired.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, revoked.StatusCode);
        Assert.Contains($"{old.Id}, revoked", revoked.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(4, fresh?.TotalSize);
        Assert.Equal(4, (await List(host, rotatedSecret)).TotalSize);
    }

    [Fact]
    public async Task A_broken_key_file_keeps_the_previous_keys()
    {
        var path = _folder.File("keys.json");
        var (key, secret) = KeyFileEntry.Create("bi", Role.Reader, DateTimeOffset.UtcNow, null);
        KeyFile.Save(path, [key]);
        await using var host = await ServiceHost.StartInMemoryAsync(new Dictionary<string, string?> { ["Sesric:KeyFile"] = path, ["Sesric:KeyFileReloadSeconds"] = "0.1" });

        await File.WriteAllTextAsync(path, "{ not json");
        await Task.Delay(500);

        Assert.Equal(4, (await List(host, secret)).TotalSize);
        Assert.False(host.Services.GetRequiredService<ApiKeySource>().ReloadIfChanged());
    }
}
