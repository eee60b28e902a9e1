using Sesric.Analytics.Cli;
using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Storage.Postgres.Tests.Cli;

/// <summary>What one in-process <c>sesric</c> run printed.</summary>
internal sealed record CliResult(int Code, string Output, string Error);

/// <summary>Runs the real <c>sesric</c> command line in this process with a captured console.</summary>
internal static class CliRun
{
    /// <summary>Runs <c>sesric --db STORE ARGS…</c>.</summary>
    public static Task<CliResult> OnAsync(string store, params string[] args) => RunAsync(["--db", store, .. args]);

    /// <summary>Runs <c>sesric ARGS…</c>.</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SesricCli.RunAsync(args, CliConsole.Captured(output, error));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>sesric --db STORE ARGS…</c> and fails the test, with its standard error, unless it succeeds.</summary>
    public static async Task<string> SucceedOnAsync(string store, params string[] args)
    {
        var result = await OnAsync(store, args);
        Assert.True(result.Code == 0, $"sesric {string.Join(' ', args)} on {store} exited {result.Code}: {result.Error}");
        return result.Output;
    }

    /// <summary>The repository's root folder (holding Sesric.Analytics.sln), for the samples.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Sesric.Analytics.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("the repository root (Sesric.Analytics.sln) was not found above the test binaries.");
    }

    /// <summary>A file of the repository's <c>samples/</c> folder.</summary>
    public static string Sample(params string[] parts) => Path.Combine([RepositoryRoot(), "samples", .. parts]);
}
