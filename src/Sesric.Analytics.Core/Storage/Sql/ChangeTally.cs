namespace Sesric.Analytics.Storage.Sql;

/// <summary>Counts row changes into a <see cref="WriteOutcome"/>.</summary>
public sealed class ChangeTally
{
    private long _inserted;
    private long _updated;
    private long _unchanged;

    /// <summary>Counts one row.</summary>
    public void Add(RowChange change)
    {
        switch (change)
        {
            case RowChange.Inserted: _inserted++; break;
            case RowChange.Updated: _updated++; break;
            default: _unchanged++; break;
        }
    }

    /// <summary>The totals so far.</summary>
    public WriteOutcome ToOutcome() => new(_inserted, _updated, _unchanged);
}
