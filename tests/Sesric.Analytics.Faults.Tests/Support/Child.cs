using System.Diagnostics;

namespace Sesric.Analytics.Faults.Tests.Support;

/// <summary>What a finished child process returned and printed.</summary>
public sealed record ChildResult(int ExitCode, string Out, string Error, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>dotnet X.dll ARGS</c> from this test's output folder to completion, killing it (by its id) at a deadline.</summary>
public static class Child
{
    /// <summary>The <c>sesric</c> command line tool.</summary>
    public static Task<ChildResult> SesricAsync(params string[] args) => RunAsync("sesric.dll", args, TimeSpan.FromSeconds(90));

    /// <summary>The gRPC server, expected to stop by itself.</summary>
    public static Task<ChildResult> ServerAsync(params string[] args) => RunAsync("Sesric.Analytics.Server.dll", ["--metrics-address", "http://127.0.0.1:0", .. args], TimeSpan.FromSeconds(60));

    /// <summary>The gRPC server started from <paramref name="workingDirectory"/>, expected to stop by itself.</summary>
    public static Task<ChildResult> ServerFromAsync(string workingDirectory, params string[] args) =>
        RunAsync("Sesric.Analytics.Server.dll", ["--metrics-address", "http://127.0.0.1:0", .. args], TimeSpan.FromSeconds(60), workingDirectory);

    private static async Task<ChildResult> RunAsync(string dll, string[] args, TimeSpan timeout, string? workingDirectory = null)
    {
        var path = Path.Combine(AppContext.BaseDirectory, dll);
        Assert.True(File.Exists(path), $"{path} is missing: the project references its source project so that the build copies it.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Sesric__ApiKeys__0__Name"] = "ops";
        start.Environment["Sesric__ApiKeys__0__Sha256"] = new string('a', 64);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"dotnet {dll} {string.Join(' ', args)} did not stop within {timeout.TotalSeconds:0} s.\n{await output}\n{await error}");
        }
        return new ChildResult(process.ExitCode, await output, await error, stopwatch.Elapsed);
    }
}
