using System.CommandLine;
using System.Globalization;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric keys create --file F --name N --role R [--expires DATE | --days N] [--programme SLUG]… [--member-state ISO3]…</c>: adds a key and prints its secret once.</summary>
public sealed class KeysCreateCommand : BaseCommand
{
    private readonly Option<FileInfo> _file = KeysCommand.CreateFileOption();

    private readonly Option<string> _name = new("--name")
    {
        Description = "Who holds the key (a system or a team); shown in lists, logs and the audit log. Two keys may share a name during a rotation.",
        Required = true,
    };

    private readonly Option<Role> _role = ChoiceOption.WithDefault("--role", "What the key may do (default reader).", Role.Reader, Role.Analyst, Role.Admin);

    private readonly Option<string?> _expires = new("--expires")
    {
        Description = "When the key stops working: a date (yyyy-MM-dd, midnight UTC) or an ISO 8601 time. Default: never.",
    };

    private readonly Option<int?> _days = new("--days")
    {
        Description = "The key stops working this many days from now (instead of --expires).",
    };

    private readonly Option<string[]> _programmes = new("--programme")
    {
        Description = "A programme (slug) the key may see; repeat for several. Without it the key sees every programme.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _memberStates = new("--member-state")
    {
        Description = "A member state (ISO alpha-3, such as TUR) whose participants the key may see; repeat for several. Without it the key sees every state. "
            + "A key with member states is refused published totals, forecasts and annual reports, which count every state.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Creates the verb.</summary>
    public KeysCreateCommand(CliConsole console)
        : base("create", "Create a key: the secret is printed once and only its SHA-256 is kept.\n\nExample:\n  sesric keys create --file keys.json --name bi-dashboard --role reader --days 90\n  sesric keys create --file keys.json --name partner --programme diplomacy-cab --programme oic-statcom\n  sesric keys create --file keys.json --name turkiye-office --member-state TUR", console)
    {
        Add(_file);
        Add(_name);
        Add(_role);
        Add(_expires);
        Add(_days);
        Add(_programmes);
        Add(_memberStates);
    }

    /// <inheritdoc/>
    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetValue(_file)!.FullName;
        var name = parseResult.GetValue(_name)!.Trim();
        if (name.Length == 0)
        {
            throw new UserErrorException("--name is empty; name who holds the key.");
        }
        var role = parseResult.GetValue(_role);
        var now = TimeProvider.System.GetUtcNow();
        var expires = Expiry(parseResult.GetValue(_expires), parseResult.GetValue(_days), now);
        var keys = KeyFile.Load(path).ToList();
        KeyFileEntry entry;
        string secret;
        var programmes = parseResult.GetValue(_programmes);
        var memberStates = parseResult.GetValue(_memberStates);
        try
        {
            Semantic.DataScope.FromSlugs(programmes);
        }
        catch (FormatException e)
        {
            throw new UserErrorException($"--programme: {e.Message}");
        }
        try
        {
            (entry, secret) = KeyFileEntry.Create(name, role == default ? Role.Reader : role, now, expires, programmes, memberStates);
        }
        catch (FormatException e)
        {
            throw new UserErrorException($"--member-state: {e.Message}");
        }
        keys.Add(entry);
        KeyFile.Save(path, keys);
        Console.Out.WriteLine($"created {entry.Id} for {entry.Name} ({ChoiceOption.Name(entry.Role)}, {(expires is null ? "never expires" : "expires " + KeysCommand.Show(expires))}, sees {entry.ToScope()})");
        Console.Out.WriteLine($"secret (shown only now; the key file keeps its SHA-256): {secret}");
        return Task.FromResult(ExitCodes.Success);
    }

    private static DateTimeOffset? Expiry(string? text, int? days, DateTimeOffset now)
    {
        if (text is not null && days is not null)
        {
            throw new UserErrorException("give --expires or --days, not both.");
        }
        if (days is { } d)
        {
            return d > 0 ? now.AddDays(d) : throw new UserErrorException($"--days = {d}: give a whole number of days above 0.");
        }
        if (text is null)
        {
            return null;
        }
        DateTimeOffset expires;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            expires = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out expires))
        {
            throw new UserErrorException($"--expires = '{text}' is not a date (yyyy-MM-dd) or an ISO 8601 time.");
        }
        return expires > now ? expires : throw new UserErrorException($"--expires = '{text}' is not in the future.");
    }
}
