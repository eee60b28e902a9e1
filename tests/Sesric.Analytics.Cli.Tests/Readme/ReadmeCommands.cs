using System.Text;

namespace Sesric.Analytics.Cli.Tests.Readme;

/// <summary>
/// Finds the README's copy-paste <c>sesric</c> commands: lines of ```sh blocks that start with <c>sesric </c> or
/// <c>dotnet run --project src/Sesric.Analytics.Cli -- </c> (a trailing backslash continues a line), except
/// <c>serve</c>, which runs until stopped.
/// </summary>
public static class ReadmeCommands
{
    public const string RunPrefix = "dotnet run --project src/Sesric.Analytics.Cli -- ";

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (Sesric.Analytics.sln) was not found above the test binaries.");
    }

    /// <summary>Each command's arguments (after <c>sesric</c>), in README order.</summary>
    public static IReadOnlyList<string[]> Extract(string markdown)
    {
        var commands = new List<string[]>();
        var pending = new StringBuilder();
        foreach (var line in ReadmeShellBlocks.Lines(markdown))
        {
            if (pending.Length > 0 || line.StartsWith("sesric ", StringComparison.Ordinal) || line.StartsWith(RunPrefix, StringComparison.Ordinal))
            {
                var continued = line.EndsWith('\\');
                pending.Append(continued ? line[..^1] : line).Append(' ');
                if (continued)
                {
                    continue;
                }
                var text = pending.ToString().Trim();
                pending.Clear();
                text = text.StartsWith(RunPrefix, StringComparison.Ordinal) ? text[RunPrefix.Length..] : text["sesric ".Length..];
                var args = ShellWords(text);
                if (args.Length > 0 && args[0] != "serve")
                {
                    commands.Add(args);
                }
            }
        }
        return commands;
    }

    /// <summary>Splits a POSIX shell line into words: single quotes literal, double quotes with \" and \\ escapes.</summary>
    public static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unclosed single quote in: {line}");
                }
                word.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                inWord = true;
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$')
                    {
                        i++;
                    }
                    word.Append(line[i]);
                }
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words.ToArray();
    }
}
