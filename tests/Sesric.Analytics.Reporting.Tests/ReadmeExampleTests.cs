using System.Text.RegularExpressions;

using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting.Tests;

/// <summary>The README's reporting examples are real: the C# block is this file's code, the JSON block is what it writes, and it renders.</summary>
public sealed class ReadmeExampleTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private static Report ReadmeReport()
    {
        // README:begin
        var report = ReportBuilder.Create(new LocalizedText("Diplomacy-CaB in figures", "برنامج Diplomacy-CaB بالأرقام", "Diplomacy-CaB en chiffres"))
            .Filter(FilterSpec.Eq("programme", "diplomacy-cab"))
            .Page(new LocalizedText("Editions", "الدورات", "Éditions"), page => page
                .Column("participants-per-edition", "participants", by: "year", v => v.WithTitle(
                    new LocalizedText("Participants per edition", "المشاركون في كل دورة", "Participants par édition")))
                .Bar("top-member-states", "participants", by: "member_state", v => v.Top(10).Where(FilterSpec.Eq("year", 2020))))
            .Build();
        // README:end
        return report;
    }

    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine([dir!.FullName, .. parts]);
    }

    private static string ReadmeBlock(string language)
    {
        var readme = File.ReadAllText(RepoFile("README.md"));
        var start = readme.IndexOf("<!-- section: reporting -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- section:", start + 10, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return Regex.Match(section, $"```{language}\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
    }

    private static string Squash(string code) => Regex.Replace(code, @"\s+", " ").Trim();

    [Fact]
    public void The_readme_csharp_example_is_the_code_this_test_runs()
    {
        var source = File.ReadAllText(RepoFile("tests", "Sesric.Analytics.Reporting.Tests", "ReadmeExampleTests.cs"));
        var region = Regex.Match(source, "// README:begin\\n(.*?)// README:end", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(Squash(region), Squash(ReadmeBlock("csharp")));
    }

    [Fact]
    public void The_readme_json_example_is_what_the_builder_writes()
    {
        var json = ReadmeBlock("json");
        Assert.Equal(ReportJson.Write(ReadmeReport()), json);
        Assert.Equal(ReadmeReport(), ReportJson.Read(json));
    }

    [Fact]
    public async Task The_readme_json_example_renders()
    {
        var report = ReportJson.Read(ReadmeBlock("json"));
        var html = await ReportRenderer.RenderHtmlAsync(report, new QueryEngine(seeded.Store), Language.French);
        Assert.Contains("Participants par édition", html);
        Assert.Contains("maximum 112 en 2021", html);
    }
}
