using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// The key file: the API keys the service accepts besides the configured ones, with their life cycle. The service
/// reloads it while it runs; <c>sesric keys create|list|revoke</c> edits it.
/// </summary>
/// <remarks>
/// <para>Format (UTF-8 JSON, written indented and in creation order):</para>
/// <code>
/// { "version": 1, "keys": [ { "id": "key_3f9a0c1b2d4e", "name": "bi-dashboard", "role": "reader",
///   "sha256": "&lt;64 hex&gt;", "created": "2026-12-03T22:00:00+00:00", "expires": "2027-03-03T00:00:00+00:00",
///   "revoked": null, "programmes": [ "diplomacy-cab", "oic-statcom" ], "member_states": [ "EGY", "TUR" ] } ] }
/// </code>
/// <para><c>programmes</c> scopes a key to those programmes, <c>member_states</c> to the participants of those states
/// (ISO alpha-3 codes; see <see cref="Semantic.DataScope"/>); a key without either sees every programme and state, so
/// files written before scopes existed keep their meaning. A build that predates a scope refuses a file with it
/// (unknown members are errors), rather than silently granting those keys everything.</para>
/// <para>Secrets are never stored: only the SHA-256 of each secret (a 32-byte random value, so a fast hash is enough; a
/// slow password hash guards low-entropy secrets that people choose, which these are not). Revoked keys stay in the file
/// (with their revocation time) so that lists and audits can still name them.</para>
/// <para>Writes go to a temporary file that then replaces the key file, so a reader never sees half a file.</para>
/// </remarks>
public static class KeyFile
{
    /// <summary>The format version this build reads and writes.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the keys; a missing file holds none. Throws <see cref="FormatException"/> naming the file and the problem.</summary>
    public static IReadOnlyList<KeyFileEntry> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the key file '{path}' is not valid: {e.Message}");
        }
        if (document is null || document.Version != Version)
        {
            throw new FormatException($"the key file '{path}' has version {document?.Version}; this build reads version {Version}.");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in document.Keys)
        {
            if (string.IsNullOrWhiteSpace(key.Id) || string.IsNullOrWhiteSpace(key.Name) || !Enum.IsDefined(key.Role)
                || key.Sha256.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit))
            {
                throw new FormatException($"the key file '{path}' has a key '{key.Id}' without a name, a role (reader, analyst, admin) or a SHA-256 hex digest.");
            }
            if (!ids.Add(key.Id) || !hashes.Add(key.Sha256.ToLowerInvariant()))
            {
                throw new FormatException($"the key file '{path}' repeats the id or the secret of key '{key.Id}'.");
            }
            if (key.Programmes is { } programmes)
            {
                if (programmes.Count == 0)
                {
                    throw new FormatException($"the key file '{path}' gives key '{key.Id}' an empty programmes list; list its programmes, or drop the list for every programme.");
                }
                var bad = programmes.FirstOrDefault(p => !Model.ProgrammeId.TryParse(p, out _));
                if (bad is not null)
                {
                    throw new FormatException($"the key file '{path}' gives key '{key.Id}' the programme '{bad}', which is not a programme slug (lower-case letters, digits and hyphens, such as diplomacy-cab).");
                }
            }
            if (key.MemberStates is { } states)
            {
                if (states.Count == 0)
                {
                    throw new FormatException($"the key file '{path}' gives key '{key.Id}' an empty member_states list; list its member states, or drop the list for every state.");
                }
                var bad = states.FirstOrDefault(s => !Model.CountryCode.TryParse(s, out _));
                if (bad is not null)
                {
                    throw new FormatException($"the key file '{path}' gives key '{key.Id}' the member state '{bad}', which is not an ISO 3166 alpha-3 code (three letters, such as TUR).");
                }
            }
        }
        return document.Keys;
    }

    /// <summary>Writes the keys, replacing the file in one step.</summary>
    public static void Save(string path, IReadOnlyList<KeyFileEntry> keys)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Document(Version, [.. keys]), Json) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            // Hashes are not secrets, but the file says who holds which role: owner read/write only.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, full, overwrite: true);
    }

    private sealed record Document(int Version, List<KeyFileEntry> Keys);
}
