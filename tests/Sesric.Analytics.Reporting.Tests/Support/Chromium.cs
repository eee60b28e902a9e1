using System.Diagnostics;

namespace Sesric.Analytics.Reporting.Tests.Support;

/// <summary>
/// Debian's headless Chromium and poppler's pdftotext, run as processes. A test that needs them fails loudly with the
/// install command when they are missing (never skips silently).
/// </summary>
internal static class Chromium
{
    public const string Install = "apt-get install -y chromium poppler-utils";

    public static string Require(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var path = Path.Combine(dir, tool);
            if (File.Exists(path))
            {
                return path;
            }
        }
        Assert.Fail($"'{tool}' is not installed; the browser tests need it. Install it with: {Install}");
        return "";
    }

    /// <summary>Runs Chromium headless on <paramref name="file"/> with <paramref name="arguments"/>; returns stdout.</summary>
    public static string Run(string file, params string[] arguments)
    {
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + Path.Combine(Path.GetDirectoryName(file)!, "chromium-profile")];
        return Exec(Require("chromium"), [.. common, .. arguments, new Uri(file).AbsoluteUri]);
    }

    public static string Exec(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within 2 minutes.");
        }
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
