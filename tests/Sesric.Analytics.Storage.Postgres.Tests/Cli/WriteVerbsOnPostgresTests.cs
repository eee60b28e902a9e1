using Sesric.Analytics.Cli;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests.Cli;

/// <summary>
/// The verbs that write (import with its dry run, import list and undo) and the first command's seeding, on a PostgreSQL
/// store through <c>--db postgresql://…</c>, against the same verbs on a DuckDB file with the same data.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class WriteVerbsOnPostgresTests : IDisposable
{
    private static readonly string[] Queries =
    [
        "query --measure participants --measure member_states --by programme --by year --policy public --format csv",
        "query --measure participants --by gender --by oic_group --policy internal --format csv",
    ];

    private readonly TempFolder _folder = new("cli-postgres-write");

    private string DuckDb => _folder.File("analytics.duckdb");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Data_moved_by_export_then_import_gives_the_same_figures_on_PostgreSQL()
    {
        await CliRun.SucceedOnAsync(DuckDb, "stats");
        var postgres = PostgresCluster.Shared.CreateUniqueDatabase("cli_move");
        foreach (var table in new[] { "programmes", "member-states", "editions", "participations" })
        {
            var file = _folder.File($"{table}.csv");
            await CliRun.SucceedOnAsync(DuckDb, "export", table, file);
            // --no-seed: the new database is filled by these imports alone, not by the built-in dataset first.
            await CliRun.SucceedOnAsync(postgres, "--no-seed", "import", table, file);
        }

        Assert.Equal(await CliRun.SucceedOnAsync(DuckDb, "export", "participations", "-"), await CliRun.SucceedOnAsync(postgres, "export", "participations", "-"));
        Assert.Equal(await CliRun.SucceedOnAsync(DuckDb, "stats", "--format", "csv"), await CliRun.SucceedOnAsync(postgres, "stats", "--format", "csv"));
        foreach (var query in Queries)
        {
            // Record keys travel in the export, so even the public policy's protected counts are the same.
            Assert.Equal(await CliRun.SucceedOnAsync(DuckDb, query.Split(' ')), await CliRun.SucceedOnAsync(postgres, query.Split(' ')));
        }
    }

    [Fact]
    public async Task Importing_a_file_then_listing_and_undoing_it_says_and_does_the_same_on_PostgreSQL()
    {
        var postgres = PostgresCluster.Shared.CreateUniqueDatabase("cli_import");
        var before = await CliRun.SucceedOnAsync(DuckDb, "stats", "--format", "csv");
        Assert.Equal(before, await CliRun.SucceedOnAsync(postgres, "stats", "--format", "csv"));
        var sample = CliRun.Sample("participations.csv");

        var importedIntoDuckDb = await CliRun.SucceedOnAsync(DuckDb, "import", "participations", sample);
        var importedIntoPostgres = await CliRun.SucceedOnAsync(postgres, "import", "participations", sample);
        Assert.Contains("import 2", importedIntoPostgres, StringComparison.Ordinal);
        Assert.Equal(importedIntoDuckDb, importedIntoPostgres);
        var after = await CliRun.SucceedOnAsync(DuckDb, "stats", "--format", "csv");
        Assert.NotEqual(before, after);
        Assert.Equal(after, await CliRun.SucceedOnAsync(postgres, "stats", "--format", "csv"));
        foreach (var query in Queries)
        {
            Assert.Equal(await CliRun.SucceedOnAsync(DuckDb, query.Split(' ')), await CliRun.SucceedOnAsync(postgres, query.Split(' ')));
        }
        Assert.Equal(WithoutTimes(await CliRun.SucceedOnAsync(DuckDb, "import", "list", "--format", "csv")), WithoutTimes(await CliRun.SucceedOnAsync(postgres, "import", "list", "--format", "csv")));

        Assert.Equal(WithoutTimes(await CliRun.SucceedOnAsync(DuckDb, "import", "undo", "2")), WithoutTimes(await CliRun.SucceedOnAsync(postgres, "import", "undo", "2")));
        Assert.Equal(before, await CliRun.SucceedOnAsync(postgres, "stats", "--format", "csv"));
        var again = await CliRun.OnAsync(postgres, "import", "undo", "2");
        Assert.Equal(ExitCodes.UserError, again.Code);
        // The refusal names when each store undid the import, which the two runs did a moment apart.
        Assert.Equal(WithoutTimes((await CliRun.OnAsync(DuckDb, "import", "undo", "2")).Error), WithoutTimes(again.Error));
    }

    [Fact]
    public async Task A_dry_run_on_PostgreSQL_reports_what_DuckDB_reports_and_writes_nothing()
    {
        var postgres = PostgresCluster.Shared.CreateUniqueDatabase("cli_dry");
        await CliRun.SucceedOnAsync(DuckDb, "stats");
        var before = await CliRun.SucceedOnAsync(postgres, "export", "participations", "-");
        var imports = await CliRun.SucceedOnAsync(postgres, "import", "list", "--format", "csv");
        var sample = CliRun.Sample("participations.csv");

        var previewOnDuckDb = await CliRun.SucceedOnAsync(DuckDb, "import", "participations", sample, "--dry-run");
        var previewOnPostgres = await CliRun.SucceedOnAsync(postgres, "import", "participations", sample, "--dry-run");

        Assert.Contains("would import: 9 new", previewOnPostgres, StringComparison.Ordinal);
        Assert.Equal(previewOnDuckDb, previewOnPostgres);
        Assert.Equal(before, await CliRun.SucceedOnAsync(postgres, "export", "participations", "-"));
        Assert.Equal(imports, await CliRun.SucceedOnAsync(postgres, "import", "list", "--format", "csv"));
    }

    [Fact]
    public async Task A_dry_run_on_a_database_without_the_schema_is_refused_and_creates_nothing()
    {
        var postgres = PostgresCluster.Shared.CreateUniqueDatabase("cli_dry_new");

        var result = await CliRun.OnAsync(postgres, "import", "participations", CliRun.Sample("participations.csv"), "--dry-run");

        Assert.Equal(ExitCodes.UserError, result.Code);
        Assert.Contains("has no sesric schema yet", result.Error, StringComparison.Ordinal);
        Assert.Contains("--dry-run", result.Error, StringComparison.Ordinal);
        var database = postgres[(postgres.LastIndexOf('/') + 1)..];
        Assert.Equal("t", PostgresCluster.Shared.Psql("SELECT to_regclass('schema_version') IS NULL", database).Trim());
    }

    [Fact]
    public async Task No_seed_leaves_a_new_database_empty_and_later_commands_do_not_fill_it()
    {
        var postgres = PostgresCluster.Shared.CreateUniqueDatabase("cli_noseed");

        var first = await CliRun.OnAsync(postgres, "--no-seed", "stats", "--format", "csv");
        var later = await CliRun.OnAsync(postgres, "export", "participations", "-");

        Assert.Equal(0, first.Code);
        Assert.Contains("empty (--no-seed", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, later.Code);
        Assert.Equal("", later.Error);
        Assert.Single(later.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("duckdb")]
    public async Task The_service_leaves_a_store_created_with_no_seed_empty(string engine)
    {
        var store = engine == "duckdb" ? DuckDb : PostgresCluster.Shared.CreateUniqueDatabase("cli_noseed_service");
        await CliRun.SucceedOnAsync(store, "--no-seed", "stats");

        await using (var replica = await Replicas.ReplicaHost.StartAsync(store))
        {
            Assert.Equal(engine, replica.Store.Store.Description.Engine);
            Assert.Empty((await replica.Store.GetCatalogueAsync(CancellationToken.None)).Programmes);
        }

        Assert.Single((await CliRun.SucceedOnAsync(store, "export", "participations", "-")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_first_command_fills_a_new_database_once_and_says_so()
    {
        var postgres = PostgresCluster.Shared.CreateUniqueDatabase("cli_seed");

        var first = await CliRun.OnAsync(postgres, "editions", "--format", "csv");
        var second = await CliRun.OnAsync(postgres, "editions", "--format", "csv");

        Assert.Equal(0, first.Code);
        Assert.Contains("with the built-in dataset", first.Error, StringComparison.Ordinal);
        Assert.Equal("", second.Error);
        Assert.Equal(await CliRun.SucceedOnAsync(DuckDb, "editions", "--format", "csv"), second.Output);
    }

    [Fact]
    public async Task The_store_address_is_taken_from_SESRIC_ANALYTICS_DB()
    {
        var postgres = PostgresCluster.Shared.CreateUniqueDatabase("cli_env");
        var expected = await CliRun.SucceedOnAsync(DuckDb, "stats", "--format", "csv");
        Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, postgres);
        try
        {
            var result = await CliRun.RunAsync("stats", "--format", "csv");
            Assert.True(result.Code == 0, result.Error);
            Assert.Equal(expected, result.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, null);
        }
        Assert.NotEqual(0L, long.Parse(PostgresCluster.Shared.Psql("SELECT COUNT(*) FROM participation", postgres[(postgres.LastIndexOf('/') + 1)..]).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>CLI output without its times (the two stores imported and undid at different moments).</summary>
    private static string WithoutTimes(string csv) =>
        string.Join('\n', csv.Split('\n').Select(line => System.Text.RegularExpressions.Regex.Replace(line, @"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?Z?", "TIME")));
}
