namespace Sesric.Analytics.Storage;

/// <summary>What an upsert did, by natural key.</summary>
/// <param name="Inserted">Rows that were new.</param>
/// <param name="Updated">Rows that existed and changed.</param>
/// <param name="Unchanged">Rows that existed with the same values.</param>
public sealed record WriteOutcome(long Inserted, long Updated, long Unchanged)
{
    /// <summary>All rows considered.</summary>
    public long Total => Inserted + Updated + Unchanged;

    /// <summary>True when nothing changed: the import had already been applied.</summary>
    public bool WasNoOp => Inserted == 0 && Updated == 0;
}
