using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>sesric forecast --nominations, --as-of and sesric backtest --kind nominations on the built-in registry.</summary>
public sealed class NominationCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    /// <summary>Diplomacy-CaB 6's registrations from the store's export, outcomes replaced by "registered": a nomination list.</summary>
    private async Task<(string File, int Rows)> NominationListAsync()
    {
        var export = (await CliRun.SucceedAsync("export", "participations", "-", "--db", Db)).Out.TrimEnd('\n').Split('\n');
        var rows = export.Skip(1).Where(l => l.StartsWith("diplomacy-cab,6,", StringComparison.Ordinal))
            .Select(l => string.Join(',', l.Split(',').Select((f, i) => i == 6 ? "registered" : f))).ToArray();
        var file = _folder.File("nominations.csv");
        await File.WriteAllTextAsync(file, string.Join('\n', [export[0], .. rows]) + "\n");
        return (file, rows.Length);
    }

    [Fact]
    public async Task A_nomination_list_gives_expected_attendance_and_member_states_with_intervals_and_the_reason()
    {
        var (file, count) = await NominationListAsync();
        var rows = Json.Rows((await CliRun.SucceedAsync("forecast", "--db", Db, "--programme", "diplomacy-cab", "--nominations", file, "--format", "json")).Out);

        Assert.Equal(["attendance", "member_states"], rows.Select(r => r.GetProperty("figure").GetString()));
        var attendance = rows[0];
        Assert.Equal(count, attendance.GetProperty("nominations").GetInt32());
        Assert.InRange(attendance.GetProperty("expected").GetDouble(), attendance.GetProperty("lower_80").GetInt32(), attendance.GetProperty("upper_80").GetInt32());
        Assert.True(attendance.GetProperty("upper_80").GetInt32() <= count);
        // On the built-in registry no classifier beats the pooled rate, and the output says so.
        Assert.Equal("pooled-rate", attendance.GetProperty("model").GetString());
        Assert.StartsWith("the pooled show-up rate is used", attendance.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chart_of_the_nomination_window_is_written_the_same_twice_and_a_wrong_extension_is_refused()
    {
        var (file, _) = await NominationListAsync();
        var svg = _folder.File("window.svg");
        var first = await CliRun.SucceedAsync("forecast", "--db", Db, "-p", "diplomacy-cab", "--nominations", file, "--chart", svg);
        Assert.Contains($"chart: {svg}", first.Error, StringComparison.Ordinal);
        var drawn = await File.ReadAllTextAsync(svg);
        Assert.StartsWith("<svg", drawn, StringComparison.Ordinal);
        Assert.Contains("Nominations received and expected attendance, diplomacy-cab/6", drawn, StringComparison.Ordinal);
        await CliRun.SucceedAsync("forecast", "--db", Db, "-p", "diplomacy-cab", "--nominations", file, "--chart", svg);
        Assert.Equal(drawn, await File.ReadAllTextAsync(svg));

        var wrong = await CliRun.RunAsync("forecast", "--db", Db, "-p", "diplomacy-cab", "--nominations", file, "--chart", _folder.File("window.jpg"));
        Assert.Equal(ExitCodes.UserError, wrong.ExitCode);
        Assert.Contains("--chart 'window.jpg': name the file .png or .svg", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Per_nominee_probabilities_need_the_internal_policy()
    {
        var (file, count) = await NominationListAsync();
        var refused = await CliRun.RunAsync("forecast", "--db", Db, "-p", "diplomacy-cab", "--nominations", file, "--per-nominee");
        Assert.Equal(ExitCodes.UserError, refused.ExitCode);
        Assert.Contains("--policy internal", refused.Error, StringComparison.Ordinal);

        var rows = Json.Rows((await CliRun.SucceedAsync("forecast", "--db", Db, "-p", "diplomacy-cab", "--nominations", file, "--per-nominee", "--policy", "internal", "-f", "json")).Out);
        Assert.Equal(count, rows.Length);
        Assert.All(rows, r => Assert.InRange(r.GetProperty("probability").GetDouble(), 0, 1));
    }

    [Fact]
    public async Task A_list_for_another_programme_and_a_bad_as_of_date_are_refused_by_name()
    {
        var (file, _) = await NominationListAsync();
        var other = await CliRun.RunAsync("forecast", "--db", Db, "-p", "oic-statcom", "--nominations", file);
        Assert.Equal(ExitCodes.UserError, other.ExitCode);
        Assert.Contains("one edition of oic-statcom", other.Error, StringComparison.Ordinal);
        var bad = await CliRun.RunAsync("forecast", "--db", Db, "-p", "diplomacy-cab", "--nominations", file, "--as-of", "04/10/2022");
        Assert.Equal(ExitCodes.UserError, bad.ExitCode);
        Assert.Contains("--as-of '04/10/2022': not a date", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_edition_forecast_as_of_a_day_names_the_next_edition_after_it()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("forecast", "--db", Db, "-p", "diplomacy-cab", "--as-of", "2021-01-01", "-f", "json")).Out);
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Equal(2021, r.GetProperty("year").GetInt32()));
        Assert.All(rows, r => Assert.Equal("2021-01-01", r.GetProperty("as_of").GetString()));
    }

    [Fact]
    public async Task The_nomination_backtest_lists_every_candidate_and_marks_one_chosen()
    {
        var result = await CliRun.SucceedAsync("backtest", "--db", Db, "--kind", "nominations", "--pooled", "-f", "json");
        var rows = Json.Rows(result.Out);
        Assert.Equal(["pooled-rate", "logistic", "fasttree"], rows.Select(r => r.GetProperty("candidate").GetString()));
        Assert.Single(rows, r => r.GetProperty("chosen").GetBoolean());
        Assert.All(rows, r => Assert.True(r.GetProperty("editions").GetInt32() > 0));
    }
}
