namespace Sesric.Analytics.Api.Filtering;

/// <summary>One field a List method can filter and order by: its public name, its kind and how to read it.</summary>
/// <typeparam name="T">The listed item.</typeparam>
/// <remarks>A reader returns null when the item has no value (an edition without a known host); such an
/// item equals no literal and differs from every literal.</remarks>
public sealed class ListField<T>
{
    private readonly Func<T, object?> _read;

    private ListField(string name, ListFieldKind kind, Func<T, object?> read)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(read);
        Name = name;
        Kind = kind;
        _read = read;
    }

    /// <summary>The name used in <c>filter</c> and <c>order_by</c>, such as <c>host_country</c>.</summary>
    public string Name { get; }

    /// <summary>Text or number.</summary>
    public ListFieldKind Kind { get; }

    /// <summary>A text field.</summary>
    /// <param name="name">The name used in <c>filter</c> and <c>order_by</c>.</param>
    /// <param name="read">Reads the value; null when the item has none.</param>
    public static ListField<T> Text(string name, Func<T, string?> read) => new(name, ListFieldKind.Text, item => read(item));

    /// <summary>A whole-number field.</summary>
    /// <param name="name">The name used in <c>filter</c> and <c>order_by</c>.</param>
    /// <param name="read">Reads the value; null when the item has none.</param>
    public static ListField<T> Number(string name, Func<T, long?> read) => new(name, ListFieldKind.Number, item => read(item));

    /// <summary>The item's value: a <see cref="string"/>, a boxed <see cref="long"/>, or null.</summary>
    internal object? Read(T item) => _read(item);
}
