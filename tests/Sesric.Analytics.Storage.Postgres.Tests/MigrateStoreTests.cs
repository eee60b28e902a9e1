using Sesric.Analytics.Cli;
using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.StoreConformance;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary><c>sesric migrate-store</c>: a DuckDB file copied into a real PostgreSQL database.</summary>
[Trait("Category", "Postgres")]
public sealed class MigrateStoreTests
{
    [Fact]
    public async Task The_copy_gives_the_same_statistics_and_running_it_again_changes_nothing()
    {
        using var folder = new TempFolder("migrate");
        var file = folder.File("analytics.duckdb");
        var data = ConformanceData.Create(seed: 21);
        IReadOnlyList<EditionStatistics> expected;
        await using (var duck = await DuckDbAnalyticsStore.OpenAsync(file))
        {
            await data.LoadIntoAsync(duck);
            expected = await duck.GetEditionStatisticsAsync();
        }
        var address = PostgresCluster.Shared.CreateUniqueDatabase("migrate");

        var (code, output, error) = await RunAsync("migrate-store", "--from", file, "--to", address);
        Assert.True(code == 0, error);
        Assert.Contains($"copied {data.Participations.Count} participations", output, StringComparison.Ordinal);
        await using (var pg = await PostgresAnalyticsStore.OpenAsync(address))
        {
            // Record keys travel too, so even the public policy's protected figures (cell keys) match.
            Assert.Equal(expected, await pg.GetEditionStatisticsAsync());
        }
        var (again, secondOutput, _) = await RunAsync("migrate-store", "--from", file, "--to", address);
        Assert.Equal(0, again);
        Assert.Contains($"0 new, 0 changed, {data.Participations.Count} already there", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_is_not_a_postgresql_address_is_refused_without_showing_a_password()
    {
        var (code, _, error) = await RunAsync("migrate-store", "--from", "x.duckdb", "--to", "mysql://me:secret@db/x");
        Assert.Equal(ExitCodes.UserError, code);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
        Assert.Contains("not a PostgreSQL address", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_that_is_a_postgresql_address_is_refused_naming_the_option_without_showing_a_password()
    {
        var (code, _, error) = await RunAsync("migrate-store", "--from", "postgresql://me:secret@db/x", "--to", "postgresql://me@db/y");
        Assert.Equal(ExitCodes.UserError, code);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
        Assert.Contains("--from 'postgresql://me:***@db/x' is a PostgreSQL address", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SesricCli.RunAsync(args, CliConsole.Captured(output, error));
        return (code, output.ToString(), error.ToString());
    }
}
