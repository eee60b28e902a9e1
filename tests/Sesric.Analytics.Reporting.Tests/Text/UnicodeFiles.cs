namespace Sesric.Analytics.Reporting.Tests.Text;

/// <summary>Finds the Unicode Character Database files that Debian's <c>unicode-data</c> package installs.</summary>
/// <remarks>
/// The conformance files are large (15 MB) and versioned with Unicode, so they are not copied into the
/// repository: CI installs the package (<c>.ci/run</c>), and a developer without it gets a failure that says
/// how to install it, never a skipped test.
/// </remarks>
internal static class UnicodeFiles
{
    public const string Directory = "/usr/share/unicode";

    /// <summary>The path of <paramref name="relativePath"/> under <see cref="Directory"/>; fails naming the install command when it is missing.</summary>
    public static string Path(string relativePath)
    {
        var path = System.IO.Path.Combine(Directory, relativePath);
        Assert.True(File.Exists(path),
            $"{path} is missing: the bidi tests need the Unicode Character Database from Debian's unicode-data package. "
            + "Install it with `apt-get update && apt-get install -y unicode-data` (.ci/run does this when the files are missing).");
        return path;
    }
}
