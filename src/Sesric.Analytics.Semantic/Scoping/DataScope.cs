using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The rows a caller may see: every programme and member state, or only some programmes, only some member states, or
/// both (Power BI's row-level security). An API key carries one; <see cref="ScopedQueryRunner"/> applies it to every
/// query, and the service's catalogue, coverage, forecast, report and import paths ask <see cref="Allows(ProgrammeId)"/>,
/// <see cref="Require(ProgrammeId)"/>, <see cref="AllowsMemberState"/> or <see cref="RequireEveryMemberState"/> for
/// anything named outside a query.
/// </summary>
/// <remarks>
/// <para>Applied to a query (<see cref="Apply"/>), a scope does two things. A query that names a programme outside the
/// scope (in its filter, directly or through an edition), or a member state outside it, is refused with
/// <see cref="OutOfScopeException"/>: never an empty answer, which would hide that something was filtered. Every other
/// query is answered over the scope's rows only: the scope's condition is set as <see cref="SemanticQuery.Scope"/>,
/// which the engine ANDs with the query's filter. A caller cannot widen it: its own filter can only narrow further, and
/// a query that already carries a scope keeps the intersection.</para>
/// <para>A scope of member states also refuses what it cannot cut by state: measures over published edition totals
/// (each total counts every state's participants), and, in the service, forecasts and annual reports, whose figures are
/// edition totals too.</para>
/// <para>Disclosure: the scope is not part of the caller's filter, so the public policy's bounded filter grammar
/// (<c>field = value</c> AND-ed) is checked on the caller's filter alone. A scope of several programmes or states is an
/// OR that the caller did not write and cannot vary: each key sees one fixed table, so it adds one set per key, chosen
/// by whoever issues keys, and gives a caller no family of differently composed sets to difference.</para>
/// <para>Programmes and states are kept sorted, so equal scopes compare, hash and print alike (the result cache keys on
/// them). <see cref="All"/> restricts nothing; a restricted part has at least one programme or state.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class DataScope : IEquatable<DataScope>
{
    /// <summary>The field the scope's programme condition is written on: the model's programme dimension.</summary>
    public const string ProgrammeField = "programme";

    /// <summary>The field the scope's member-state condition is written on: the model's member-state dimension.</summary>
    public const string MemberStateField = "member_state";

    private readonly ProgrammeId[]? _programmes;
    private readonly CountryCode[]? _memberStates;

    private DataScope(ProgrammeId[]? programmes, CountryCode[]? memberStates)
    {
        _programmes = programmes;
        _memberStates = memberStates;
        Filter = FilterExpression.All(
            programmes is null ? null : FilterExpression.AnyOf(ProgrammeField, programmes.Select(p => FilterValue.Of(p.Value))),
            memberStates is null ? null : FilterExpression.AnyOf(MemberStateField, memberStates.Select(s => FilterValue.Of(s.Value))));
    }

    /// <summary>Every programme and member state: the scope of a key without scopes.</summary>
    public static DataScope All { get; } = new(null, null);

    /// <summary>Only <paramref name="programmes"/> (at least one; repeats are ignored), every member state.</summary>
    /// <exception cref="ArgumentException">No programme given.</exception>
    public static DataScope Of(IEnumerable<ProgrammeId> programmes)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        var sorted = programmes.Distinct().Order().ToArray();
        return sorted.Length == 0
            ? throw new ArgumentException("a scope needs at least one programme; use DataScope.All for every programme.", nameof(programmes))
            : new DataScope(sorted, null);
    }

    /// <summary>Only <paramref name="memberStates"/> (at least one; repeats are ignored), every programme.</summary>
    /// <exception cref="ArgumentException">No member state given.</exception>
    public static DataScope OfMemberStates(IEnumerable<CountryCode> memberStates)
    {
        ArgumentNullException.ThrowIfNull(memberStates);
        var sorted = memberStates.Distinct().Order().ToArray();
        return sorted.Length == 0
            ? throw new ArgumentException("a scope needs at least one member state; use DataScope.All for every member state.", nameof(memberStates))
            : new DataScope(null, sorted);
    }

    /// <summary>
    /// Only the programmes with these slugs (every programme when <paramref name="slugs"/> is null or empty) and only the
    /// member states with these ISO alpha-3 codes (every state when <paramref name="memberStates"/> is null or empty);
    /// <see cref="All"/> when both are.
    /// </summary>
    /// <exception cref="FormatException">A slug is not a programme id, or a code not an ISO alpha-3 code; the message names it.</exception>
    public static DataScope FromSlugs(IEnumerable<string>? slugs, IEnumerable<string>? memberStates = null)
    {
        var programmes = Texts(slugs).Select(ProgrammeId.Parse).Distinct().Order().ToArray();
        var states = Texts(memberStates).Select(ParseMemberState).Distinct().Order().ToArray();
        return programmes.Length == 0 && states.Length == 0
            ? All
            : new DataScope(programmes.Length == 0 ? null : programmes, states.Length == 0 ? null : states);
    }

    private static string[] Texts(IEnumerable<string>? texts) => texts?.Select(s => s.Trim()).Where(s => s.Length > 0).ToArray() ?? [];

    private static CountryCode ParseMemberState(string text) =>
        CountryCode.TryParse(text, out var code)
            ? code
            : throw new FormatException($"member state '{text}' is not an ISO 3166 alpha-3 code (three letters, such as TUR).");

    /// <summary>Whether every programme and every member state is in scope.</summary>
    public bool IsUnrestricted => _programmes is null && _memberStates is null;

    /// <summary>The programmes in scope, sorted; null when every programme is.</summary>
    public IReadOnlyList<ProgrammeId>? Programmes => _programmes;

    /// <summary>The member states in scope, sorted; null when every member state is.</summary>
    public IReadOnlyList<CountryCode>? MemberStates => _memberStates;

    /// <summary>
    /// Whether only the programme part restricts, so that counting the editions outside it says whether the scope
    /// excludes anything (the engine's probe, <see cref="ScopeHandling.Probed"/>). A member-state part always keeps its
    /// condition: an edition count cannot tell whether a state's rows are excluded.
    /// </summary>
    internal bool RestrictsProgrammesOnly => _programmes is not null && _memberStates is null;

    /// <summary>The condition rows in scope meet (<c>(programme = a OR …) AND (member_state = X OR …)</c>); null when unrestricted.</summary>
    public FilterExpression? Filter { get; }

    /// <summary>Whether rows of <paramref name="programme"/> are in scope.</summary>
    public bool Allows(ProgrammeId programme) => _programmes is null || Array.BinarySearch(_programmes, programme) >= 0;

    /// <summary>Whether rows of participants from <paramref name="memberState"/> are in scope.</summary>
    public bool AllowsMemberState(CountryCode memberState) => _memberStates is null || Array.BinarySearch(_memberStates, memberState) >= 0;

    /// <summary>Throws <see cref="OutOfScopeException"/> when <paramref name="programme"/> is outside the scope.</summary>
    public void Require(ProgrammeId programme)
    {
        if (!Allows(programme))
        {
            throw new OutOfScopeException(programme, this);
        }
    }

    /// <summary>Throws <see cref="OutOfScopeException"/> when <paramref name="memberState"/> is outside the scope.</summary>
    public void RequireMemberState(CountryCode memberState)
    {
        if (!AllowsMemberState(memberState))
        {
            throw new OutOfScopeException(memberState, this);
        }
    }

    /// <summary>
    /// Throws <see cref="OutOfScopeException"/> when the scope restricts member states: <paramref name="what"/> (such as
    /// "a forecast") is made from figures that cover every member state, so no part of it is the scope's alone.
    /// </summary>
    public void RequireEveryMemberState(string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        if (_memberStates is not null)
        {
            throw OutOfScopeException.EveryMemberState(what, this);
        }
    }

    /// <summary>The rows both scopes allow; <see cref="OutOfScopeException"/> when they share no programme or no member state.</summary>
    public DataScope Intersect(DataScope other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsUnrestricted || ReferenceEquals(this, other))
        {
            return this;
        }
        if (IsUnrestricted)
        {
            return other;
        }
        var programmes = (_programmes, other._programmes) switch
        {
            (null, var theirs) => theirs,
            (var mine, null) => mine,
            var (mine, theirs) => mine.Where(other.Allows).ToArray() is { Length: > 0 } common ? common : throw new OutOfScopeException(theirs[0], this),
        };
        var states = (_memberStates, other._memberStates) switch
        {
            (null, var theirs) => theirs,
            (var mine, null) => mine,
            var (mine, theirs) => mine.Where(other.AllowsMemberState).ToArray() is { Length: > 0 } common ? common : throw new OutOfScopeException(theirs[0], this),
        };
        var intersection = new DataScope(programmes, states);
        return intersection.Equals(this) ? this : intersection.Equals(other) ? other : intersection;
    }

    /// <summary>
    /// <paramref name="query"/> as this scope lets it run: refused with <see cref="OutOfScopeException"/> when its
    /// filter names a programme (or an edition of one) or a member state outside the scope, when it asks a scope of member
    /// states for published edition totals, or when <paramref name="model"/> has no field to hold the scope to; else
    /// carrying the scope.
    /// </summary>
    /// <param name="query">The caller's query.</param>
    /// <param name="model">The model its fields are read against (which dimensions name programmes, editions and states).</param>
    public SemanticQuery Apply(SemanticQuery query, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(model);
        if (IsUnrestricted)
        {
            return query;
        }
        RequireFields(model);
        if (query.Filter is { } filter)
        {
            foreach (var comparison in QueryPlan.Comparisons(filter))
            {
                if (NamedProgramme(comparison, model) is { } named && !Allows(named))
                {
                    throw new OutOfScopeException(named, this);
                }
                if (NamedMemberState(comparison, model) is { } state && !AllowsMemberState(state))
                {
                    throw new OutOfScopeException(state, this);
                }
            }
        }
        if (_memberStates is not null)
        {
            foreach (var name in query.Measures)
            {
                if (name is not null && model.TryGetMeasure(name, out var measure) && CoversEveryMemberState(measure))
                {
                    throw OutOfScopeException.EveryMemberState($"'{measure.Name}' (a published edition total)", this);
                }
            }
        }
        var scope = query.Scope.Intersect(this);
        return ReferenceEquals(scope, query.Scope) ? query : query with { Scope = scope };
    }

    /// <summary>
    /// Refuses a model that cannot hold this scope: the scope's condition is written on <see cref="ProgrammeField"/>
    /// and <see cref="MemberStateField"/>, so those dimensions must exist and name what the scope lists (a complete model
    /// file may drop or redefine them). Without this check the condition would fail as an unknown field, or, worse, hold
    /// rows to some other column.
    /// </summary>
    private void RequireFields(SemanticModel model)
    {
        if (_programmes is not null
            && (!model.TryGetDimension(ProgrammeField, out var programme) || programme.Name != ProgrammeField || programme.Members != MemberReference.Programme))
        {
            throw OutOfScopeException.Unenforceable(
                $"the model has no '{ProgrammeField}' dimension naming programmes (\"names\": \"programme\"), so this key's scope ({this}) cannot be held to; serve a model with one, or use a key without programmes", this);
        }
        if (_memberStates is not null
            && (!model.TryGetDimension(MemberStateField, out var state) || state.Name != MemberStateField || !state.IdentifiesMemberState))
        {
            throw OutOfScopeException.Unenforceable(
                $"the model has no '{MemberStateField}' dimension identifying the participant's state (\"identifies\": \"member_state\"), so this key's scope ({this}) cannot be held to; serve a model with one, or use a key without member states", this);
        }
    }

    /// <summary>Whether <paramref name="measure"/> reads published edition totals, which count every state's participants.</summary>
    private static bool CoversEveryMemberState(MeasureDefinition measure) =>
        (measure.Inner ?? measure).Components.Any(c => c.Source == ComponentSource.Edition) || (measure.Inner ?? measure).Source == FactSource.Published;

    /// <summary>The programme a comparison names: its value on a programme field, or the programme of an edition value.</summary>
    private static ProgrammeId? NamedProgramme(FilterComparison comparison, SemanticModel model)
    {
        if (!model.TryGetDimension(comparison.Field, out var dimension))
        {
            return null; // the plan refuses the unknown field with the model's list of fields
        }
        var text = comparison.Value.Text.Trim();
        switch (dimension.Members)
        {
            case MemberReference.Programme when ProgrammeId.TryParse(text, out var programme):
                return programme;
            case MemberReference.Edition:
                var slash = text.LastIndexOf('/');
                return slash > 0 && ProgrammeId.TryParse(text[..slash], out var ofEdition) ? ofEdition : null;
            default:
                return null;
        }
    }

    /// <summary>The member state a comparison names: its value on the field identifying the participant's state.</summary>
    private static CountryCode? NamedMemberState(FilterComparison comparison, SemanticModel model) =>
        model.TryGetDimension(comparison.Field, out var dimension) && dimension.IdentifiesMemberState
            && CountryCode.TryParse(comparison.Value.Text, out var state)
            ? state
            : null;

    /// <inheritdoc/>
    public bool Equals(DataScope? other) =>
        other is not null && (ReferenceEquals(this, other) || (Same(_programmes, other._programmes) && Same(_memberStates, other._memberStates)));

    private static bool Same<T>(T[]? left, T[]? right) => left is null ? right is null : right is not null && left.SequenceEqual(right);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DataScope);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (IsUnrestricted)
        {
            return 0;
        }
        var hash = new HashCode();
        foreach (var p in _programmes ?? [])
        {
            hash.Add(p);
        }
        hash.Add(_memberStates?.Length ?? -1);
        foreach (var s in _memberStates ?? [])
        {
            hash.Add(s);
        }
        return hash.ToHashCode();
    }

    /// <summary>
    /// <c>all programmes</c>; the programme slugs comma-separated; <c>member states EGY, TUR</c>; or both, joined by
    /// <c>; </c> (<c>diplomacy-cab; member states EGY, TUR</c>).
    /// </summary>
    public override string ToString()
    {
        if (IsUnrestricted)
        {
            return "all programmes";
        }
        var states = _memberStates is null ? null : "member states " + string.Join(", ", _memberStates);
        return _programmes is null ? states! : states is null ? string.Join(", ", _programmes) : string.Join(", ", _programmes) + "; " + states;
    }
}
