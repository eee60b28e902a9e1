using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The rows a caller may see: every programme, or only some (Power BI's row-level security). An API key carries one;
/// <see cref="ScopedQueryRunner"/> applies it to every query, and the service's catalogue, coverage, forecast, report
/// and import paths ask <see cref="Allows"/> or <see cref="Require"/> for anything named outside a query.
/// </summary>
/// <remarks>
/// <para>Applied to a query (<see cref="Apply"/>), a scope does two things. A query that names a programme outside the
/// scope (in its filter, directly or through an edition) is refused with <see cref="OutOfScopeException"/>: never an
/// empty answer, which would hide that something was filtered. Every other query is answered over the scope's
/// programmes only: the scope's condition is set as <see cref="SemanticQuery.Scope"/>, which the engine ANDs with the
/// query's filter. A caller cannot widen it: its own filter can only narrow further, and a query that already carries
/// a scope keeps the intersection.</para>
/// <para>Disclosure: the scope is not part of the caller's filter, so the public policy's bounded filter grammar
/// (<c>field = value</c> AND-ed) is checked on the caller's filter alone. A scope of several programmes is an OR that
/// the caller did not write and cannot vary: each key sees one fixed table (the scope's programmes), so it adds one set
/// per key, chosen by whoever issues keys, and gives a caller no family of differently composed sets to difference.</para>
/// <para>Programmes are kept sorted, so equal scopes compare, hash and print alike (the result cache keys on them).
/// <see cref="All"/> restricts nothing; a restricted scope has at least one programme.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class DataScope : IEquatable<DataScope>
{
    /// <summary>The field the scope's condition is written on: the model's programme dimension.</summary>
    public const string ProgrammeField = "programme";

    private readonly ProgrammeId[]? _programmes;

    private DataScope(ProgrammeId[]? programmes)
    {
        _programmes = programmes;
        Filter = programmes is null
            ? null
            : FilterExpression.AnyOf(ProgrammeField, programmes.Select(p => FilterValue.Of(p.Value)));
    }

    /// <summary>Every programme: the scope of a key without scopes.</summary>
    public static DataScope All { get; } = new(null);

    /// <summary>Only <paramref name="programmes"/> (at least one; repeats are ignored).</summary>
    /// <exception cref="ArgumentException">No programme given.</exception>
    public static DataScope Of(IEnumerable<ProgrammeId> programmes)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        var sorted = programmes.Distinct().Order().ToArray();
        return sorted.Length == 0
            ? throw new ArgumentException("a scope needs at least one programme; use DataScope.All for every programme.", nameof(programmes))
            : new DataScope(sorted);
    }

    /// <summary>Only the programmes with these slugs, or <see cref="All"/> when <paramref name="slugs"/> is null or empty.</summary>
    /// <exception cref="FormatException">A slug is not a programme id; the message names it.</exception>
    public static DataScope FromSlugs(IEnumerable<string>? slugs)
    {
        var list = slugs?.Select(s => s.Trim()).Where(s => s.Length > 0).ToArray() ?? [];
        return list.Length == 0 ? All : Of(list.Select(ProgrammeId.Parse));
    }

    /// <summary>Whether every programme is in scope.</summary>
    public bool IsUnrestricted => _programmes is null;

    /// <summary>The programmes in scope, sorted; null when every programme is.</summary>
    public IReadOnlyList<ProgrammeId>? Programmes => _programmes;

    /// <summary>The condition rows in scope meet (<c>programme = a OR programme = b …</c>); null when unrestricted.</summary>
    public FilterExpression? Filter { get; }

    /// <summary>Whether rows of <paramref name="programme"/> are in scope.</summary>
    public bool Allows(ProgrammeId programme) => _programmes is null || Array.BinarySearch(_programmes, programme) >= 0;

    /// <summary>Throws <see cref="OutOfScopeException"/> when <paramref name="programme"/> is outside the scope.</summary>
    public void Require(ProgrammeId programme)
    {
        if (!Allows(programme))
        {
            throw new OutOfScopeException(programme, this);
        }
    }

    /// <summary>The programmes both scopes allow; <see cref="OutOfScopeException"/> when they share none.</summary>
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
        var common = _programmes!.Where(other.Allows).ToArray();
        return common.Length == 0 ? throw new OutOfScopeException(other._programmes![0], this) : new DataScope(common);
    }

    /// <summary>
    /// <paramref name="query"/> as this scope lets it run: refused with <see cref="OutOfScopeException"/> when its
    /// filter names a programme (or an edition of one) outside the scope, else carrying the scope.
    /// </summary>
    /// <param name="query">The caller's query.</param>
    /// <param name="model">The model its fields are read against (which dimensions name programmes and editions).</param>
    public SemanticQuery Apply(SemanticQuery query, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(model);
        if (IsUnrestricted)
        {
            return query;
        }
        if (query.Filter is { } filter)
        {
            foreach (var comparison in QueryPlan.Comparisons(filter))
            {
                if (NamedProgramme(comparison, model) is { } named && !Allows(named))
                {
                    throw new OutOfScopeException(named, this);
                }
            }
        }
        var scope = query.Scope.Intersect(this);
        return ReferenceEquals(scope, query.Scope) ? query : query with { Scope = scope };
    }

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

    /// <inheritdoc/>
    public bool Equals(DataScope? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (_programmes is null ? other._programmes is null : other._programmes is not null && _programmes.SequenceEqual(other._programmes)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DataScope);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_programmes is null)
        {
            return 0;
        }
        var hash = new HashCode();
        foreach (var p in _programmes)
        {
            hash.Add(p);
        }
        return hash.ToHashCode();
    }

    /// <summary><c>all programmes</c>, or the slugs comma-separated.</summary>
    public override string ToString() => _programmes is null ? "all programmes" : string.Join(", ", _programmes);
}
