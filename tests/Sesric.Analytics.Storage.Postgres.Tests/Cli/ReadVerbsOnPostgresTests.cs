namespace Sesric.Analytics.Storage.Postgres.Tests.Cli;

/// <summary>
/// Every verb that reads the store prints the same on PostgreSQL (<c>--db postgresql://…</c>) as on DuckDB, both
/// filled with the built-in dataset by their first command.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class ReadVerbsOnPostgresTests(SeededStores stores) : IClassFixture<SeededStores>
{
    private const string Diplomacy = "programme = \"diplomacy-cab\"";

    /// <summary>Each read verb's arguments (after <c>--db</c>), as the README runs them.</summary>
    public static TheoryData<string[]> ReadVerbs() =>
    [
        ["editions", "--format", "csv"],
        ["member-states", "--format", "csv"],
        ["stats", "--format", "csv"],
        ["query", "--measure", "participants", "--measure", "member_states", "--by", "year", "--filter", Diplomacy + " AND year = 2020", "--format", "csv"],
        ["query", "--measure", "participants", "--by", "member_state", "--filter", Diplomacy + " AND year = 2020", "--order-by", "participants desc", "--limit", "10", "--format", "csv"],
        ["query", "--measure", "participants", "--measure", "yoy_pct(participants)", "--by", "year", "--filter", Diplomacy, "--format", "json"],
        ["query", "--measure", "participants", "--by", "gender", "--by", "oic_group", "--policy", "public", "--format", "csv"],
        ["query", "--measure", "coverage", "--by", "year", "--filter", "programme = \"oic-statcom\"", "--format", "csv"],
        ["query", "--measure", "completion_rate", "--measure", "completers", "--by", "year", "--model", CliRun.Sample("model", "completion-rate.json"), "--filter", Diplomacy, "--format", "csv"],
        ["export", "participations", "-"],
        ["export", "editions", "-"],
        ["export", "member-states", "-"],
        ["export", "programmes", "-"],
        ["forecast", "--programme", "diplomacy-cab"],
        ["forecast", "--programme", "diplomacy-cab", "--scenario", "modality=in_person,duration=5", "--scenario", "modality=virtual"],
        ["forecast", "--programme", "diplomacy-cab", "--as-of", "2021-01-01"],
        ["backtest", "--target", "participants", "--pooled"],
    ];

    [Theory]
    [MemberData(nameof(ReadVerbs))]
    public async Task A_read_verb_prints_the_same_on_PostgreSQL_as_on_DuckDB(string[] args)
    {
        var onDuckDb = await CliRun.SucceedOnAsync(stores.DuckDb, args);
        var onPostgres = await CliRun.SucceedOnAsync(stores.Postgres, args);

        Assert.False(string.IsNullOrWhiteSpace(onDuckDb), "the verb printed nothing on DuckDB");
        Assert.Equal(onDuckDb, onPostgres);
    }

    [Fact]
    public async Task A_chart_is_drawn_the_same_from_PostgreSQL_as_from_DuckDB()
    {
        string[] chart = ["chart", "--mark", "line", "--measure", "coverage", "--category", "year", "--filter", "programme = \"oic-statcom\""];
        var fromDuckDb = Path.Combine(stores.Folder, "coverage-duckdb.svg");
        var fromPostgres = Path.Combine(stores.Folder, "coverage-postgres.svg");

        await CliRun.SucceedOnAsync(stores.DuckDb, [.. chart, "--out", fromDuckDb]);
        await CliRun.SucceedOnAsync(stores.Postgres, [.. chart, "--out", fromPostgres]);

        Assert.Equal(await File.ReadAllTextAsync(fromDuckDb), await File.ReadAllTextAsync(fromPostgres));
    }

    [Fact]
    public async Task The_annual_report_from_PostgreSQL_has_the_same_figures_and_files_as_from_DuckDB()
    {
        string[] report = ["report", "annual", "--programme", "diplomacy-cab", "--year", "2022", "--lang", "en"];
        var fromDuckDb = Path.Combine(stores.Folder, "report-duckdb");
        var fromPostgres = Path.Combine(stores.Folder, "report-postgres");

        await CliRun.SucceedOnAsync(stores.DuckDb, [.. report, "--out", fromDuckDb]);
        await CliRun.SucceedOnAsync(stores.Postgres, [.. report, "--out", fromPostgres]);

        var files = Directory.GetFiles(fromDuckDb, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(fromDuckDb, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(files, f => f.EndsWith(".html", StringComparison.Ordinal));
        Assert.Equal(files, Directory.GetFiles(fromPostgres, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(fromPostgres, f)).Order(StringComparer.Ordinal));
        foreach (var file in files.Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(fromDuckDb, file)), await File.ReadAllTextAsync(Path.Combine(fromPostgres, file)));
        }
    }
}
