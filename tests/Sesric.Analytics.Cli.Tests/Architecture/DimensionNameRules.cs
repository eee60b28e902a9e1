using System.Text.RegularExpressions;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>
/// Behaviour comes from a dimension's declared traits (time grain, ordered, what its members name), never from its
/// name: outside the model's own definition, no source under <c>src/</c> compares anything with a dimension's name.
/// Naming a dimension as data (a report spec's category, a query's grouping) is fine; deciding by it is not.
/// </summary>
public static partial class DimensionNameRules
{
    /// <summary>The folder whose files define the model and so may spell its names (relative to <c>src/</c>).</summary>
    public static readonly string ModelFolder = Path.Combine("Sesric.Analytics.Semantic", "Model");

    /// <summary>One line per comparison with a dimension name in <paramref name="text"/>, naming <paramref name="file"/> and the line.</summary>
    public static IEnumerable<string> Violations(string file, string text, IReadOnlyCollection<string> dimensionNames)
    {
        var names = string.Join("|", dimensionNames.Select(Regex.Escape));
        var comparison = new Regex($"""(==|!=|\bis|\bor|\bcase|Contains\()\s*"({names})"|"({names})"\s*(==|!=)""");
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var code = lines[i].TrimStart();
            if (code.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            if (comparison.Match(code) is { Success: true } m)
            {
                yield return $"{file}:{i + 1}: compares with the dimension name {m.Value.Trim()}; read the dimension's trait (Time, IsOrdered, Members, IdentifiesEdition, IdentifiesMemberState) instead.";
            }
        }
    }

    /// <summary>The semantic engine's own project (relative to <c>src/</c>), which must not even name a dimension outside <see cref="ModelFolder"/>.</summary>
    public static readonly string EngineFolder = "Sesric.Analytics.Semantic";

    /// <summary>
    /// The engine's files allowed to name a dimension outside the model, each with the reason. Adding a line here is a
    /// decision to review: the engine should read every dimension from the model it is given.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> EngineExceptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Path.Combine("Scoping", "DataScope.cs")] =
            "an API key's scope is a list of programme slugs and member-state codes, written as a condition on the built-in "
            + "model's programme and member_state fields (DataScope.ProgrammeField, DataScope.MemberStateField), because a scope "
            + "is built before, and compared independently of, any model; a complete model without those dimensions (or with "
            + "ones that name something else) refuses scoped queries by name.",
    };

    /// <summary>One line per string literal in <paramref name="text"/> that is exactly a dimension's name, outside comments.</summary>
    public static IEnumerable<string> Literals(string file, string text, IReadOnlyCollection<string> dimensionNames)
    {
        var literal = new Regex($"""(?<![\w@$])"({string.Join("|", dimensionNames.Select(Regex.Escape))})"(?!\w)""");
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var code = lines[i].TrimStart();
            if (!code.StartsWith("//", StringComparison.Ordinal) && literal.Match(code) is { Success: true } m)
            {
                yield return $"{file}:{i + 1}: names the dimension {m.Value}; the engine reads dimensions from the model it is given (by trait: Time, IsOrdered, Members, IdentifiesEdition, IdentifiesMemberState).";
            }
        }
    }

    /// <summary>Every dimension name spelt in the engine's C# files outside <see cref="ModelFolder"/> and <see cref="EngineExceptions"/>.</summary>
    public static IReadOnlyList<string> ScanEngine(string srcFolder, IReadOnlyCollection<string> dimensionNames)
    {
        var engine = Path.Combine(srcFolder, EngineFolder);
        return Directory.GetFiles(engine, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(engine, p))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "Model") && !EngineExceptions.ContainsKey(p))
            .Order(StringComparer.Ordinal)
            .SelectMany(p => Literals(Path.Combine(EngineFolder, p), File.ReadAllText(Path.Combine(engine, p)), dimensionNames))
            .ToArray();
    }

    /// <summary>Every violation in the C# files under <paramref name="srcFolder"/> outside <see cref="ModelFolder"/>.</summary>
    public static IReadOnlyList<string> Scan(string srcFolder, IReadOnlyCollection<string> dimensionNames) =>
        Directory.GetFiles(srcFolder, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(srcFolder, p))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj") && !p.StartsWith(ModelFolder, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(p => Violations(p, File.ReadAllText(Path.Combine(srcFolder, p)), dimensionNames))
            .ToArray();
}
