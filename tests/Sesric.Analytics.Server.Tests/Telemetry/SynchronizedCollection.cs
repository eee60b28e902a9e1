namespace Sesric.Analytics.Server.Tests.Telemetry;

/// <summary>A collection the in-memory exporter can fill from any thread.</summary>
public sealed class SynchronizedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public T[] Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item) => Snapshot().Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
