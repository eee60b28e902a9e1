namespace Sesric.Analytics.Cli.Tests.Support;

/// <summary>Runs the built <c>sesric</c> as a real child process (<c>dotnet sesric.dll ARGS</c>), standard streams redirected.</summary>
public static class SesricProcess
{
    public static Task<ChildResult> RunAsync(string workingDirectory, params string[] args) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "sesric.dll"), .. args], workingDirectory);
}
