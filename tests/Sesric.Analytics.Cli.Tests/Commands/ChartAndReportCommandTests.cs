using System.Xml.Linq;

using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>sesric chart and sesric report annual: real rendering into a temp folder.</summary>
public sealed class ChartAndReportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    [Fact]
    public async Task Chart_from_flags_writes_an_svg_with_one_bar_label_per_member_state_shown()
    {
        var svg = _folder.File("top.svg");
        var result = await CliRun.SucceedAsync("chart", "--db", Db, "--mark", "bar", "--measure", "participants", "--category", "member_state",
            "--filter", "programme = \"diplomacy-cab\" AND year = 2020", "--top", "5", "--out", svg);

        Assert.Equal(svg, result.Out.Trim());
        var doc = XDocument.Load(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        var title = doc.Descendants().First(e => e.Name.LocalName == "title").Value;
        Assert.False(string.IsNullOrWhiteSpace(title));
    }

    [Fact]
    public async Task Chart_from_flags_captions_its_filter_with_the_programmes_name_as_a_report_chart_does()
    {
        var svg = _folder.File("captioned.svg");
        await CliRun.SucceedAsync("chart", "--db", Db, "--mark", "bar", "--measure", "participants", "--category", "member_state",
            "--filter", "programme = \"diplomacy-cab\" AND year = 2020", "--top", "5", "--out", svg);

        var texts = XDocument.Load(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains("Filters: Programme: Diplomacy-CaB; Year: 2020", texts);
    }

    [Fact]
    public async Task Chart_from_a_json_spec_writes_a_png_in_arabic()
    {
        var spec = _folder.File("visual.json");
        await File.WriteAllTextAsync(spec, """
            { "id": "by-group", "mark": "donut", "measure": "participants", "category": "oic_group",
              "filters": [ { "dimension": "programme", "op": "eq", "values": ["diplomacy-cab"] } ] }
            """);
        var png = _folder.File("by-group.png");

        await CliRun.SucceedAsync("chart", "--db", Db, "--spec", spec, "--lang", "ar", "--out", png);

        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
    }

    [Theory]
    [InlineData("--mark", "pie-ish", "--measure", "participants", "--out", "x.svg")]
    [InlineData("--mark", "bar", "--measure", "participants", "--out", "x.gif")]
    [InlineData("--mark", "bar", "--out", "x.svg")]
    [InlineData("--mark", "bar", "--measure", "participantz", "--category", "year", "--out", "x.svg")]
    public async Task Chart_with_bad_input_exits_1_without_writing(params string[] args)
    {
        var result = await CliRun.RunAsync(["chart", "--db", Db, .. args.Select(a => a.StartsWith("x.", StringComparison.Ordinal) ? _folder.File(a) : a)]);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.StartsWith("sesric: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(_folder.File("x.svg")));
    }

    [Fact]
    public async Task Chart_spec_that_is_not_json_exits_1_naming_the_file()
    {
        var spec = _folder.File("broken.json");
        await File.WriteAllTextAsync(spec, "{ not json");

        var result = await CliRun.RunAsync("chart", "--db", Db, "--spec", spec, "--out", _folder.File("x.svg"));

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("broken.json", result.Error);
    }

    [Fact]
    public async Task Annual_report_in_arabic_writes_html_and_every_chart_as_png_and_svg()
    {
        var dir = _folder.File("report");
        var result = await CliRun.SucceedAsync("report", "annual", "--db", Db, "--programme", "diplomacy-cab", "--year", "2022", "--lang", "ar", "--out", dir);

        var written = result.Out.Trim().Split('\n');
        Assert.All(written, f => Assert.True(File.Exists(f), f));
        var pngs = Directory.GetFiles(dir, "*.png").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        var svgs = Directory.GetFiles(dir, "*.svg").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.True(pngs.Length >= 5, string.Join(", ", pngs));
        Assert.Equal(pngs, svgs);
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "index.html"));
        Assert.Contains("dir=\"rtl\"", html);
        Assert.Contains("التقرير السنوي", html);
        // No progress when not on a terminal: standard error says only that the new store was created.
        Assert.StartsWith("sesric: creating the store", Assert.Single(result.Error.TrimEnd('\n').Split('\n')));
    }

    [Fact]
    public async Task Annual_report_for_a_year_without_an_edition_exits_1_naming_the_years_that_have_one()
    {
        var dir = _folder.File("r2016");
        var result = await CliRun.RunAsync("report", "annual", "--db", Db, "--programme", "diplomacy-cab", "--year", "2016", "--no-forecast", "--out", dir);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("diplomacy-cab held no edition in 2016; its editions are in 2017, 2018, 2019, 2020, 2021, 2022.", result.Error);
        Assert.False(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(), "nothing is written");
    }

    [Fact]
    public async Task Annual_report_for_an_unknown_programme_exits_1_and_lists_the_known_ones()
    {
        var result = await CliRun.RunAsync("report", "annual", "--db", Db, "--programme", "no-such-programme", "--year", "2022", "--no-forecast", "--out", _folder.File("r"));

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("diplomacy-cab", result.Error);
    }
}
