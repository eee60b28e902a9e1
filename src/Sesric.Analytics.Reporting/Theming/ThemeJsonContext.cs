using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sesric.Analytics.Reporting.Theming;

/// <summary>
/// The theme JSON's reader, generated at compile time: the reflection-based serializer emitted and JIT-compiled its
/// accessors on every process start (a <c>sesric report annual</c> paid for System.Reflection.Emit and about 60
/// methods of converters to read 15 lines of JSON).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(Theme))]
internal sealed partial class ThemeJsonContext : JsonSerializerContext;
