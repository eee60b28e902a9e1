using System.Diagnostics;
using System.Security.Cryptography;

using Sesric.Analytics.Cli.Tests.Readme;
using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

using Xunit.Abstractions;

namespace Sesric.Analytics.Cli.Tests.Packaging;

/// <summary>
/// The README's "as a dotnet tool" commands, run for real: <c>dotnet pack</c> of the CLI into a temp folder,
/// <c>dotnet tool install --tool-path … --add-source …</c> from it, and the installed <c>sesric</c> answering.
/// </summary>
/// <remarks>
/// The README's <c>dotnet pack</c> builds the Release configuration first (minutes on a loaded 2-core machine).
/// The test packs with <c>--no-build</c> the configuration this test run has already built, which leaves only
/// the publish copy and the zip of the 200 MB cross-platform package; everything else is the README's command.
/// Publish and nuspec go to the temp folder too, so the working tree is not touched.
/// </remarks>
public sealed class DotnetToolInstallTests(ITestOutputHelper log) : IDisposable
{
    private const string PackLine = "dotnet pack src/Sesric.Analytics.Cli";
    private const string InstallLine = "dotnet tool install ";
    private const string ReadmeToolPath = "~/.sesric-tool";

    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Readme_pack_and_tool_install_give_a_working_sesric()
    {
        var root = ReadmeCommands.RepositoryRoot();
        var lines = (await File.ReadAllLinesAsync(Path.Combine(root, "README.md"))).Select(l => l.Trim()).ToArray();
        var pack = ReadmeCommands.ShellWords(Assert.Single(lines, l => l.StartsWith(PackLine, StringComparison.Ordinal)));
        var install = ReadmeCommands.ShellWords(Assert.Single(lines, l => l.StartsWith(InstallLine, StringComparison.Ordinal)));
        var run = ReadmeCommands.ShellWords(Assert.Single(lines, l => l.StartsWith(ReadmeToolPath + "/", StringComparison.Ordinal)));

        // This test run's configuration: the test binaries sit in bin/<configuration>/<framework>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var built = Path.Combine(root, "src", "Sesric.Analytics.Cli", "bin", configuration, "net10.0", "sesric.dll");
        Assert.True(File.Exists(built), $"{built} is missing: build src/Sesric.Analytics.Cli in {configuration} before packing it with --no-build.");

        var artifacts = _folder.File("artifacts");
        var toolPath = _folder.File("tool");
        var packArgs = Replace(pack[1..], "-o", artifacts)
            .Concat(["--no-build", "-c", configuration, $"-p:PublishDir={_folder.File("publish")}/", $"-p:NuspecOutputPath={_folder.File("nuspec")}/"]);
        var installArgs = Replace(Replace(install[1..], "--tool-path", toolPath), "--add-source", artifacts);

        var packed = await TimedAsync("dotnet", packArgs, root, TimeSpan.FromMinutes(5));
        Assert.True(packed.ExitCode == 0, packed.ToString());
        var package = Assert.Single(Directory.GetFiles(artifacts, "*.nupkg"));
        log.WriteLine($"package {Path.GetFileName(package)}: {new FileInfo(package).Length / 1_000_000.0:0.0} MB");

        var installed = await TimedAsync("dotnet", installArgs, root, TimeSpan.FromMinutes(2));
        Assert.True(installed.ExitCode == 0, installed.ToString());

        // The installed tool is the code this run built (not a package of the same version from another feed).
        var installedDll = Assert.Single(Directory.GetFiles(Path.Combine(toolPath, ".store"), "sesric.dll", SearchOption.AllDirectories));
        Assert.Equal(Hash(built), Hash(installedDll));

        var sesric = Path.Combine(toolPath, run[0][(ReadmeToolPath.Length + 1)..]);
        var help = await TimedAsync(sesric, run[1..], _folder.Path, TimeSpan.FromMinutes(1));
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("Usage:", help.Out);

        // `sesric serve` from the installed tool: the service library came with the package, and so did the
        // settings that serve reads beside the tool's binaries.
        var settings = Assert.Single(Directory.GetFiles(Path.Combine(toolPath, ".store"), "appsettings.json", SearchOption.AllDirectories));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(root, "src", "Sesric.Analytics.Cli", "appsettings.json")), await File.ReadAllTextAsync(settings));
        var banner = await FirstLineAsync(
            sesric, ["serve", "--dev", "--address", "http://127.0.0.1:0", "--json-address", "", "--metrics-address", "", "--db", _folder.File("serve.duckdb")],
            "Sesric.Analytics gRPC service listening on http://127.0.0.1:", TimeSpan.FromMinutes(1));
        log.WriteLine(banner);

        var editions = await TimedAsync(sesric, ["editions", "--format", "json", "--db", _folder.File("tool.duckdb")], _folder.Path, TimeSpan.FromMinutes(1));
        Assert.True(editions.ExitCode == 0, editions.ToString());
        var diplomacy2020 = Json.Rows(editions.Out).Find("diplomacy-cab", 4);
        Assert.Equal(2020, diplomacy2020.GetProperty("year").GetInt32());
        Assert.Equal(81, diplomacy2020.Long("published_participants"));
        Assert.Equal(29, diplomacy2020.Long("published_member_states"));
        Assert.Equal(81, diplomacy2020.Long("registry_participants"));
    }

    private async Task<ChildResult> TimedAsync(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var result = await ChildProcess.RunAsync(file, args, workingDirectory, timeout: timeout);
        log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s  {result.Command}");
        return result;
    }

    /// <summary>
    /// Starts <paramref name="file"/>, returns its first standard-output line that starts with <paramref name="prefix"/>
    /// and kills it by its process id; fails with what it printed when it exits or times out first.
    /// </summary>
    private static async Task<string> FirstLineAsync(string file, IEnumerable<string> args, string prefix, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        ChildProcess.ForChildDotnet(start);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var error = process.StandardError.ReadToEndAsync();
        var printed = new System.Text.StringBuilder();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                printed.AppendLine(line);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
        Assert.Fail($"`{file} {string.Join(' ', start.ArgumentList)}` printed no line starting with '{prefix}' within {timeout.TotalSeconds:0} s:\n{printed}\n{await error}");
        return "";
    }

    /// <summary>The words with the value after <paramref name="option"/> replaced; fails when the README's command lacks it.</summary>
    private static string[] Replace(string[] words, string option, string value)
    {
        var at = Array.IndexOf(words, option);
        Assert.True(at >= 0 && at + 1 < words.Length, $"the README's command `{string.Join(' ', words)}` has no {option} VALUE");
        var copy = words.ToArray();
        copy[at + 1] = value;
        return copy;
    }

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
