using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Sesric.Analytics.Reporting.Specs;

/// <summary>
/// Reads and writes report specs as JSON. Writing is deterministic (fixed property order, two-space indent,
/// <c>\n</c> line ends, defaults left out), so <c>Write(Read(Write(r))) == Write(r)</c> and <c>Read(Write(r)) == r</c>.
/// </summary>
/// <remarks>Reading checks the spec's shape (types, known property names, marks and operators) and throws
/// <see cref="SpecException"/> listing every problem with its path; <see cref="ReportValidator"/> then checks
/// the names against the semantic model.</remarks>
public static class ReportJson
{
    /// <summary>The JSON Schema (draft 2020-12) of a report spec, as shipped in the library.</summary>
    public static string Schema { get; } = ReadResource("Sesric.Analytics.Reporting.report.schema.json");

    /// <summary>Writes <paramref name="report"/> as JSON.</summary>
    public static string Write(Report report) => ReportSpecWriter.Write(report);

    /// <summary>Writes one visual as a JSON object (what the gRPC RenderChart call takes).</summary>
    public static string WriteVisual(Visual visual) => ReportSpecWriter.WriteVisual(visual);

    /// <summary>Reads a report spec, or throws <see cref="SpecException"/> naming every bad path.</summary>
    public static Report Read(string json)
    {
        var problems = new List<SpecProblem>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new SpecException([new SpecProblem("$", $"not valid JSON: {e.Message}")]);
        }
        using (doc)
        {
            var reader = new ReportSpecReader(problems);
            var report = reader.ReadReport(doc.RootElement);
            if (problems.Count > 0 || report is null)
            {
                throw new SpecException(problems);
            }
            return report;
        }
    }

    /// <summary>Reads one visual spec (a JSON object as in <c>pages[i].visuals[j]</c>), or throws <see cref="SpecException"/>.</summary>
    public static Visual ReadVisual(string json)
    {
        var problems = new List<SpecProblem>();
        using var doc = JsonDocument.Parse(json);
        var visual = new ReportSpecReader(problems).ReadVisual(doc.RootElement, "visual");
        if (problems.Count > 0 || visual is null)
        {
            throw new SpecException(problems);
        }
        return visual;
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the Reporting assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
