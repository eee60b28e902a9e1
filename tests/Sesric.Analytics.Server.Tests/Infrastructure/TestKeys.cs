using Grpc.Core;

using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Server.Tests.Infrastructure;

/// <summary>One key per role, configured (hashed) on every test host.</summary>
public static class TestKeys
{
    public const string Reader = "test-reader-key-0001";
    public const string Analyst = "test-analyst-key-0002";
    public const string Admin = "test-admin-key-0003";

    /// <summary>The configuration entries for the three keys.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Configuration()
    {
        var keys = new[] { ("reader", Reader, Role.Reader), ("analyst", Analyst, Role.Analyst), ("admin", Admin, Role.Admin) };
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new($"Sesric:ApiKeys:{i}:Name", keys[i].Item1);
            yield return new($"Sesric:ApiKeys:{i}:Sha256", ApiKeyRegistry.Hash(keys[i].Item2));
            yield return new($"Sesric:ApiKeys:{i}:Role", keys[i].Item3.ToString());
        }
    }

    /// <summary>Call metadata carrying <paramref name="key"/> (none when null).</summary>
    public static Metadata Headers(string? key) => key is null ? [] : new Metadata { { ApiKeyAuthInterceptor.Header, key } };
}
