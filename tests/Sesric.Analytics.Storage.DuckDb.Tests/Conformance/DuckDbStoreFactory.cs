using System.Globalization;
using System.Text;

using DuckDB.NET.Data;

using Sesric.Analytics.StoreConformance;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests.Conformance;

/// <summary>DuckDB stores for the conformance suite: a fresh file in a temp folder (kept until the process ends) for each location.</summary>
internal sealed class DuckDbStoreFactory : IStoreFactory
{
    private static readonly TempFolder Folder = new("conformance");

    public static DuckDbStoreFactory Instance { get; } = new();

    public string Engine => "duckdb";

    public string BackToVersion10Sql => OlderStore.DuckDbBackToVersion10Sql;

    public string NewLocation() => Folder.File(Guid.NewGuid().ToString("N") + ".duckdb");

    public async Task<IAnalyticsStore> OpenAsync(string location) => await DuckDbAnalyticsStore.OpenAsync(location);

    public Task ExecuteSqlAsync(string location, string sql)
    {
        using var connection = new DuckDBConnection($"DataSource={location}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<string> QueryAsync(string location, string sql)
    {
        using var connection = new DuckDBConnection($"DataSource={location}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(i == 0 ? "" : "|").Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return Task.FromResult(text.ToString());
    }
}
