using System.Globalization;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.Filtering;

/// <summary>
/// Turns a List method's <c>filter</c> into a predicate: the text is parsed by the semantic engine's
/// <see cref="FilterParser"/> (the one AIP-160 grammar of this API: comparisons, AND, OR, NOT and
/// parentheses), and the tree is checked against the method's field whitelist and evaluated in memory.
/// </summary>
/// <remarks>Text compares ignoring case (ordinal); a missing value equals nothing and differs from
/// everything, so <c>host_country != "TUR"</c> keeps editions whose host is unknown. Every problem is a
/// INVALID_ARGUMENT with a field violation on <c>filter</c> naming the character position (zero-based, as
/// the statistics filter reports it) and the fix.</remarks>
public static class ListFilter
{
    /// <summary>Parses and checks <paramref name="filter"/>; a blank filter keeps every item.</summary>
    /// <typeparam name="T">The listed item.</typeparam>
    /// <param name="filter">The request's filter text.</param>
    /// <param name="fields">The fields this list may be filtered by, keyed by name.</param>
    /// <returns>A predicate that is true for the items the filter keeps.</returns>
    /// <exception cref="Grpc.Core.RpcException">INVALID_ARGUMENT on <c>filter</c>: the filter does not parse, names an unknown field, or compares a field with the wrong kind of literal.</exception>
    public static Func<T, bool> Compile<T>(string? filter, IReadOnlyDictionary<string, ListField<T>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (string.IsNullOrWhiteSpace(filter))
        {
            return static _ => true;
        }
        FilterExpression tree;
        try
        {
            tree = FilterParser.Parse(filter);
        }
        catch (QueryException e)
        {
            // The parser's messages start with "filter: "; the field violation names the field already.
            throw Bad(e.Message.StartsWith("filter: ", StringComparison.Ordinal) ? e.Message["filter: ".Length..] : e.Message);
        }
        return Build(tree, fields);
    }

    private static Grpc.Core.RpcException Bad(string description) => RpcErrors.InvalidArgument("filter", description);

    private static Func<T, bool> Build<T>(FilterExpression node, IReadOnlyDictionary<string, ListField<T>> fields)
    {
        switch (node)
        {
            case FilterAnd and:
                {
                    var (left, right) = (Build(and.Left, fields), Build(and.Right, fields));
                    return item => left(item) && right(item);
                }
            case FilterOr or:
                {
                    var (left, right) = (Build(or.Left, fields), Build(or.Right, fields));
                    return item => left(item) || right(item);
                }
            case FilterNot not:
                {
                    var operand = Build(not.Operand, fields);
                    return item => !operand(item);
                }
            case FilterComparison comparison:
                return Compare(comparison, fields);
            default:
                throw Bad($"unsupported filter element {node.GetType().Name}.");
        }
    }

    private static Func<T, bool> Compare<T>(FilterComparison comparison, IReadOnlyDictionary<string, ListField<T>> fields)
    {
        if (!fields.TryGetValue(comparison.Field, out var field))
        {
            throw Bad($"unknown field '{comparison.Field}' at position {comparison.Position}; fields: {string.Join(", ", fields.Keys.Order(StringComparer.Ordinal))}.");
        }
        var value = comparison.Value;
        var op = comparison.Operator;
        switch (field.Kind, value.Kind)
        {
            case (ListFieldKind.Number, FilterValueKind.Number):
                var number = long.Parse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return item => Holds(op, field.Read(item) is long actual ? actual.CompareTo(number) : null);
            case (ListFieldKind.Text, FilterValueKind.String):
                var text = value.Text;
                return item => Holds(op, field.Read(item) is string actual ? string.Compare(actual, text, StringComparison.OrdinalIgnoreCase) : null);
            case (ListFieldKind.Number, _):
                throw Bad($"'{field.Name}' is a whole number; the value at position {value.Position} must be one too, such as {field.Name} >= 2020.");
            default:
                throw Bad($"'{field.Name}' is text; quote the value at position {value.Position}, such as {field.Name} = \"{value.Text}\".");
        }
    }

    // A missing value (null) makes every comparison false except !=.
    private static bool Holds(FilterOperator op, int? comparison) => op switch
    {
        FilterOperator.Equal => comparison == 0,
        FilterOperator.NotEqual => comparison != 0,
        FilterOperator.Less => comparison < 0,
        FilterOperator.LessOrEqual => comparison <= 0,
        FilterOperator.Greater => comparison > 0,
        _ => comparison >= 0,
    };
}
