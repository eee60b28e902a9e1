using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Api.Mapping;

/// <summary>
/// The API's resource names (AIP-122): <c>programmes/{programme}</c>,
/// <c>programmes/{programme}/editions/{edition}</c> and <c>memberStates/{iso3}</c>. Parsing failures
/// are INVALID_ARGUMENT naming the request field.
/// </summary>
public static class ResourceNames
{
    /// <summary>The wildcard parent meaning "every programme" (AIP-159).</summary>
    public const string AnyProgramme = "programmes/-";

    /// <summary><c>programmes/{programme}</c>.</summary>
    public static string Of(ProgrammeId programme) => $"programmes/{programme}";

    /// <summary><c>programmes/{programme}/editions/{edition}</c>.</summary>
    public static string Of(EditionId edition) => $"programmes/{edition.Programme}/editions/{edition.Number}";

    /// <summary><c>memberStates/{iso3}</c>.</summary>
    public static string Of(CountryCode country) => $"memberStates/{country}";

    /// <summary>Parses <c>programmes/{programme}</c>, or returns null for <c>programmes/-</c> when <paramref name="allowAny"/>.</summary>
    public static ProgrammeId? ParseProgramme(string? name, string field, bool allowAny = false)
    {
        if (allowAny && name == AnyProgramme)
        {
            return null;
        }
        if (name is not null && name.StartsWith("programmes/", StringComparison.Ordinal)
            && ProgrammeId.TryParse(name["programmes/".Length..], out var id))
        {
            return id;
        }
        throw RpcErrors.InvalidArgument(field,
            $"'{name}' is not a programme name; write programmes/{{programme}}, such as programmes/diplomacy-cab{(allowAny ? ", or programmes/- for every programme" : "")}.");
    }

    /// <summary>Parses <c>programmes/{programme}/editions/{edition}</c>.</summary>
    public static EditionId ParseEdition(string? name, string field)
    {
        var parts = (name ?? "").Split('/');
        if (parts is ["programmes", var programme, "editions", var number]
            && ProgrammeId.TryParse(programme, out var id)
            && int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= 10_000)
        {
            return new EditionId(id, n);
        }
        throw RpcErrors.InvalidArgument(field,
            $"'{name}' is not an edition name; write programmes/{{programme}}/editions/{{number}}, such as programmes/diplomacy-cab/editions/4.");
    }
}
