namespace Sesric.Analytics.Storage.Sql;

/// <summary>What an upsert did to one row.</summary>
public enum RowChange
{
    /// <summary>The key was new.</summary>
    Inserted,

    /// <summary>The key existed with other values.</summary>
    Updated,

    /// <summary>The key existed with the same values.</summary>
    Unchanged,
}
