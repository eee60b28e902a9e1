using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Tests.Support;

/// <summary>What one in-process run of <c>sesric</c> returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the real command tree in-process with captured output (the same code path as the executable).</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SesricCli.RunAsync(args, CliConsole.Captured(output, error));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts success, showing everything printed when it fails.</summary>
    public static async Task<CliResult> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == ExitCodes.Success, $"sesric {string.Join(' ', args)} failed: {result}");
        return result;
    }
}
