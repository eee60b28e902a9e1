using System.Text.Json;

namespace Sesric.Analytics.Cli.Tests.Support;

/// <summary>Reads the CLI's <c>--format json</c> output back.</summary>
public static class Json
{
    public static JsonElement[] Rows(string output) => JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();

    public static JsonElement Find(this JsonElement[] rows, string programme, int edition) =>
        rows.Single(r => r.GetProperty("programme").GetString() == programme && r.GetProperty("edition").GetInt32() == edition);

    public static long? Long(this JsonElement row, string key) =>
        row.GetProperty(key).ValueKind == JsonValueKind.Null ? null : row.GetProperty(key).GetInt64();
}
