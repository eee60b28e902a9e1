using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.Unit;

/// <summary>Scopes on keys: in the key file (round trip, files without scopes), in configuration, and refused when malformed.</summary>
public sealed class KeyScopeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 22, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("key-scopes");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_key_file_with_scopes_round_trips_and_its_callers_carry_them()
    {
        var path = _folder.File("keys.json");
        var (scoped, scopedSecret) = KeyFileEntry.Create("partner", Role.Reader, Now, null, ["oic-statcom", "diplomacy-cab"]);
        var (open, openSecret) = KeyFileEntry.Create("ops", Role.Admin, Now, null);

        KeyFile.Save(path, [scoped, open]);
        var loaded = KeyFile.Load(path);
        var registry = new ApiKeyRegistry([], loaded);

        Assert.Equal(["diplomacy-cab", "oic-statcom"], loaded[0].Programmes!);
        Assert.Equal(scoped with { Programmes = null }, loaded[0] with { Programmes = null });
        Assert.Null(loaded[1].Programmes);
        Assert.DoesNotContain("programmes", File.ReadAllText(path).Split("\"ops\"")[1], StringComparison.Ordinal); // unscoped: no member at all
        Assert.Equal(DataScope.FromSlugs(["diplomacy-cab", "oic-statcom"]), registry.Find(scopedSecret, Now)!.Scope);
        Assert.Same(DataScope.All, registry.Find(openSecret, Now)!.Scope);
    }

    [Fact]
    public void A_key_file_written_before_scopes_existed_still_loads_and_sees_everything()
    {
        var path = _folder.File("keys.json");
        File.WriteAllText(path, $$"""
            { "version": 1, "keys": [ { "id": "key_3f9a0c1b2d4e", "name": "bi", "role": "reader",
              "sha256": "{{ApiKeyRegistry.Hash("s")}}", "created": "2026-12-03T22:00:00+00:00", "expires": null, "revoked": null } ] }
            """);

        var caller = new ApiKeyRegistry([], KeyFile.Load(path)).Find("s", Now);

        Assert.True(caller!.Scope.IsUnrestricted);
    }

    [Theory]
    [InlineData("[]", "empty programmes list")]
    [InlineData("[\"Diplomacy CaB\"]", "'Diplomacy CaB'")]
    public void A_malformed_scope_in_the_key_file_is_refused_naming_the_key(string programmes, string expected)
    {
        var path = _folder.File("keys.json");
        File.WriteAllText(path, $$"""
            { "version": 1, "keys": [ { "id": "key_3f9a0c1b2d4e", "name": "bi", "role": "reader",
              "sha256": "{{ApiKeyRegistry.Hash("s")}}", "created": "2026-12-03T22:00:00+00:00", "programmes": {{programmes}} } ] }
            """);

        var e = Assert.Throws<FormatException>(() => KeyFile.Load(path));

        Assert.Contains("key_3f9a0c1b2d4e", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_keys_and_client_certificates_carry_their_programmes()
    {
        var registry = new ApiKeyRegistry([new ApiKeyOptions { Name = "bi", Sha256 = ApiKeyRegistry.Hash("k"), Programmes = ["diplomacy-cab"] }]);
        var bad = Assert.Throws<InvalidOperationException>(() =>
            new ApiKeyRegistry([new ApiKeyOptions { Name = "bi", Sha256 = ApiKeyRegistry.Hash("k"), Programmes = ["not a slug"] }]));
        using var certificate = Infrastructure.TestCertificates.Client("CN=etl");
        var certificates = new ClientCertificateMap(new TlsOptions
        {
            ClientCertificates = { new ClientCertificateOptions { Name = "etl", Thumbprint = certificate.Thumbprint, Role = Role.Admin, Programmes = ["oic-statcom"] } },
        });

        Assert.Equal(DataScope.Of([ProgrammeId.Parse("diplomacy-cab")]), registry.Find("k", Now)!.Scope);
        Assert.Contains("Sesric:ApiKeys:0:Programmes for key 'bi'", bad.Message, StringComparison.Ordinal);
        Assert.Equal(DataScope.Of([ProgrammeId.Parse("oic-statcom")]), certificates.Find(certificate)!.Scope);
    }
}
