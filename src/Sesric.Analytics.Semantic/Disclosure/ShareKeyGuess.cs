namespace Sesric.Analytics.Semantic;

/// <summary>
/// Whether the next statement whose synthetic share is protected should compute the share's cell keys up front
/// (<see cref="SyntheticShareKeys"/>): yes for a while after a result needed them, no otherwise.
/// </summary>
/// <remarks>
/// A guess, never a guarantee, as <see cref="ScopeProbes"/> is: a statement without the keys whose rows need them is asked
/// again with them, so what is published never depends on the guess. Guessing "no" wrongly costs one more statement;
/// guessing "yes" wrongly costs the two key sums the statement could have left out. Registries of only real records (the
/// usual case) and generated ones of only synthetic records never need the keys; a store that mixes both needs them for
/// most results, so after one result that needed them the next <see cref="Memory"/> protected statements include them,
/// and each further such result starts the count again: on a mixed store at most one statement in
/// <see cref="Memory"/> + 1 is asked twice.
/// </remarks>
/// <threadsafety>Safe to share across threads.</threadsafety>
internal sealed class ShareKeyGuess
{
    /// <summary>How many protected statements after a result that needed the keys compute them up front.</summary>
    public const int Memory = 32;

    private int _withKeys;

    /// <summary>Whether the next protected statement should compute the share's keys.</summary>
    public bool IncludeKeys => Volatile.Read(ref _withKeys) > 0;

    /// <summary>Records whether a protected result needed the share's keys.</summary>
    public void Observed(bool keysNeeded)
    {
        if (keysNeeded)
        {
            Volatile.Write(ref _withKeys, Memory);
            return;
        }
        // Counted down, not below 0 (a race may lose a step, which only shifts the guess by one statement).
        var left = Volatile.Read(ref _withKeys);
        if (left > 0)
        {
            Interlocked.CompareExchange(ref _withKeys, left - 1, left);
        }
    }
}
