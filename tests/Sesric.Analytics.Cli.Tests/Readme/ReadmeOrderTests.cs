namespace Sesric.Analytics.Cli.Tests.Readme;

/// <summary>The README's shell lines can be followed in order by someone with a fresh clone.</summary>
public sealed class ReadmeOrderTests
{
    [Fact]
    public async Task Npm_ci_comes_before_the_first_npx_buf_line()
    {
        var lines = ReadmeShellBlocks.Lines(await File.ReadAllTextAsync(Path.Combine(ReadmeCommands.RepositoryRoot(), "README.md"))).ToList();

        var firstNpx = lines.FindIndex(l => l.TrimStart().StartsWith("npx buf", StringComparison.Ordinal));
        var npmCi = lines.FindIndex(l => l.TrimStart().StartsWith("npm ci", StringComparison.Ordinal));

        Assert.True(firstNpx >= 0, "no npx buf line in the README's shell blocks");
        Assert.True(npmCi >= 0 && npmCi < firstNpx, $"`npm ci` (line {npmCi}) must come before the first `npx buf` line ({firstNpx}) in the README's shell blocks");
    }
}
