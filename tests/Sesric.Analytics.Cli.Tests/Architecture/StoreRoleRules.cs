using System.Reflection;

using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>
/// Which store interfaces a library may depend on: the role interfaces in Core (<see cref="IStatementRunner"/>,
/// <see cref="ICatalogueReader"/>, <see cref="IFactSnapshotSource"/>…), not the composites that bundle them
/// (<see cref="IAnalyticsStore"/>, <see cref="IStoreReader"/>, <see cref="IStoreWriter"/>). A class that takes the whole
/// store can write through it, and every test of it needs a whole store.
/// </summary>
internal static class StoreRoleRules
{
    /// <summary>The composite store interfaces a role-bound library must not mention.</summary>
    public static readonly Type[] Composites = [typeof(IAnalyticsStore), typeof(IStoreReader), typeof(IStoreWriter)];

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>
    /// Every member of every type in <paramref name="assembly"/>, public or not (constructors, methods, properties, fields,
    /// including those of compiler-generated closures and state machines), whose signature mentions a composite store
    /// interface; as "Type.Member uses Interface", sorted.
    /// </summary>
    public static List<string> CompositeStoreUses(Assembly assembly)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            foreach (var member in type.GetMembers(Everything))
            {
                foreach (var used in TypeMentions.Of(member).Where(Composites.Contains))
                {
                    violations.Add($"{type.FullName}.{member.Name} uses {used.Name}");
                }
            }
        }
        return [.. violations];
    }
}
