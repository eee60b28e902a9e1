using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Readme;

/// <summary>
/// The README's service walk-through, as a new user runs it: the real service (its built output) in Production
/// with one configured key (only its SHA-256 in the environment, as the README's "Keys and roles" says), then
/// every <c>npx buf curl …</c> and <c>curl …</c> line of the README run by bash exactly as written, with only the
/// two addresses replaced and <c>$KEY</c> set, and their real output checked; then the service's own start banner
/// examples, pasted as printed.
/// </summary>
public sealed class ReadmeServiceWalkthroughTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    // npx finds buf only from inside the repository (it looks for package.json and node_modules upwards from the
    // working directory), so the commands run in a scratch folder under the test's build output.
    private readonly string _scratch = Path.Combine(AppContext.BaseDirectory, "readme-service", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _folder.Dispose();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Cleanup must not hide a test's own failure.
        }
    }

    [Fact]
    public void Service_commands_keep_their_continuation_lines_and_only_the_addresses_change()
    {
        var markdown = "```sh\nnpx buf curl -H \"x-api-key: $KEY\" \\\n  -d '{}' \\\n  http://127.0.0.1:5080/a.B/C\ncurl http://127.0.0.1:5081/v1/x\nsesric query\n```\n```\ncurl http://127.0.0.1:5081/not-sh\n```";

        var commands = ReadmeServiceCommands.Extract(markdown);

        Assert.Equal(["npx buf curl -H \"x-api-key: $KEY\" \\\n  -d '{}' \\\n  http://127.0.0.1:5080/a.B/C", "curl http://127.0.0.1:5081/v1/x"], commands);
        Assert.Equal("curl http://127.0.0.1:4321/v1/x", ReadmeServiceCommands.PointedAt(commands[1], "http://127.0.0.1:1234", "http://127.0.0.1:4321"));
        Assert.Throws<InvalidOperationException>(() => ReadmeServiceCommands.PointedAt("curl https://example.org", "a", "b"));
    }

    [Fact]
    public async Task Readme_buf_curl_and_curl_commands_answer_from_the_running_service()
    {
        var root = ReadmeCommands.RepositoryRoot();
        var buf = Path.Combine(root, "node_modules", ".bin", "buf");
        if (!File.Exists(buf))
        {
            // A fresh clone: install buf from package.json and its lock file, as the README's reader would
            // (like the notebook tests restore dotnet-repl from the tool manifest), so `dotnet test` alone suffices.
            var install = await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], root, timeout: TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0 && File.Exists(buf), $"`npm ci` in {root} failed (exit {install.ExitCode}), so buf is missing:\n{install.Out}\n{install.Error}");
        }
        var commands = ReadmeServiceCommands.Extract(await File.ReadAllTextAsync(Path.Combine(root, "README.md")));
        Assert.Contains(commands, c => c.Contains("/sesric.analytics.v1.StatsService/Query", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("/sesric.analytics.v1.ForecastService/Forecast", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("/sesric.analytics.v1.ReportService/RenderReport", StringComparison.Ordinal));
        if (commands.Any(c => c.Contains("| jq ", StringComparison.Ordinal)))
        {
            Assert.True(OnPath("jq"), "a README command pipes into jq, which is not installed: `apt-get install jq` (or change the README command).");
        }
        Directory.CreateDirectory(_scratch);

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        using var service = await ServiceProcess.StartAsync(_folder.File("service.duckdb"), _folder.Path, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Sesric__ApiKeys__0__Name"] = "readme-walkthrough",
            ["Sesric__ApiKeys__0__Role"] = "Reader",
            ["Sesric__ApiKeys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
        }, TimeSpan.FromMinutes(2));

        foreach (var command in commands)
        {
            var shell = ReadmeServiceCommands.PointedAt(command, service.GrpcAddress, service.JsonAddress);
            CheckAnswer(command, await RunAsync(shell, key, service));
        }

        // The start banner offers ready-to-paste commands too (with $KEY when the key is configured): they must
        // work as pasted.
        var banner = service.Log.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var tryAt = Array.IndexOf(banner, "Try:");
        Assert.True(tryAt >= 0 && tryAt + 1 < banner.Length, $"no `Try:` line in the banner:\n{service.Log}");
        var jsonLine = Assert.Single(banner, l => l.StartsWith("JSON (HTTP/1.1) on ", StringComparison.Ordinal));
        var bannerQuery = await RunAsync(banner[tryAt + 1].Trim(), key, service);
        var bannerCurl = await RunAsync(jsonLine[(jsonLine.IndexOf("e.g. ", StringComparison.Ordinal) + "e.g. ".Length)..], key, service);

        Assert.Contains(["2020", "81", "29"], IntegerRows(bannerQuery.Out));
        Assert.Contains(JsonDocument.Parse(bannerCurl.Out).RootElement.GetProperty("editions").EnumerateArray(),
            e => e.GetProperty("name").GetString() == "programmes/diplomacy-cab/editions/4");
    }

    /// <summary>Runs one shell command line with bash (pipefail) in the scratch folder, with <c>$KEY</c> set; it must exit 0.</summary>
    private async Task<ChildResult> RunAsync(string shell, string key, ServiceProcess service)
    {
        var result = await ChildProcess.RunAsync("bash", ["-o", "pipefail", "-c", shell], _scratch, new Dictionary<string, string?>
        {
            ["KEY"] = key,
            // npx must use the buf that `npm ci` installed, never fetch one.
            ["npm_config_offline"] = "true",
        });
        Assert.True(result.ExitCode == 0, $"{result}\n--- service log\n{service.Log}");
        return result;
    }

    /// <summary>Each row's cells as text (buf curl writes int64 values as strings, JSON transcoding as numbers).</summary>
    private static string[][] IntegerRows(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("integerValue").ToString()).ToArray())
            .ToArray();

    private void CheckAnswer(string command, ChildResult result)
    {
        if (command.Contains("StatsService/Query", StringComparison.Ordinal))
        {
            // "answers one row: year 2020, 81 participants, 29 member states"
            Assert.Equal(["2020", "81", "29"], Assert.Single(IntegerRows(result.Out)));
        }
        else if (command.Contains("ForecastService/Forecast", StringComparison.Ordinal))
        {
            var forecast = JsonDocument.Parse(result.Out).RootElement;
            Assert.Equal("programmes/diplomacy-cab", forecast.GetProperty("programme").GetString());
            Assert.Contains("modality=virtual", forecast.GetProperty("scenario").GetString());
            foreach (var target in new[] { "participants", "memberStates" })
            {
                var figure = forecast.GetProperty(target);
                Assert.True(figure.GetProperty("point").GetDouble() > 0, $"{target}: {figure}");
                Assert.True(figure.GetProperty("interval80").GetProperty("upper").GetDouble() >= figure.GetProperty("point").GetDouble(), $"{target}: {figure}");
                Assert.False(string.IsNullOrEmpty(figure.GetProperty("model").GetString()), $"{target}: {figure}");
            }
            Assert.False(string.IsNullOrEmpty(forecast.GetProperty("modelVersion").GetString()));
        }
        else if (command.Contains("ReportService/RenderReport", StringComparison.Ordinal))
        {
            var report = Path.Combine(_scratch, "report.html");
            Assert.True(File.Exists(report), $"the RenderReport command wrote no report.html: {result}");
            var html = File.ReadAllText(report);
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("<html lang=\"fr\"", html);
            Assert.Contains("Diplomacy-CaB 2020", html);
            Assert.Contains("<svg", html);
            Assert.EndsWith("</html>\n", html);
        }
        else if (command.Contains("/v1/programmes/diplomacy-cab/editions/4", StringComparison.Ordinal))
        {
            var edition = JsonDocument.Parse(result.Out).RootElement.GetProperty("edition");
            Assert.Equal("programmes/diplomacy-cab/editions/4", edition.GetProperty("name").GetString());
            Assert.Equal(2020, edition.GetProperty("year").GetInt32());
            Assert.Equal(81, edition.GetProperty("published").GetProperty("participants").GetInt32());
        }
        else if (command.Contains("/odata/Statistics", StringComparison.Ordinal))
        {
            // "answers … [{"cell":"year=2020","year":2020,"participants":81,"withheld":null}]"
            var row = Assert.Single(JsonDocument.Parse(result.Out).RootElement.GetProperty("value").EnumerateArray());
            Assert.Equal(2020, row.GetProperty("year").GetInt32());
            Assert.Equal(81, row.GetProperty("participants").GetInt64());
        }
        else if (command.Contains("/v1/stats:query", StringComparison.Ordinal))
        {
            Assert.Contains(["2020", "81"], IntegerRows(result.Out));
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Out), $"README command printed nothing: {result}");
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
