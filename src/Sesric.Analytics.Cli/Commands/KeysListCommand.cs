using System.CommandLine;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric keys list --file F</c>: every key with its state; never a secret (the file has none).</summary>
public sealed class KeysListCommand : BaseCommand
{
    private readonly Option<FileInfo> _file = KeysCommand.CreateFileOption();
    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    public KeysListCommand(CliConsole console)
        : base("list", "List the keys: id, name, role, state (active, expired, revoked), created, expires, revoked, and the programmes each may see (empty: all). Secrets are never shown.", console)
    {
        Add(_file);
        Add(_format);
    }

    /// <inheritdoc/>
    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetValue(_file)!.FullName;
        if (!File.Exists(path))
        {
            throw new UserErrorException($"the key file '{path}' does not exist; create a key with: sesric keys create --file {path} --name NAME --role admin");
        }
        var now = TimeProvider.System.GetUtcNow();
        var listing = new Listing(
            [
                new("id", "Id"), new("name", "Name"), new("role", "Role"), new("state", "State"),
                new("created", "Created"), new("expires", "Expires"), new("revoked", "Revoked"), new("programmes", "Programmes"),
                new("member_states", "Member states"),
            ],
            KeyFile.Load(path).Select(k => new object?[]
            {
                k.Id, k.Name, ChoiceOption.Name(k.Role), k.StateAt(now), KeysCommand.Show(k.Created),
                k.Expires is null ? null : KeysCommand.Show(k.Expires), k.Revoked is null ? null : KeysCommand.Show(k.Revoked),
                k.Programmes is null ? null : string.Join(" ", k.Programmes),
                k.MemberStates is null ? null : string.Join(" ", k.MemberStates),
            }).ToArray());
        listing.Write(CommonOptions.FormatOf(parseResult, _format, Console), Console);
        return Task.FromResult(ExitCodes.Success);
    }
}
