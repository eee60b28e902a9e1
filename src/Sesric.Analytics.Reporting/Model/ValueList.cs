using System.Collections;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// An immutable list that compares by its items, so that records holding lists (reports, pages, visuals)
/// are equal when their contents are: a report read back from JSON equals the one that was written.
/// </summary>
/// <typeparam name="T">The item type; its own equality decides list equality.</typeparam>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    /// <summary>Copies <paramref name="items"/>.</summary>
    public ValueList(IEnumerable<T> items) => _items = [.. items];

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new([]);

    /// <inheritdoc/>
    public T this[int index] => _items[index];

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(ValueList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    /// <summary>Wraps items in a <see cref="ValueList{T}"/>.</summary>
    public static implicit operator ValueList<T>(T[] items) => new(items);
}

/// <summary>Helpers to make <see cref="ValueList{T}"/>.</summary>
public static class ValueList
{
    /// <summary>A list of <paramref name="items"/>.</summary>
    public static ValueList<T> Of<T>(params T[] items) => new(items);

    /// <summary>The items of <paramref name="items"/> as a <see cref="ValueList{T}"/>, or the empty list for null.</summary>
    public static ValueList<T> ToValueList<T>(this IEnumerable<T>? items) => items is null ? ValueList<T>.Empty : new(items);
}
