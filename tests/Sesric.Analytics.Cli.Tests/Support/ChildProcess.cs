using System.Diagnostics;

namespace Sesric.Analytics.Cli.Tests.Support;

/// <summary>What a finished child process returned and printed.</summary>
public sealed record ChildResult(string Command, int ExitCode, string Out, string Error)
{
    public override string ToString() => $"`{Command}` exited {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs a child process to completion with captured output and a deadline; on the deadline the process (and
/// its children) is killed by its id and the run fails.
/// </summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<ChildResult> RunAsync(
        string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        ForChildDotnet(start);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        var command = $"{file} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"`{command}` did not finish within {limit.TotalSeconds:0} s and was killed.\n{await output}\n{await error}");
        }
        return new ChildResult(command, process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Removes the MSBuild variables that <c>dotnet test</c> leaves in the test host's environment, so that a
    /// <c>dotnet pack</c> or <c>dotnet tool</c> started from a test behaves as it does in a terminal, and turns
    /// off MSBuild node reuse so that no build process outlives the test.
    /// </summary>
    public static void ForChildDotnet(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        // No MSBuild worker nodes left running after the test (node reuse keeps them for 15 minutes).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
    }
}
