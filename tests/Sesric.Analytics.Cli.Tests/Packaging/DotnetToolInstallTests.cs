using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

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
/// The package is runtime-specific (.NET 10 tool packages): a pointer package, a linux-x64 package precompiled
/// ReadyToRun, and a portable <c>any</c> package for every other platform. The test packs the configuration this test
/// run has already built (the README's <c>dotnet pack</c> builds Release, minutes on a loaded 2-core machine), so the
/// pack compiles only the tool's own project once per runtime, publishes it (crossgen2 for linux-x64) and zips the
/// packages; everything else is the README's command. Packages and nuspecs go to the temp folder; the per-runtime
/// builds and publishes go to the tool's bin folder, as any build does.
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
        var bin = Path.Combine(root, "src", "Sesric.Analytics.Cli", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(bin, "sesric.dll")), $"{bin}/sesric.dll is missing: build src/Sesric.Analytics.Cli in {configuration} first.");

        var artifacts = _folder.File("artifacts");
        var toolPath = _folder.File("tool");
        var packArgs = Replace(pack[1..], "-o", artifacts)
            .Concat(["-c", configuration, $"-p:NuspecOutputPath={_folder.File("nuspec")}/"]);
        var installArgs = Replace(Replace(install[1..], "--tool-path", toolPath), "--add-source", artifacts);

        var packed = await TimedAsync("dotnet", packArgs, root, TimeSpan.FromMinutes(20));
        Assert.True(packed.ExitCode == 0, packed.ToString());
        var packages = Directory.GetFiles(artifacts, "*.nupkg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Sesric.Analytics.Cli.0.1.0.nupkg", "Sesric.Analytics.Cli.any.0.1.0.nupkg", "Sesric.Analytics.Cli.linux-x64.0.1.0.nupkg"], packages);
        foreach (var package in packages)
        {
            log.WriteLine($"package {package}: {new FileInfo(Path.Combine(artifacts, package)).Length / 1_000_000.0:0.0} MB");
        }

        var installed = await TimedAsync("dotnet", installArgs, root, TimeSpan.FromMinutes(2));
        Assert.True(installed.ExitCode == 0, installed.ToString());

        // `dotnet tool install` picked this machine's package: on linux-x64 the precompiled one, whose sesric.dll carries
        // ReadyToRun code (a ManagedNativeHeader) that the IL build lacks; elsewhere the portable `any` one.
        var rid = OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64 ? "linux-x64" : "any";
        var installedDll = Assert.Single(Directory.GetFiles(Path.Combine(toolPath, ".store"), "sesric.dll", SearchOption.AllDirectories));
        Assert.EndsWith(Path.Combine("tools", "net10.0", rid, "sesric.dll"), installedDll, StringComparison.Ordinal);
        Assert.False(IsReadyToRun(Path.Combine(bin, "sesric.dll")), "the plain build is IL only (JIT-compiled)");
        Assert.Equal(rid == "linux-x64", IsReadyToRun(installedDll));

        // The installed tool is the code this pack built for that runtime (not a package of the same version from another
        // feed or cache): ReadyToRun compilation keeps the assembly's metadata, so its module version id.
        Assert.Equal(ModuleVersionId(Path.Combine(bin, rid, "sesric.dll")), ModuleVersionId(installedDll));

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

    /// <summary>Whether the assembly carries ReadyToRun (precompiled) code: crossgen2 fills the CLI header's ManagedNativeHeader.</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static Guid ModuleVersionId(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }
}
