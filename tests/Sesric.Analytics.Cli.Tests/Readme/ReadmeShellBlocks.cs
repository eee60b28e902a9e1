namespace Sesric.Analytics.Cli.Tests.Readme;

/// <summary>The lines of a Markdown file's shell code blocks (fenced as ```sh, ```bash or ```shell), in order.</summary>
public static class ReadmeShellBlocks
{
    /// <summary>Every line inside a shell block, without its line ending; fences and other blocks are left out.</summary>
    public static IEnumerable<string> Lines(string markdown)
    {
        var inShell = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = !inShell && line.Trim() is "```sh" or "```bash" or "```shell";
                continue;
            }
            if (inShell)
            {
                yield return line;
            }
        }
    }
}
