using System.Text.Json;

using Sesric.Analytics.Api.Auditing;
using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.Unit;

/// <summary>
/// Member-state scopes on keys: <c>member_states</c> in the key file (round trip, validation), in configuration and on
/// client certificates, and in the audit lines of key changes.
/// </summary>
public sealed class MemberStateKeyScopeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 14, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("key-state-scopes");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_key_file_with_member_states_round_trips_as_member_states_and_its_callers_carry_them()
    {
        var path = _folder.File("keys.json");
        var (scoped, secret) = KeyFileEntry.Create("office", Role.Reader, Now, null, ["diplomacy-cab"], ["tur", "EGY"]);
        var (open, _) = KeyFileEntry.Create("ops", Role.Admin, Now, null);

        KeyFile.Save(path, [scoped, open]);
        var text = File.ReadAllText(path);
        var loaded = KeyFile.Load(path);

        Assert.Equal(["EGY", "TUR"], JsonDocument.Parse(text).RootElement.GetProperty("keys")[0].GetProperty("member_states").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("member_states", text.Split("\"ops\"")[1], StringComparison.Ordinal); // unscoped: no member at all
        Assert.Equal(scoped, loaded[0]); // the lists compare by their items
        Assert.Null(loaded[1].MemberStates);
        Assert.Equal(DataScope.FromSlugs(["diplomacy-cab"], ["EGY", "TUR"]), new ApiKeyRegistry([], loaded).Find(secret, Now)!.Scope);
        Assert.Contains("'TURKEY'", Assert.Throws<FormatException>(() => KeyFileEntry.Create("x", Role.Reader, Now, null, null, ["TURKEY"])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "empty member_states list")]
    [InlineData("[\"TURKEY\"]", "the member state 'TURKEY', which is not an ISO 3166 alpha-3 code")]
    public void A_malformed_member_state_scope_in_the_key_file_is_refused_naming_the_key(string states, string expected)
    {
        var path = _folder.File("keys.json");
        File.WriteAllText(path, $$"""
            { "version": 1, "keys": [ { "id": "key_3f9a0c1b2d4e", "name": "bi", "role": "reader",
              "sha256": "{{ApiKeyRegistry.Hash("s")}}", "created": "2026-12-03T22:00:00+00:00", "member_states": {{states}} } ] }
            """);

        var e = Assert.Throws<FormatException>(() => KeyFile.Load(path));

        Assert.Contains("key_3f9a0c1b2d4e", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_keys_and_client_certificates_carry_their_member_states_and_a_bad_code_names_the_setting()
    {
        var registry = new ApiKeyRegistry([new ApiKeyOptions { Name = "bi", Sha256 = ApiKeyRegistry.Hash("k"), MemberStates = ["TUR"] }]);
        var bad = Assert.Throws<InvalidOperationException>(() =>
            new ApiKeyRegistry([new ApiKeyOptions { Name = "bi", Sha256 = ApiKeyRegistry.Hash("k"), MemberStates = ["Turkey"] }]));
        using var certificate = Infrastructure.TestCertificates.Client("CN=etl");
        var certificates = new ClientCertificateMap(new TlsOptions
        {
            ClientCertificates = { new ClientCertificateOptions { Name = "etl", Thumbprint = certificate.Thumbprint, Role = Role.Admin, Programmes = ["oic-statcom"], MemberStates = ["egy"] } },
        });
        var badCertificate = Assert.Throws<ServiceConfigurationException>(() => new ClientCertificateMap(new TlsOptions
        {
            ClientCertificates = { new ClientCertificateOptions { Name = "etl", Thumbprint = certificate.Thumbprint, MemberStates = ["E"] } },
        }));

        Assert.Equal(DataScope.OfMemberStates([CountryCode.Parse("TUR")]), registry.Find("k", Now)!.Scope);
        Assert.Contains("Sesric:ApiKeys:0:MemberStates for key 'bi'", bad.Message, StringComparison.Ordinal);
        Assert.Contains("'Turkey'", bad.Message, StringComparison.Ordinal);
        Assert.Equal(DataScope.FromSlugs(["oic-statcom"], ["EGY"]), certificates.Find(certificate)!.Scope);
        Assert.Contains(":MemberStates for 'etl'", badCertificate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_change_audit_lines_carry_the_scope_and_a_reload_that_changes_only_the_states_is_a_change()
    {
        var (key, _) = KeyFileEntry.Create("office", Role.Reader, Now, null, null, ["TUR"]);
        var (open, _) = KeyFileEntry.Create("ops", Role.Admin, Now, null);
        var widened = key with { MemberStates = ["EGY", "TUR"] };

        var created = KeyChangeAudit.Records([], [key, open], Now);
        var unchanged = KeyChangeAudit.Records([key, open], [key with { MemberStates = ["TUR"] }, open], Now);
        var changed = Assert.Single(KeyChangeAudit.Records([key], [widened], Now));

        Assert.Equal(["member states TUR", null], created.Select(r => r.Scope));
        Assert.Empty(unchanged);
        Assert.Equal("key_changed", changed.Event);
        Assert.Equal("member states EGY, TUR", changed.Scope);
        Assert.Contains("\"scope\":\"member states EGY, TUR\"", JsonSerializer.Serialize(changed), StringComparison.Ordinal);
    }
}
