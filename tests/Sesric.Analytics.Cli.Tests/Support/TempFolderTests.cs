using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Support;

/// <summary>The shared temp-folder helper every test project uses (tests/Sesric.Analytics.Testing).</summary>
public sealed class TempFolderTests
{
    [Fact]
    public void Each_folder_is_new_empty_and_gone_with_its_files_after_dispose()
    {
        var first = new TempFolder("cli");
        using var second = new TempFolder("cli");
        File.WriteAllText(first.File("a.txt"), "x");
        Directory.CreateDirectory(Path.Combine(first.Path, "nested"));
        File.WriteAllText(Path.Combine(first.Path, "nested", "b.txt"), "y");

        Assert.NotEqual(first.Path, second.Path);
        Assert.Empty(Directory.EnumerateFileSystemEntries(second.Path));
        Assert.Equal(Path.Combine(first.Path, "a.txt"), first.File("a.txt"));
        Assert.Contains("sesric-cli-tests", first.Path, StringComparison.Ordinal);

        first.Dispose();
        Assert.False(Directory.Exists(first.Path));
        first.Dispose(); // twice is harmless
        Assert.True(Directory.Exists(second.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a b")]
    public void An_area_that_is_not_a_plain_name_is_refused(string area)
    {
        Assert.ThrowsAny<ArgumentException>(() => new TempFolder(area));
    }
}
