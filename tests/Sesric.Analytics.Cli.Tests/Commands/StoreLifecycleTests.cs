using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>
/// How commands create, seed and leave stores (issue 13, items 9–11): seeding only at creation, said on standard
/// error; no folders or stores made by mistake or by a failed command; dry runs and undo.
/// </summary>
public sealed class StoreLifecycleTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Sample => Path.Combine(Readme.ReadmeCommands.RepositoryRoot(), "samples", "participations.csv");

    [Fact]
    public async Task An_empty_no_seed_store_is_never_seeded_by_a_later_command_and_creation_is_said_once()
    {
        var db = _folder.File("empty.duckdb");

        var first = await CliRun.SucceedAsync("editions", "--no-seed", "--db", db, "-f", "json");
        var second = await CliRun.SucceedAsync("editions", "--db", db, "-f", "json");

        Assert.Equal("[]\n", first.Out);
        Assert.Contains($"creating the empty store '{db}'", first.Error);
        Assert.Equal("[]\n", second.Out);
        Assert.Equal("", second.Error);
        await using var store = await DuckDbAnalyticsStore.OpenAsync(db);
        Assert.Equal(StoreSeedState.None, await store.GetSeedStateAsync());
    }

    [Fact]
    public async Task A_new_store_is_seeded_once_and_says_so_on_standard_error_only()
    {
        var db = _folder.File("seeded.duckdb");

        var first = await CliRun.SucceedAsync("stats", "--db", db, "-f", "csv");
        var second = await CliRun.SucceedAsync("stats", "--db", db, "-f", "csv");

        Assert.Contains($"creating the store '{db}' with the built-in dataset", first.Error);
        Assert.DoesNotContain("creating", first.Out);
        Assert.Equal("", second.Error);
        Assert.Equal(first.Out, second.Out);
        await using var store = await DuckDbAnalyticsStore.OpenAsync(db);
        Assert.Equal(StoreSeedState.BuiltIn, await store.GetSeedStateAsync());
    }

    [Fact]
    public async Task A_store_path_in_a_missing_folder_is_an_error_that_creates_nothing()
    {
        var missing = Path.Combine(_folder.Path, "tpyo", "store.duckdb");

        var result = await CliRun.RunAsync("editions", "--db", missing);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains($"the folder '{Path.Combine(_folder.Path, "tpyo")}'", result.Error);
        Assert.Contains("does not exist", result.Error);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "tpyo")));
    }

    [Fact]
    public async Task A_failed_import_leaves_no_new_store_file_behind()
    {
        var db = _folder.File("new.duckdb");
        var bad = _folder.File("bad.csv");
        await File.WriteAllTextAsync(bad, "programme,edition,participant_id,country_iso3,gender,institution_type,attendance,synthetic\ndiplomacy-cab,4,p-1,XYZ,female,,attended,false\n");

        var result = await CliRun.RunAsync("import", "participations", bad, "--db", db);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("XYZ", result.Error);
        Assert.False(File.Exists(db), "the failed import left the store it created");
        Assert.False(File.Exists(db + ".wal"));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing_and_creates_no_store()
    {
        var missing = _folder.File("never.duckdb");
        var preview = await CliRun.SucceedAsync("import", "participations", Sample, "--dry-run", "--db", missing);
        Assert.Contains("would import: 9 new, 0 updated, 0 unchanged participations", preview.Out);
        Assert.False(File.Exists(missing));

        var db = _folder.File("kept.duckdb");
        var before = (await CliRun.SucceedAsync("stats", "--db", db, "-f", "json")).Out;
        var again = await CliRun.SucceedAsync("import", "participations", Sample, "--dry-run", "--db", db);
        Assert.Contains("would import: 9 new", again.Out);
        Assert.Equal(before, (await CliRun.SucceedAsync("stats", "--db", db, "-f", "json")).Out);
        Assert.Single(Json.Rows((await CliRun.SucceedAsync("import", "list", "--db", db, "-f", "json")).Out));

        var editions = _folder.File("editions.csv");
        await CliRun.SucceedAsync("export", "editions", editions, "--db", db);
        var editionsPreview = await CliRun.SucceedAsync("import", "editions", editions, "--dry-run", "--db", db);
        Assert.Contains("would import: already imported: nothing changed", editionsPreview.Out);
    }

    [Fact]
    public async Task After_import_and_undo_every_answer_equals_the_answer_before_the_import()
    {
        var db = _folder.File("undo.duckdb");
        string[][] questions =
        [
            ["stats", "-f", "json"],
            ["editions", "-f", "json"],
            ["query", "-m", "participants,participations,member_states,female_share,returning_share,new_member_states", "--by", "programme,year", "--policy", "internal", "-f", "json"],
            ["query", "-m", "participants", "--by", "member_state,gender", "--filter", "programme = \"diplomacy-cab\"", "--policy", "internal", "-f", "csv"],
            ["forecast", "--programme", "diplomacy-cab", "-f", "json"],
        ];
        var before = new List<string>();
        foreach (var q in questions)
        {
            before.Add((await CliRun.SucceedAsync([.. q, "--db", db])).Out);
        }

        var imported = await CliRun.SucceedAsync("import", "participations", Sample, "--db", db);
        Assert.Contains("import 2 (undo it with: sesric import undo 2)", imported.Out);
        Assert.NotEqual(before[0], (await CliRun.SucceedAsync([.. questions[0], "--db", db])).Out);
        var undone = await CliRun.SucceedAsync("import", "undo", "2", "--db", db);
        Assert.Contains("undid import 2 (participations.csv): removed 9 participations and 8 participants", undone.Out);

        for (var i = 0; i < questions.Length; i++)
        {
            Assert.Equal(before[i], (await CliRun.SucceedAsync([.. questions[i], "--db", db])).Out);
        }
        var again = await CliRun.RunAsync("import", "undo", "2", "--db", db);
        Assert.Equal(ExitCodes.UserError, again.ExitCode);
        Assert.Contains("import 2 was already undone", again.Error);
    }

    [Fact]
    public async Task A_reading_command_opens_the_store_read_only_beside_another_reader()
    {
        var db = _folder.File("shared.duckdb");
        await CliRun.SucceedAsync("stats", "--db", db);

        // Another process's read-only hold (DuckDB's shared lock) blocks any read-write opening of the file.
        await using var reader = await DuckDbAnalyticsStore.OpenAsync(db, StoreAccessMode.ReadOnly, upgrades: null);
        var result = await SesricProcess.RunAsync(_folder.Path, "editions", "--db", db, "-f", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("diplomacy-cab,1,2017", result.Out);
    }
}
