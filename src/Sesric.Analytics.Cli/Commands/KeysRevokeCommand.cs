using System.CommandLine;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric keys revoke --file F ID</c>: the key stops working once the service reloads the file (within seconds).</summary>
public sealed class KeysRevokeCommand : BaseCommand
{
    private readonly Option<FileInfo> _file = KeysCommand.CreateFileOption();

    private readonly Argument<string> _id = new("id")
    {
        Description = "The key's id (key_…), as 'sesric keys create' printed it and 'sesric keys list' shows it.",
    };

    /// <summary>Creates the verb.</summary>
    public KeysRevokeCommand(CliConsole console)
        : base("revoke", "Revoke a key; it stays in the file, marked revoked, so lists and audits still name it.\n\nExample:\n  sesric keys revoke --file keys.json key_3f9a0c1b2d4e", console)
    {
        Add(_file);
        Add(_id);
    }

    /// <inheritdoc/>
    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetValue(_file)!.FullName;
        var id = parseResult.GetValue(_id)!.Trim();
        var keys = KeyFile.Load(path).ToList();
        var index = keys.FindIndex(k => k.Id == id);
        if (index < 0)
        {
            throw new UserErrorException($"no key '{id}' in '{path}'; 'sesric keys list --file {path}' shows the ids.");
        }
        if (keys[index].Revoked is { } already)
        {
            Console.Out.WriteLine($"{id} was already revoked on {KeysCommand.Show(already)}; nothing changed");
            return Task.FromResult(ExitCodes.Success);
        }
        var now = TimeProvider.System.GetUtcNow();
        keys[index] = keys[index] with { Revoked = now };
        KeyFile.Save(path, keys);
        Console.Out.WriteLine($"revoked {id} ({keys[index].Name}) at {KeysCommand.Show(now)}; a running service refuses it after its next key file check");
        return Task.FromResult(ExitCodes.Success);
    }
}
