using Sesric.Analytics.Faults.Tests.Support;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Faults.Tests.Store;

[Trait("Category", "Fault")]
public sealed class CorruptStoreTests
{
    public static TheoryData<string> Damages => ["truncated", "flipped"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_store_is_refused_when_it_is_opened_naming_the_file(string damage)
    {
        using var folder = new TempFolder("faults");
        var path = folder.File("analytics.duckdb");
        await Stores.CreateSeededAsync(path);
        Damage(path, damage);

        var e = await Assert.ThrowsAnyAsync<IOException>(async () => await (await DuckDbAnalyticsStore.OpenAsync(path)).DisposeAsync());

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.True(e is StoreFaultException { Kind: StoreFaultKind.Corrupt } || e.Message.Contains("cannot open the store", StringComparison.Ordinal), $"{e.GetType().Name}: {e.Message}");
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task The_server_exits_non_zero_before_its_banner_on_a_damaged_store(string damage)
    {
        using var folder = new TempFolder("faults");
        var path = folder.File("analytics.duckdb");
        await Stores.CreateSeededAsync(path);
        Damage(path, damage);

        var run = await Child.ServerAsync("--db", path, "--address", "http://127.0.0.1:0", "--json-address", "");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("service listening on", run.Out, StringComparison.Ordinal);
        Assert.Contains("will not start", run.Error, StringComparison.Ordinal);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_reads_its_settings_from_its_own_folder_whatever_the_working_directory()
    {
        using var folder = new TempFolder("faults");
        var path = folder.File("analytics.duckdb");
        await Stores.CreateSeededAsync(path);
        Stores.Truncate(path);

        // Started elsewhere, on a store that stops it at once: the content root (where appsettings.json is read)
        // must still be the server's folder.
        var run = await Child.ServerFromAsync(folder.Path, "--db", path, "--address", "http://127.0.0.1:0", "--json-address", "");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"Content root path: {AppContext.BaseDirectory.TrimEnd('/')}", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_exits_non_zero_before_its_banner_when_the_store_folder_cannot_be_created()
    {
        var run = await Child.ServerAsync("--db", "/proc/sesric-no-such-folder/analytics.duckdb", "--address", "http://127.0.0.1:0", "--json-address", "");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("service listening on", run.Out, StringComparison.Ordinal);
        Assert.Contains("/proc/sesric-no-such-folder", run.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task The_server_exits_non_zero_before_its_banner_on_a_read_only_mount()
    {
        using var disk = Tmpfs.Mount(megabytes: 20);
        var path = Path.Combine(disk.Path, "analytics.duckdb");
        await Stores.CreateSeededAsync(path);
        disk.SetReadOnly(true);

        var run = await Child.ServerAsync("--db", path, "--address", "http://127.0.0.1:0", "--json-address", "");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("service listening on", run.Out, StringComparison.Ordinal);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
    }

    private static void Damage(string path, string damage)
    {
        if (damage == "truncated")
        {
            Stores.Truncate(path);
        }
        else
        {
            Stores.FlipBytes(path, 200);
        }
    }
}
