using System.Diagnostics;

namespace Sesric.Analytics.Reporting.Tests.Text;

/// <summary>Finds the Unicode Character Database files that Debian's <c>unicode-data</c> package installs.</summary>
/// <remarks>
/// The conformance files are large (15 MB) and versioned with Unicode, so they are not copied into the
/// repository. When they are missing the tests install the package, as the README tests install buf with
/// <c>npm ci</c> (so <c>dotnet test</c> alone suffices on a fresh machine; <c>.ci/run</c> installs it up front);
/// where that cannot work (not root, no apt-get, no network) they fail naming the command, never skip.
/// </remarks>
internal static class UnicodeFiles
{
    public const string Directory = "/usr/share/unicode";

    public const string InstallCommand = "apt-get update && apt-get install -y unicode-data";

    private static readonly Lazy<string?> InstallProblem = new(Install);

    /// <summary>The path of <paramref name="relativePath"/> under <see cref="Directory"/>; installs the package or fails naming the command when it is missing.</summary>
    public static string Path(string relativePath)
    {
        var path = System.IO.Path.Combine(Directory, relativePath);
        if (!File.Exists(path))
        {
            var problem = InstallProblem.Value;
            Assert.True(File.Exists(path),
                $"{path} is missing: the bidi tests need the Unicode Character Database from Debian's unicode-data package. "
                + $"Install it with `{InstallCommand}` (.ci/run does this when the files are missing). {problem}");
        }
        return path;
    }

    /// <summary>Installs unicode-data with apt-get; null on success, otherwise what went wrong.</summary>
    private static string? Install()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "The tests install it themselves only when run as root on Debian.";
        }
        try
        {
            var install = Run("apt-get", "install -y unicode-data");
            if (install.ExitCode == 0)
            {
                return null;
            }
            var update = Run("apt-get", "update");
            var retry = update.ExitCode == 0 ? Run("apt-get", "install -y unicode-data") : update;
            return retry.ExitCode == 0 ? null : $"apt-get failed (exit {retry.ExitCode}):\n{retry.Output}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"apt-get could not be started: {e.Message}";
        }
    }

    private static (int ExitCode, string Output) Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
        })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
