using System.Text.Json;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

public sealed class KeysCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli-keys");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Create_prints_the_secret_once_list_never_shows_it_and_revoke_marks_the_key()
    {
        var file = _folder.File("keys.json");

        var created = await CliRun.SucceedAsync("keys", "create", "--file", file, "--name", "bi-dashboard", "--role", "analyst", "--days", "90");
        var second = await CliRun.SucceedAsync("keys", "create", "--file", file, "--name", "bi-dashboard", "--role", "analyst");

        var secret = created.Out.Split("secret (shown only now; the key file keeps its SHA-256): ")[1].Trim();
        var id = created.Out.Split(' ')[1];
        Assert.StartsWith("sk_", secret, StringComparison.Ordinal);
        Assert.StartsWith("key_", id, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        // The file's entry authenticates exactly this secret.
        Assert.Equal(id, new ApiKeyRegistry([], KeyFile.Load(file)).Find(secret, DateTimeOffset.UtcNow)!.KeyId);

        var listed = await CliRun.SucceedAsync("keys", "list", "--file", file, "-f", "json");
        var rows = JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().ToList();
        Assert.DoesNotContain(secret, listed.Out, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("active", r.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.String, rows[0].GetProperty("expires").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("expires").ValueKind);

        var revoked = await CliRun.SucceedAsync("keys", "revoke", "--file", file, id);
        var again = await CliRun.SucceedAsync("keys", "revoke", "--file", file, id);
        var after = JsonDocument.Parse((await CliRun.SucceedAsync("keys", "list", "--file", file, "-f", "json")).Out).RootElement;

        Assert.Contains($"revoked {id} (bi-dashboard)", revoked.Out, StringComparison.Ordinal);
        Assert.Contains("already revoked", again.Out, StringComparison.Ordinal);
        Assert.Equal("revoked", after[0].GetProperty("state").GetString());
        Assert.Equal("active", after[1].GetProperty("state").GetString());
        Assert.Null(new ApiKeyRegistry([], KeyFile.Load(file)).Find(secret, DateTimeOffset.UtcNow));
        Assert.Contains("secret", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_and_a_past_expiry_are_user_errors()
    {
        var file = _folder.File("keys.json");
        await CliRun.SucceedAsync("keys", "create", "--file", file, "--name", "ops", "--role", "admin");

        var unknown = await CliRun.RunAsync("keys", "revoke", "--file", file, "key_000000000000");
        var past = await CliRun.RunAsync("keys", "create", "--file", file, "--name", "x", "--expires", "2001-01-01");

        Assert.Equal(ExitCodes.UserError, unknown.ExitCode);
        Assert.Contains("no key 'key_000000000000'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UserError, past.ExitCode);
        Assert.Contains("not in the future", past.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_programmes_scopes_the_key_list_shows_them_and_revoke_keeps_them()
    {
        var file = _folder.File("keys.json");

        var created = await CliRun.SucceedAsync("keys", "create", "--file", file, "--name", "partner", "--programme", "oic-statcom", "--programme", "diplomacy-cab");
        await CliRun.SucceedAsync("keys", "create", "--file", file, "--name", "ops", "--role", "admin");
        var id = created.Out.Split(' ')[1];
        await CliRun.SucceedAsync("keys", "revoke", "--file", file, id);
        var rows = JsonDocument.Parse((await CliRun.SucceedAsync("keys", "list", "--file", file, "-f", "json")).Out).RootElement;
        var bad = await CliRun.RunAsync("keys", "create", "--file", file, "--name", "x", "--programme", "Not A Slug");

        Assert.Contains("sees diplomacy-cab, oic-statcom", created.Out, StringComparison.Ordinal);
        Assert.Equal("diplomacy-cab oic-statcom", rows[0].GetProperty("programmes").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("programmes").ValueKind);
        var keys = KeyFile.Load(file);
        Assert.Equal(["diplomacy-cab", "oic-statcom"], keys[0].Programmes!);
        Assert.NotNull(keys[0].Revoked);
        Assert.Null(keys[1].Programmes);
        Assert.DoesNotContain("programmes", (await File.ReadAllTextAsync(file)).Split("\"ops\"")[1], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UserError, bad.ExitCode);
        Assert.Contains("'Not A Slug'", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_member_states_scopes_the_key_and_list_shows_them_beside_the_programmes()
    {
        var file = _folder.File("keys.json");

        var created = await CliRun.SucceedAsync("keys", "create", "--file", file, "--name", "office", "--member-state", "tur", "--member-state", "EGY", "--programme", "diplomacy-cab");
        var statesOnly = await CliRun.SucceedAsync("keys", "create", "--file", file, "--name", "turkiye-office", "--member-state", "TUR");
        await CliRun.SucceedAsync("keys", "create", "--file", file, "--name", "ops", "--role", "admin");
        var rows = JsonDocument.Parse((await CliRun.SucceedAsync("keys", "list", "--file", file, "-f", "json")).Out).RootElement;
        var table = (await CliRun.SucceedAsync("keys", "list", "--file", file, "-f", "csv")).Out;
        var bad = await CliRun.RunAsync("keys", "create", "--file", file, "--name", "x", "--member-state", "Turkey");

        Assert.Contains("sees diplomacy-cab; member states EGY, TUR", created.Out, StringComparison.Ordinal);
        Assert.Contains("sees member states TUR", statesOnly.Out, StringComparison.Ordinal);
        Assert.Equal("EGY TUR", rows[0].GetProperty("member_states").GetString());
        Assert.Equal("diplomacy-cab", rows[0].GetProperty("programmes").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("programmes").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("member_states").ValueKind);
        Assert.Contains("member_states", table.Split('\n')[0], StringComparison.Ordinal);
        var keys = KeyFile.Load(file);
        Assert.Equal(["EGY", "TUR"], keys[0].MemberStates!);
        Assert.Null(keys[2].MemberStates);
        Assert.Equal(ExitCodes.UserError, bad.ExitCode);
        Assert.Contains("--member-state", bad.Error, StringComparison.Ordinal);
        Assert.Contains("'Turkey'", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(file).Count(l => l.Contains("\"member_states\"", StringComparison.Ordinal)));
    }
}
