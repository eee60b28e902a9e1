using System.Text;

namespace Sesric.Analytics.Cli.Tests.Readme;

/// <summary>
/// Finds the README's commands that call the running service: lines of ```sh blocks that start with
/// <c>npx buf curl </c> or <c>curl </c>, with their backslash continuations, kept as shell text to run with bash.
/// </summary>
public static class ReadmeServiceCommands
{
    /// <summary>The gRPC address the README's commands use.</summary>
    public const string GrpcAddress = "http://127.0.0.1:5080";

    /// <summary>The JSON address the README's commands use.</summary>
    public const string JsonAddress = "http://127.0.0.1:5081";

    /// <summary>Each command's shell text (continuation lines joined by their backslash-newline), in README order.</summary>
    public static IReadOnlyList<string> Extract(string markdown)
    {
        var commands = new List<string>();
        var pending = new StringBuilder();
        foreach (var line in ReadmeShellBlocks.Lines(markdown))
        {
            if (pending.Length > 0 || line.StartsWith("npx buf curl ", StringComparison.Ordinal) || line.StartsWith("curl ", StringComparison.Ordinal))
            {
                pending.Append(line);
                if (line.EndsWith('\\'))
                {
                    pending.Append('\n');
                    continue;
                }
                commands.Add(pending.ToString());
                pending.Clear();
            }
        }
        return commands;
    }

    /// <summary>
    /// The command pointed at a test service: the README's two addresses replaced, nothing else changed
    /// (the key comes from <c>$KEY</c> in the environment, as the README sets it).
    /// </summary>
    public static string PointedAt(string command, string grpcAddress, string jsonAddress)
    {
        if (!command.Contains(GrpcAddress, StringComparison.Ordinal) && !command.Contains(JsonAddress, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"README command calls neither {GrpcAddress} nor {JsonAddress}, so the test cannot point it at its own service:\n{command}");
        }
        return command.Replace(GrpcAddress, grpcAddress, StringComparison.Ordinal).Replace(JsonAddress, jsonAddress, StringComparison.Ordinal);
    }
}
