namespace Sesric.Analytics.Storage.Sql;

/// <summary>A column of a table written by <see cref="RowUpsert"/>, with its SQL type for casting parameters.</summary>
/// <param name="Name">The column name.</param>
/// <param name="SqlType">The portable SQL type (VARCHAR, INTEGER, DATE, BOOLEAN).</param>
public sealed record ColumnSpec(string Name, string SqlType);
