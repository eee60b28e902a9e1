using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

public sealed class ImportExportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Export_then_import_into_an_empty_store_gives_the_same_statistics_and_a_second_import_changes_nothing()
    {
        var source = _folder.File("source.duckdb");
        var target = _folder.File("target.duckdb");
        string[] tables = ["programmes", "member-states", "editions", "participations"];
        foreach (var table in tables)
        {
            await CliRun.SucceedAsync("export", table, _folder.File($"{table}.csv"), "--db", source);
        }

        foreach (var table in tables)
        {
            var imported = await CliRun.SucceedAsync("import", table, _folder.File($"{table}.csv"), "--db", target, "--no-seed");
            Assert.Contains(" new, 0 updated, 0 unchanged", imported.Out);
        }
        var again = await CliRun.SucceedAsync("import", "participations", _folder.File("participations.csv"), "--db", target, "--no-seed");

        Assert.Contains("already imported: nothing changed", again.Out);
        var before = (await CliRun.SucceedAsync("stats", "--db", source, "-f", "json")).Out;
        var after = (await CliRun.SucceedAsync("stats", "--db", target, "-f", "json")).Out;
        Assert.Equal(before, after);
        Assert.Contains("\"registry_participants\": 81", after);
        // Exporting the copy gives byte-identical files: the format is stable and ordered.
        await CliRun.SucceedAsync("export", "participations", _folder.File("again.csv"), "--db", target);
        Assert.Equal(await File.ReadAllBytesAsync(_folder.File("participations.csv")), await File.ReadAllBytesAsync(_folder.File("again.csv")));
    }

    [Fact]
    public async Task A_file_with_bad_rows_lists_every_problem_and_writes_nothing()
    {
        var db = _folder.File("store.duckdb");
        var export = await CliRun.SucceedAsync("export", "participations", "-", "--db", db);
        var lines = export.Out.TrimEnd('\n').Split('\n');
        var bad = _folder.File("bad.csv");
        // Line 2: a fresh valid row (would be new); line 3: unknown member state; line 4: a bad gender. The export's
        // header ends with the optional record_key and nominated_on columns, left empty here.
        await File.WriteAllTextAsync(bad, string.Join('\n',
            lines[0],
            "diplomacy-cab,4,p-new-1,TUR,female,,attended,false,,",
            "diplomacy-cab,4,p-new-2,XYZ,female,,attended,false,,",
            "diplomacy-cab,4,p-new-3,EGY,robot,,attended,false,,") + "\n");
        var before = (await CliRun.SucceedAsync("stats", "--db", db, "-f", "csv")).Out;

        var result = await CliRun.RunAsync("import", "participations", bad, "--db", db);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("line 3, column country_iso3 = 'XYZ'", result.Error);
        Assert.Contains("line 4, column gender = 'robot'", result.Error);
        Assert.Contains("nothing was imported", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal("", result.Out);
        Assert.Equal(before, (await CliRun.SucceedAsync("stats", "--db", db, "-f", "csv")).Out);
    }

    [Fact]
    public async Task A_missing_file_is_named_and_is_a_user_error()
    {
        var result = await CliRun.RunAsync("import", "editions", _folder.File("nope.csv"), "--db", _folder.File("s.duckdb"));

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("nope.csv", result.Error);
        Assert.Contains("not found", result.Error);
    }

    [Fact]
    public async Task Editions_of_an_unknown_programme_are_refused_naming_the_row()
    {
        var db = _folder.File("store.duckdb");
        var editions = (await CliRun.SucceedAsync("export", "editions", "-", "--db", db)).Out.Split('\n');
        var file = _folder.File("editions.csv");
        await File.WriteAllTextAsync(file, editions[0] + "\n" + editions[1].Replace("diplomacy-cab", "no-such-programme") + "\n");

        var result = await CliRun.RunAsync("import", "editions", file, "--db", db);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("line 2", result.Error);
        Assert.Contains("no-such-programme", result.Error);
    }

    [Fact]
    public async Task Generate_writes_files_that_import_reads_and_the_same_seed_gives_the_same_bytes()
    {
        var out1 = _folder.File("g1");
        var out2 = _folder.File("g2");
        var db = _folder.File("gen.duckdb");

        var generated = await CliRun.SucceedAsync("generate", "--participations", "2000", "--seed", "5", "--out", out1, "--programmes", "3");
        await CliRun.SucceedAsync("generate", "--participations", "2000", "--seed", "5", "--out", out2, "--programmes", "3");

        Assert.Contains("2000 participations", generated.Out);
        foreach (var name in new[] { "programmes.csv", "editions.csv", "member-states.csv", "participations.csv" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(out1, name)), await File.ReadAllBytesAsync(Path.Combine(out2, name)));
        }
        await CliRun.SucceedAsync("import", "programmes", Path.Combine(out1, "programmes.csv"), "--db", db);
        await CliRun.SucceedAsync("import", "editions", Path.Combine(out1, "editions.csv"), "--db", db);
        var imported = await CliRun.SucceedAsync("import", "participations", Path.Combine(out1, "participations.csv"), "--db", db, "--progress", "always");
        Assert.Contains("2000 new, 0 updated, 0 unchanged participations", imported.Out);
        Assert.Contains("importing participations.csv: 2,000 rows", imported.Error);
        await using var store = await DuckDbAnalyticsStore.OpenAsync(db);
        var stats = await store.GetEditionStatisticsAsync();
        Assert.Equal(2000, stats.Where(s => s.Edition.Programme.Value.StartsWith("synthetic-")).Sum(s => s.SyntheticParticipations));
    }

    [Fact]
    public async Task Without_a_terminal_progress_is_not_shown_by_default()
    {
        var result = await CliRun.SucceedAsync("generate", "--participations", "500", "--out", _folder.File("g"));

        Assert.Equal("", result.Error);
        Assert.Single(result.Out.TrimEnd('\n').Split('\n'));
    }
}
