using System.Text.Json;

using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary><c>--trace FILE</c>: the command's spans as a readable JSON tree, read back and checked for names and nesting.</summary>
public sealed class TraceOptionTests : IDisposable
{
    private readonly TempFolder _folder = new("cli-trace");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    [Fact]
    public async Task A_traced_query_writes_the_query_with_its_plan_sql_and_assembly_under_the_command()
    {
        var trace = _folder.File("query-trace.json");
        // Grouped by edition, which the in-memory path for small stores does not take: the statement runs in DuckDB.
        await CliRun.SucceedAsync("query", "--db", Db, "-m", "participants", "--by", "edition", "--filter", "programme = \"diplomacy-cab\" AND year = 2020", "-f", "json", "--trace", trace);

        var root = Root(trace);
        Assert.Equal("sesric query", root.GetProperty("name").GetString());
        Assert.Equal(0, root.GetProperty("attributes").GetProperty("sesric.exit_code").GetInt32());
        var query = Assert.Single(Children(root), c => Name(c) == "sesric.query");
        Assert.Equal(["sesric.query.plan", "sesric.sql", "sesric.query.assemble"], Children(query).Select(Name));
        var sql = Children(query).Single(c => Name(c) == "sesric.sql");
        Assert.Contains("$1", sql.GetProperty("attributes").GetProperty("db.query.text").GetString());
        Assert.Equal(["sesric.query.disclosure"], Children(Children(query).Single(c => Name(c) == "sesric.query.assemble")).Select(Name));
        Assert.True(root.GetProperty("durationMs").GetDouble() >= query.GetProperty("durationMs").GetDouble());
        // The filter's values are nowhere in the file: shapes only.
        var text = await File.ReadAllTextAsync(trace);
        Assert.DoesNotContain("diplomacy-cab", text);
        Assert.DoesNotContain("2020", Attributes(text));
    }

    [Fact]
    public async Task A_traced_annual_report_nests_every_query_and_every_render_under_the_command()
    {
        var trace = _folder.File("report-trace.json");
        await CliRun.SucceedAsync("report", "annual", "--db", Db, "--programme", "diplomacy-cab", "--year", "2022", "--no-forecast", "--out", _folder.File("report"), "--trace", trace);

        var root = Root(trace);
        Assert.Equal("sesric report annual", root.GetProperty("name").GetString());
        var all = Descendants(root).ToList();
        var renders = all.Where(s => Name(s) == "sesric.render").ToList();
        var queries = all.Where(s => Name(s) == "sesric.query").ToList();
        // Each chart is drawn as SVG and PNG.
        Assert.True(renders.Count >= 10, $"{renders.Count} renders");
        Assert.Equal(renders.Count / 2, renders.Count(r => r.GetProperty("attributes").GetProperty("sesric.render.format").GetString() == "png"));
        Assert.True(queries.Count >= renders.Count / 2, $"{queries.Count} queries for {renders.Count} renders");
        // Each query plans first; one the disclosure policy refuses at planning (the report then falls back) runs no SQL.
        Assert.All(queries, q => Assert.Equal("sesric.query.plan", Name(Children(q).First())));
        // A query computes its rows with one statement in DuckDB, or in memory on a small store (the built-in data here).
        Assert.All(queries, q => Assert.InRange(Children(q).Count(c => Name(c) is "sesric.sql" or "sesric.query.in_memory"), 0, 1));
        Assert.True(queries.Count(q => Children(q).Any(c => Name(c) is "sesric.sql" or "sesric.query.in_memory")) >= renders.Count / 2);
        // Spans nest within their parent's time.
        foreach (var span in all)
        {
            foreach (var child in Children(span))
            {
                Assert.True(child.GetProperty("durationMs").GetDouble() <= span.GetProperty("durationMs").GetDouble() + 0.001, $"{Name(child)} outlasts {Name(span)}");
            }
        }
    }

    [Fact]
    public async Task A_trace_file_that_cannot_be_written_is_reported_and_fails_the_run()
    {
        var result = await CliRun.RunAsync("query", "--db", Db, "-m", "participants", "-f", "json", "--trace", "/proc/sesric-no-such-folder/trace.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--trace: could not write /proc/sesric-no-such-folder/trace.json", result.Error);
    }

    private static JsonElement Root(string path)
    {
        var document = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal(32, document.GetProperty("traceId").GetString()!.Length);
        return Assert.Single(document.GetProperty("spans").EnumerateArray());
    }

    private static string Name(JsonElement span) => span.GetProperty("name").GetString()!;

    private static IEnumerable<JsonElement> Children(JsonElement span) =>
        span.TryGetProperty("children", out var children) ? children.EnumerateArray() : [];

    private static IEnumerable<JsonElement> Descendants(JsonElement span) =>
        Children(span).SelectMany(c => Descendants(c).Prepend(c));

    private static string Attributes(string json) =>
        string.Join('\n', json.Split('\n').Where(l => !l.Contains("\"start\"", StringComparison.Ordinal)));
}
