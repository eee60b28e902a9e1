using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Core.Tests.Storage;

public sealed class StoreLocationTests
{
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "home-of-test");
    private static readonly string Data = Path.Combine(Home, "data-dir");

    private static Func<string, string?> Env(string? value) =>
        name => name == StoreLocation.EnvironmentVariable ? value : null;

    [Fact]
    public void An_explicit_path_wins_over_the_environment_and_is_made_absolute()
    {
        var resolved = StoreLocation.Resolve("rel/x.duckdb", Env("/elsewhere/env.duckdb"), Data, Home);
        Assert.Equal(Path.GetFullPath("rel/x.duckdb"), resolved);
        Assert.True(Path.IsPathRooted(resolved));
    }

    [Fact]
    public void The_environment_variable_is_used_when_no_path_is_given()
    {
        var env = Path.Combine(Home, "from-env.duckdb");
        Assert.Equal(env, StoreLocation.Resolve(null, Env(env), Data, Home));
        Assert.Equal(env, StoreLocation.Resolve("  ", Env(env), Data, Home));
    }

    [Fact]
    public void Without_path_or_variable_the_file_lives_in_the_user_data_directory()
    {
        var resolved = StoreLocation.Resolve(null, Env(null), Data, Home);
        Assert.Equal(Path.Combine(Data, "sesric-analytics", "analytics.duckdb"), resolved);
    }

    [Fact]
    public void Without_a_data_directory_it_falls_back_to_local_share_under_home()
    {
        var resolved = StoreLocation.Resolve(null, Env(""), "", Home);
        Assert.Equal(Path.Combine(Home, ".local", "share", "sesric-analytics", "analytics.duckdb"), resolved);
    }

    [Fact]
    public void Without_any_folder_it_says_how_to_choose_one()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StoreLocation.Resolve(null, Env(null), null, null));
        Assert.Contains("--db", e.Message);
        Assert.Contains(StoreLocation.EnvironmentVariable, e.Message);
    }

    [Fact]
    public void Memory_is_kept_as_is()
    {
        Assert.Equal(":memory:", StoreLocation.Resolve(":MEMORY:", Env(null), Data, Home));
        Assert.True(StoreLocation.IsInMemory(":memory:"));
        Assert.False(StoreLocation.IsInMemory("memory.duckdb"));
    }

    [Fact]
    public void The_process_environment_overload_reads_the_real_variable()
    {
        // Only checks the explicit path, so the test does not depend on (or change) the machine's environment.
        Assert.Equal(Path.GetFullPath("a.duckdb"), StoreLocation.Resolve("a.duckdb"));
    }
}
