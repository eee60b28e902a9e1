using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// A request reaches outside the caller's <see cref="DataScope"/>: it names a programme or member state outside it, or
/// asks a member-state scope for figures that cover every state. The service answers PERMISSION_DENIED with the reason
/// in words, never an empty result that would hide that rows were filtered.
/// </summary>
/// <remarks>Deliberately not a <see cref="QueryException"/>: code that tolerates a query refused for its shape (a report
/// drawing a chart without its totals) must not tolerate a refusal of access.</remarks>
public sealed class OutOfScopeException : Exception
{
    /// <summary>Builds the exception for <paramref name="programme"/> outside <paramref name="scope"/>.</summary>
    public OutOfScopeException(ProgrammeId programme, DataScope scope)
        : this($"programme '{programme}' is outside this key's scope ({scope}); ask for those programmes only.", scope)
    {
        Programme = programme;
    }

    /// <summary>Builds the exception for <paramref name="memberState"/> outside <paramref name="scope"/>.</summary>
    public OutOfScopeException(CountryCode memberState, DataScope scope)
        : this($"member state '{memberState}' is outside this key's scope ({scope}); ask for those member states only.", scope)
    {
        MemberState = memberState;
    }

    private OutOfScopeException(string message, DataScope scope)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Scope = scope;
    }

    /// <summary>The refusal of <paramref name="what"/>, whose figures cover every member state, for a scope of some states.</summary>
    internal static OutOfScopeException EveryMemberState(string what, DataScope scope) =>
        new($"{what} covers every member state, and this key's scope ({scope}) holds only some; ask for registry figures such as participants, which are cut to those states.", scope);

    /// <summary>The refusal of any request when the model cannot hold <paramref name="scope"/> (<paramref name="why"/>).</summary>
    internal static OutOfScopeException Unenforceable(string why, DataScope scope) => new(why + ".", scope);

    /// <summary>The programme named, when a programme outside the scope was.</summary>
    public ProgrammeId? Programme { get; }

    /// <summary>The member state named, when a member state outside the scope was.</summary>
    public CountryCode? MemberState { get; }

    /// <summary>The caller's scope.</summary>
    public DataScope Scope { get; }
}
