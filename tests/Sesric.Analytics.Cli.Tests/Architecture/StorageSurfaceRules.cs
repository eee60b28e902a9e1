using System.Reflection;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>
/// What a storage project may publish: its store and the store's options, and no database driver type in their
/// signatures. Everything else (the collaborators along the store's seams, SQL helpers, migrations) stays internal.
/// </summary>
internal static class StorageSurfaceRules
{
    /// <summary>The driver assemblies no public signature of a storage project may mention.</summary>
    private static readonly string[] DriverPrefixes = ["DuckDB.NET", "Npgsql"];

    /// <summary>The types <paramref name="assembly"/> exports beyond <paramref name="allowed"/>, by full name, sorted.</summary>
    public static List<string> UnexpectedExports(Assembly assembly, params Type[] allowed) =>
        [.. assembly.GetExportedTypes().Where(t => !allowed.Contains(t)).Select(t => t.FullName!).Order(StringComparer.Ordinal)];

    /// <summary>Every public or protected member of <paramref name="assembly"/>'s exported types whose signature mentions a driver type.</summary>
    public static List<string> DriverTypesInSignatures(Assembly assembly)
    {
        var violations = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (!IsVisible(member))
                {
                    continue;
                }
                foreach (var used in TypeMentions.Of(member).Where(IsDriverType).Distinct())
                {
                    violations.Add($"{type.FullName}.{member.Name} uses {used.FullName}");
                }
            }
        }
        return violations;
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(IsVisible),
        EventInfo e => e.AddMethod is { } add && IsVisible(add),
        Type t => t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem,
        _ => false,
    };

    private static bool IsDriverType(Type type) =>
        type.Assembly.GetName().Name is { } name && DriverPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
