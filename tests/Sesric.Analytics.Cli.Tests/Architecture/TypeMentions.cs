using System.Reflection;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>The types a member's signature mentions, for the architecture rules that forbid some of them.</summary>
internal static class TypeMentions
{
    /// <summary>
    /// Every type <paramref name="member"/>'s signature names (return, parameters, indexer parameters, field, event
    /// handler), each with its element and generic argument types: a <c>Task&lt;DuckDBConnection&gt;</c> or a
    /// <c>Func&lt;IAnalyticsStore&gt;</c> mentions the inner type too.
    /// </summary>
    public static IEnumerable<Type> Of(MemberInfo member) => SignatureTypes(member).SelectMany(Expand);

    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        MethodInfo m => [m.ReturnType, .. m.GetParameters().Select(p => p.ParameterType)],
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        PropertyInfo p => [p.PropertyType, .. p.GetIndexParameters().Select(i => i.ParameterType)],
        FieldInfo f => [f.FieldType],
        EventInfo e => e.EventHandlerType is { } handler ? [handler] : [],
        _ => [],
    };

    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()!))
            {
                yield return inner;
            }
        }
        if (type.IsConstructedGenericType)
        {
            foreach (var inner in type.GenericTypeArguments.SelectMany(Expand))
            {
                yield return inner;
            }
        }
    }
}
