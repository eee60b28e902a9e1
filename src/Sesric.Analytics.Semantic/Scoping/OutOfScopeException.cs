using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// A request names a programme outside the caller's <see cref="DataScope"/>. The service answers PERMISSION_DENIED
/// naming the programme, never an empty result that would hide that rows were filtered.
/// </summary>
/// <remarks>Deliberately not a <see cref="QueryException"/>: code that tolerates a query refused for its shape (a report
/// drawing a chart without its totals) must not tolerate a refusal of access.</remarks>
public sealed class OutOfScopeException : Exception
{
    /// <summary>Builds the exception for <paramref name="programme"/> outside <paramref name="scope"/>.</summary>
    public OutOfScopeException(ProgrammeId programme, DataScope scope)
        : base($"programme '{programme}' is outside this key's scope ({scope}); ask for those programmes only.")
    {
        ArgumentNullException.ThrowIfNull(scope);
        Programme = programme;
        Scope = scope;
    }

    /// <summary>The programme named.</summary>
    public ProgrammeId Programme { get; }

    /// <summary>The caller's scope.</summary>
    public DataScope Scope { get; }
}
