namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>
/// The dependency rule for the projects under <c>src/</c>: libraries hold the logic, the server and the CLI are
/// thin shells over them, and dependencies point inward, so no project references an executable, no library
/// references a shell, and nothing in <c>src/</c> references a project outside it.
/// </summary>
public static class ProjectRules
{
    /// <summary>The shells: executables that only wire libraries together.</summary>
    public static readonly IReadOnlyList<string> Shells = ["Sesric.Analytics.Cli", "Sesric.Analytics.Server"];

    /// <summary>Every <c>*.csproj</c> under <paramref name="srcFolder"/>, read.</summary>
    public static IReadOnlyList<ProjectFile> Scan(string srcFolder) =>
        Directory.GetFiles(srcFolder, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(srcFolder, p).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(ProjectFile.Read)
            .ToArray();

    /// <summary>One line per broken rule, naming both projects and the fix; empty when the rule holds.</summary>
    public static IReadOnlyList<string> Violations(string srcFolder)
    {
        var root = Path.GetFullPath(srcFolder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var projects = Scan(srcFolder).ToDictionary(p => p.Path, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var project in projects.Values)
        {
            foreach (var reference in project.References)
            {
                var name = Path.GetFileNameWithoutExtension(reference);
                if (!reference.StartsWith(root, StringComparison.Ordinal) || !projects.TryGetValue(reference, out var target))
                {
                    violations.Add($"{project.Name} references {reference}, which is not a project under src/: src/ projects depend only on each other.");
                }
                else if (target.IsExecutable)
                {
                    violations.Add($"{project.Name} references the executable {name}: move the code it needs into a library (as Sesric.Analytics.Api holds the gRPC service) and reference that.");
                }
                else if (!project.IsExecutable && Shells.Contains(name))
                {
                    violations.Add($"the library {project.Name} references the shell {name}: dependencies point inward, from the shells to the libraries.");
                }
            }
        }
        return violations;
    }
}
