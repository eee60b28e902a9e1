using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric keys create|list|revoke --file KEYFILE</c>: the service's API keys and their life cycle.</summary>
/// <remarks>
/// The key file holds only each secret's SHA-256 (format in <see cref="Api.Security.KeyFile"/>); a running service
/// reloads it within <c>Sesric:KeyFileReloadSeconds</c>, so keys are added, rotated and revoked without a restart.
/// </remarks>
public sealed class KeysCommand : Command
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public KeysCommand(CliConsole console)
        : base("keys", "Create, list and revoke the service's API keys in a key file (Sesric:KeyFile); the service reloads it while it runs.")
    {
        Add(new KeysCreateCommand(console));
        Add(new KeysListCommand(console));
        Add(new KeysRevokeCommand(console));
    }

    /// <summary>The <c>--file</c> option every subcommand takes.</summary>
    internal static Option<FileInfo> CreateFileOption() => new("--file")
    {
        Description = "The key file (JSON; the service's Sesric:KeyFile). 'create' makes it when it does not exist.",
        Required = true,
    };

    /// <summary>A time as lists show it: UTC, to the minute.</summary>
    internal static string Show(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "Z" : "";
}
