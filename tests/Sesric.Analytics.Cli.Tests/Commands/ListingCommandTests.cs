using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>editions, member-states and stats over a new store, which starts with the built-in dataset.</summary>
public sealed class ListingCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    [Fact]
    public async Task Editions_prints_the_built_in_edition_table_as_a_table()
    {
        var result = await CliRun.SucceedAsync("editions", "--db", Db, "--format", "table");

        var line2020 = result.Out.Split('\n').Single(l => l.Contains("diplomacy-cab") && l.Contains("2020"));
        Assert.Contains("2020-09-14", line2020);
        Assert.Contains("virtual", line2020);
        Assert.Contains(" 81 ", line2020);
        Assert.Contains(" 29 ", line2020);
        Assert.Equal($"sesric: creating the store '{Db}' with the built-in dataset (--no-seed creates an empty one).\n", result.Error);
        Assert.True(File.Exists(Db));
    }

    [Fact]
    public async Task Editions_as_json_gives_published_and_registry_figures_side_by_side()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("editions", "--db", Db, "--format", "json")).Out);

        var d2020 = rows.Find("diplomacy-cab", 4);
        Assert.Equal(2020, d2020.GetProperty("year").GetInt32());
        Assert.Equal("2020-09-14", d2020.GetProperty("start_date").GetString());
        Assert.Equal((81L, 29L), (d2020.Long("published_participants"), d2020.Long("published_member_states")));
        Assert.Equal((81L, 29L), (d2020.Long("registry_participants"), d2020.Long("registry_member_states")));
        var unknown = rows.Find("diplomacy-cab", 2);
        Assert.Null(unknown.Long("published_participants"));
        Assert.Equal(0L, unknown.Long("registry_participants"));
    }

    [Fact]
    public async Task Member_states_lists_57_members_and_the_observers_with_suspensions_as_csv()
    {
        var lines = (await CliRun.SucceedAsync("member-states", "--db", Db, "-f", "csv")).Out.TrimEnd('\n').Split('\n');

        Assert.Equal("iso3,name_en,name_ar,name_fr,kind,oic_group,group_basis,accession_year,observer_since,suspensions", lines[0]);
        Assert.Equal(57, lines.Count(l => l.Contains(",member,")));
        Assert.True(lines.Count(l => l.Contains(",observer,")) >= 1);
        var syria = lines.Single(l => l.StartsWith("SYR,"));
        Assert.Contains("2012-", syria);
        Assert.Contains("2025-", syria);
    }

    [Fact]
    public async Task Stats_as_json_says_where_registry_and_published_figures_agree()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("stats", "--db", Db, "--format", "json")).Out);

        var d2020 = rows.Find("diplomacy-cab", 4);
        Assert.Equal((81L, 29L), (d2020.Long("registry_participants"), d2020.Long("registry_member_states")));
        Assert.Equal("agree", d2020.GetProperty("agreement").GetString());
        Assert.Equal("not_comparable", rows.Find("diplomacy-cab", 2).GetProperty("agreement").GetString());
        Assert.All(rows.Where(r => r.GetProperty("agreement").GetString() != "not_comparable"),
            r => Assert.Equal("agree", r.GetProperty("agreement").GetString()));
    }

    [Fact]
    public async Task A_store_from_a_newer_release_is_refused_with_exit_1_and_no_stack_trace()
    {
        await CliRun.SucceedAsync("stats", "--db", Db, "-f", "csv");
        ExecuteOnStore("INSERT INTO schema_version VALUES (42, '042_future', TIMESTAMP '2030-01-01 00:00:00')");

        var result = await CliRun.RunAsync("editions", "--db", Db);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains(Db, result.Error);
        Assert.Contains("schema version 42", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Opening_a_store_from_an_older_release_says_it_is_upgrading_it_once()
    {
        await CliRun.SucceedAsync("stats", "--db", Db, "-f", "csv");
        ExecuteOnStore(OlderStore.BackToVersion4Sql);

        var upgrade = await CliRun.SucceedAsync("editions", "--db", Db, "--format", "csv");
        var again = await CliRun.SucceedAsync("editions", "--db", Db, "--format", "csv");

        Assert.Contains($"sesric: upgrading the store '{Db}' from schema version 4 to 5 (005_single_in_year)", upgrade.Error);
        Assert.Contains($"sesric: upgrading the store '{Db}' from schema version 5 to 6 (006_record_key)", upgrade.Error);
        Assert.DoesNotContain("upgrading", again.Error);
        Assert.Equal(again.Out, upgrade.Out);
        Assert.Contains("diplomacy-cab,4,", upgrade.Out);
    }

    [Fact]
    public async Task An_unknown_verb_or_format_is_a_user_error()
    {
        Assert.Equal(ExitCodes.UserError, (await CliRun.RunAsync("frobnicate")).ExitCode);
        var badFormat = await CliRun.RunAsync("stats", "--db", Db, "--format", "xml");
        Assert.Equal(ExitCodes.UserError, badFormat.ExitCode);
        Assert.Contains("xml", badFormat.Error);
    }

    /// <summary>Runs SQL on the store file directly, as another program (or an older release) would.</summary>
    private void ExecuteOnStore(string sql)
    {
        using var raw = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Db}");
        raw.Open();
        using var command = raw.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
