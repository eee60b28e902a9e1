using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Api.Auditing;

/// <summary>Turns a key file reload into audit records: which keys were created, revoked, changed or removed.</summary>
public static class KeyChangeAudit
{
    /// <summary>The records for going from <paramref name="before"/> to <paramref name="after"/>, in the file's order.</summary>
    public static IReadOnlyList<AuditRecord> Records(IReadOnlyList<KeyFileEntry> before, IReadOnlyList<KeyFileEntry> after, DateTimeOffset now)
    {
        var old = before.ToDictionary(k => k.Id, StringComparer.Ordinal);
        var records = new List<AuditRecord>();
        foreach (var key in after)
        {
            var change = !old.Remove(key.Id, out var previous) ? "key_created"
                : previous.Revoked is null && key.Revoked is not null ? "key_revoked"
                : previous != key ? "key_changed"
                : null;
            if (change is not null)
            {
                records.Add(Record(change, key, now));
            }
        }
        records.AddRange(old.Values.Select(k => Record("key_removed", k, now)));
        return records;
    }

    private static AuditRecord Record(string change, KeyFileEntry key, DateTimeOffset now) =>
        new(now, change, key.Id, "KeyFile", null, null, null, null, null, "OK",
            $"{key.Name}, {key.Role.ToString().ToLowerInvariant()}, expires {(key.Expires is { } e ? e.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "Z" : "never")}",
            AuditRecord.ScopeOf(Scope(key)));

    // A key the file gives a bad scope is refused at load, so this only guards a record of a file being replaced.
    private static Semantic.DataScope? Scope(KeyFileEntry key)
    {
        try
        {
            return key.ToScope();
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
