namespace Sesric.Analytics.Import;

/// <summary>One problem with one field of a participation, worded for every input format.</summary>
/// <param name="Field">The field at fault.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public readonly record struct ParticipationProblem(ParticipationField Field, string Message)
{
    /// <summary>
    /// Orders a row's problems by field (stable: problems of one field keep their order), so an adapter that adds
    /// its own format problems to the validator's lists them in one order whatever found them.
    /// </summary>
    /// <remarks>Insertion sort in place: a row has a handful of problems, and this allocates nothing.</remarks>
    public static void SortByField(List<ParticipationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        for (var i = 1; i < problems.Count; i++)
        {
            var current = problems[i];
            var j = i - 1;
            while (j >= 0 && problems[j].Field > current.Field)
            {
                problems[j + 1] = problems[j];
                j--;
            }
            problems[j + 1] = current;
        }
    }
}
