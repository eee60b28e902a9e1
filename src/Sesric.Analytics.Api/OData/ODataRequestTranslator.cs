using System.Globalization;

using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.OData;

/// <summary>
/// Turns an OData request URL into a <see cref="ODataFeedQuery"/>: ODataLib parses the query options against the feed's
/// EDM, and each parsed clause is mapped onto the semantic query (never onto rows). Pure: no I/O.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>$select</c>: the dimensions listed are the grouping, the measures listed are computed per group. With no
/// <c>$select</c> and no <c>$apply</c> the feed answers the default grouping (<see cref="DefaultQuery"/>).</item>
/// <item><c>$apply</c>: <c>filter(...)</c> steps, then one <c>groupby((dims), aggregate(m with sum as alias, …))</c> or one
/// <c>aggregate(...)</c>. A measure is already an aggregate: <c>with sum</c> returns it computed for each group by the model's
/// definition (distinct people counted once, shares as shares), which is what a correct total is.</item>
/// <item><c>$filter</c>: <c>eq</c>, <c>ne</c>, <c>gt</c>, <c>ge</c>, <c>lt</c>, <c>le</c>, <c>in</c>, <c>and</c>, <c>or</c>,
/// <c>not</c> over dimensions and literals.</item>
/// <item><c>$orderby</c> over the row's properties; <c>$top</c>, <c>$skip</c>, <c>$count</c>.</item>
/// </list>
/// Anything else is refused with <see cref="ODataFeedException.BadClause"/> naming the option.
/// </remarks>
public static class ODataRequestTranslator
{
    /// <summary>The query options the feed understands; any other <c>$</c> option is refused.</summary>
    public static readonly IReadOnlySet<string> SupportedOptions = new HashSet<string>(StringComparer.Ordinal)
    {
        "$filter", "$select", "$orderby", "$top", "$skip", "$count", "$apply", "$format",
    };

    /// <summary>Translates <paramref name="requestUri"/> (an entity set URL under <paramref name="serviceRoot"/>).</summary>
    /// <exception cref="ODataFeedException">A query option that does not parse or cannot be mapped.</exception>
    public static ODataFeedQuery Translate(ODataFeedModel feed, Uri serviceRoot, Uri requestUri, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(feed);
        CheckOptions(requestUri);
        var parser = new ODataUriParser(feed.Edm, serviceRoot, requestUri)
        {
            Resolver = new ODataUriResolver { EnableCaseInsensitive = false },
        };
        var path = Parse("path", parser.ParsePath);
        var apply = Parse("$apply", parser.ParseApply);
        var select = Parse("$select", parser.ParseSelectAndExpand);
        var filter = Parse("$filter", parser.ParseFilter);
        var orderBy = Parse("$orderby", parser.ParseOrderBy);
        var top = Parse("$top", parser.ParseTop);
        var skip = Parse("$skip", parser.ParseSkip);
        var count = Parse("$count", parser.ParseCount);
        if (top is < 0)
        {
            throw ODataFeedException.BadClause("$top", $"{top} is negative; write a number of rows, such as $top=100.");
        }
        if (skip is < 0)
        {
            throw ODataFeedException.BadClause("$skip", $"{skip} is negative; write a number of rows to skip, such as $skip=100.");
        }

        var shape = apply is not null
            ? FromApply(feed, apply, select)
            : select is null || select.AllSelected
                ? DefaultShape(feed)
                : FromSelect(feed, select);
        var where = FilterExpression.All(shape.Filter, filter is null ? null : ToFilter(feed, filter.Expression, "$filter"));
        var order = ToOrder(shape, orderBy);
        var measures = shape.Measures.Select(m => m.Source).Distinct(StringComparer.Ordinal).ToList();
        if (measures.Count == 0)
        {
            if (shape.Dimensions.Count == 0)
            {
                throw ODataFeedException.BadClause("$select", $"names no dimension or measure; such as $select=year,member_state,{feed.Semantic.Measures[0].Name}.");
            }
            // Only dimensions: the rows are the groups that have data; the first measure finds them and is not written.
            measures.Add(feed.Semantic.Measures[0].Name);
        }
        var query = new SemanticQuery(
            measures,
            shape.Dimensions,
            where,
            order,
            policy: policy);
        var columns = shape.Dimensions.Select(d => new ODataFeedColumn(d, d)).Concat(shape.Measures).ToArray();
        var uri = new ODataUri
        {
            ServiceRoot = serviceRoot,
            Path = path,
            Apply = apply,
            SelectAndExpand = select,
            Filter = filter,
            OrderBy = orderBy,
            Top = top,
            Skip = skip,
            QueryCount = count,
        };
        return new ODataFeedQuery(query, columns, top, skip ?? 0, count ?? false, uri);
    }

    /// <summary>
    /// The query a request without <c>$select</c> or <c>$apply</c> answers: the model's first dimension (the programme) by its
    /// yearly time dimension, with its first measure (participants). Read from the model's order and traits, not by name.
    /// </summary>
    public static SemanticQuery DefaultQuery(SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dimensions = new List<string> { model.Dimensions[0].Name };
        if (model.Dimensions.FirstOrDefault(d => d.Time == TimeGrain.Year) is { } year && year.Name != dimensions[0])
        {
            dimensions.Add(year.Name);
        }
        return new SemanticQuery([model.Measures[0].Name], dimensions);
    }

    private static void CheckOptions(Uri requestUri)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(requestUri.Query);
        foreach (var (name, values) in query)
        {
            if (!name.StartsWith('$'))
            {
                continue; // custom options (the key parameter) are not the parser's business
            }
            if (!SupportedOptions.Contains(name))
            {
                throw ODataFeedException.BadClause(name, $"is not supported by this feed; use {string.Join(", ", SupportedOptions.Where(o => o != "$format"))}.");
            }
            if (values.Count > 1)
            {
                throw ODataFeedException.BadClause(name, "is given more than once.");
            }
            if (name == "$format" && !string.Equals(values.ToString(), "json", StringComparison.OrdinalIgnoreCase)
                && !values.ToString().StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                throw ODataFeedException.BadClause(name, $"'{values}' is not served; the feed answers JSON ($format=json).");
            }
        }
    }

    private static T Parse<T>(string clause, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ODataException e)
        {
            throw ODataFeedException.BadClause(clause, e.Message);
        }
    }

    private static Shape DefaultShape(ODataFeedModel feed)
    {
        var query = DefaultQuery(feed.Semantic);
        return new Shape(query.Dimensions, query.Measures.Select(m => new ODataFeedColumn(m, m)).ToArray(), null);
    }

    private static Shape FromSelect(ODataFeedModel feed, SelectExpandClause select)
    {
        var dimensions = new List<string>();
        var measures = new List<ODataFeedColumn>();
        foreach (var item in select.SelectedItems)
        {
            var name = item switch
            {
                PathSelectItem { SelectedPath.Count: 1 } path => SegmentName(path.SelectedPath.FirstSegment),
                ExpandedNavigationSelectItem => throw ODataFeedException.BadClause("$expand", "the feed has no navigation properties."),
                _ => throw ODataFeedException.BadClause("$select", "list dimensions and measures by name ('*' would ask for every measure by every dimension); such as $select=year,member_state,participants."),
            };
            if (name is ODataFeedModel.KeyProperty or ODataFeedModel.WithheldProperty)
            {
                continue; // written with every row anyway
            }
            if (feed.IsDimension(name))
            {
                dimensions.Add(name);
            }
            else if (feed.IsMeasure(name))
            {
                measures.Add(new ODataFeedColumn(name, name));
            }
            else
            {
                throw UnknownName("$select", name, feed);
            }
        }
        return new Shape(dimensions, measures, null);
    }

    private static Shape FromApply(ODataFeedModel feed, ApplyClause apply, SelectExpandClause? select)
    {
        if (select is { AllSelected: false })
        {
            throw ODataFeedException.BadClause("$select", "is not combined with $apply here: the groupby and aggregate already name the row's properties.");
        }
        FilterExpression? where = null;
        Shape? shape = null;
        foreach (var step in apply.Transformations)
        {
            if (shape is not null)
            {
                throw ODataFeedException.BadClause("$apply", $"'{Describe(step)}' after the aggregation is not supported; write filter(...) steps first, then one groupby or aggregate.");
            }
            switch (step)
            {
                case FilterTransformationNode filter:
                    where = FilterExpression.All(where, ToFilter(feed, filter.FilterClause.Expression, "$apply"));
                    break;
                case GroupByTransformationNode groupBy:
                    var dimensions = new List<string>();
                    foreach (var property in groupBy.GroupingProperties)
                    {
                        if (property.ChildTransformations.Count > 0 || property.Expression is null)
                        {
                            throw ODataFeedException.BadClause("$apply", $"groupby over '{property.Name}/…' paths is not supported; group by dimensions.");
                        }
                        var name = PropertyName(property.Expression) ?? property.Name;
                        if (!feed.IsDimension(name))
                        {
                            throw feed.IsMeasure(name)
                                ? ODataFeedException.BadClause("$apply", $"groupby takes dimensions; '{name}' is a measure (aggregate it instead).")
                                : UnknownName("$apply", name, feed);
                        }
                        dimensions.Add(name);
                    }
                    var measures = groupBy.ChildTransformations switch
                    {
                        null => throw ODataFeedException.BadClause("$apply", "groupby needs an aggregate(...) of at least one measure, such as groupby((year),aggregate(participants with sum as participants))."),
                        AggregateTransformationNode aggregate => Aggregates(feed, aggregate),
                        var other => throw ODataFeedException.BadClause("$apply", $"'{Describe(other)}' inside groupby is not supported; use aggregate(...)."),
                    };
                    shape = new Shape(dimensions, measures, where);
                    break;
                case AggregateTransformationNode aggregate:
                    shape = new Shape([], Aggregates(feed, aggregate), where);
                    break;
                default:
                    throw ODataFeedException.BadClause("$apply", $"'{Describe(step)}' is not supported; use filter(...), groupby((…),aggregate(…)) or aggregate(…).");
            }
        }
        return shape ?? throw ODataFeedException.BadClause("$apply", "filter(...) alone asks for no figures; end with groupby((…),aggregate(…)) or aggregate(…).");
    }

    private static List<ODataFeedColumn> Aggregates(ODataFeedModel feed, AggregateTransformationNode aggregate)
    {
        var columns = new List<ODataFeedColumn>();
        foreach (var expression in aggregate.AggregateExpressions)
        {
            if (expression is not AggregateExpression { AggregateKind: AggregateExpressionKind.PropertyAggregate } single)
            {
                throw ODataFeedException.BadClause("$apply", $"'{expression.Alias}': only 'measure with sum as alias' aggregates are supported.");
            }
            var name = PropertyName(single.Expression);
            if (single.Method == AggregationMethod.VirtualPropertyCount)
            {
                throw ODataFeedException.BadClause("$apply", $"'$count as {single.Alias}' counts feed rows, not people; aggregate a measure such as participants instead.");
            }
            if (name is null || !feed.IsMeasure(name))
            {
                throw name is not null && feed.IsDimension(name)
                    ? ODataFeedException.BadClause("$apply", $"'{name}' is a dimension; aggregate measures ({feed.MeasureNames}).")
                    : UnknownName("$apply", name ?? single.Alias, feed);
            }
            if (single.Method != AggregationMethod.Sum)
            {
                throw ODataFeedException.BadClause("$apply", $"'{name} with {MethodName(single)}' is not supported: measures are computed by the model for each group; write '{name} with sum as {single.Alias}'.");
            }
            if (columns.Any(c => c.Name == single.Alias) || feed.IsDimension(single.Alias))
            {
                throw ODataFeedException.BadClause("$apply", $"the alias '{single.Alias}' is used twice.");
            }
            columns.Add(new ODataFeedColumn(single.Alias, name));
        }
        return columns;
    }

    private static IReadOnlyList<OrderTerm> ToOrder(Shape shape, OrderByClause? clause)
    {
        var terms = new List<OrderTerm>();
        for (var c = clause; c is not null; c = c.ThenBy)
        {
            var name = PropertyName(c.Expression)
                ?? throw ODataFeedException.BadClause("$orderby", "order by the row's properties by name, such as $orderby=year desc,participants.");
            var column = shape.Measures.FirstOrDefault(m => m.Name == name)?.Source
                ?? (shape.Dimensions.Contains(name) ? name : null)
                ?? throw ODataFeedException.BadClause("$orderby", $"'{name}' is not a property of these rows; order by one of {string.Join(", ", shape.Dimensions.Concat(shape.Measures.Select(m => m.Name)))}.");
            terms.Add(new OrderTerm(column, c.Direction == OrderByDirection.Descending));
        }
        return terms;
    }

    /// <summary>Maps a parsed filter onto the semantic filter tree.</summary>
    private static FilterExpression ToFilter(ODataFeedModel feed, SingleValueNode node, string clause)
    {
        switch (node)
        {
            case ConvertNode convert:
                return ToFilter(feed, convert.Source, clause);
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and:
                return ToFilter(feed, and.Left, clause) & ToFilter(feed, and.Right, clause);
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or:
                return ToFilter(feed, or.Left, clause) | ToFilter(feed, or.Right, clause);
            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not:
                return !ToFilter(feed, not.Operand, clause);
            case BinaryOperatorNode comparison when Operator(comparison.OperatorKind) is { } op:
                var (left, right) = (Unwrap(comparison.Left), Unwrap(comparison.Right));
                if (PropertyName(left) is { } field && right is ConstantNode value)
                {
                    return FilterExpression.Compare(Dimension(feed, field, clause), op, Literal(field, value, clause));
                }
                if (PropertyName(right) is { } flipped && left is ConstantNode leftValue)
                {
                    return FilterExpression.Compare(Dimension(feed, flipped, clause), Mirror(op), Literal(flipped, leftValue, clause));
                }
                throw ODataFeedException.BadClause(clause, "compare a dimension with a literal, such as year ge 2020 or member_state eq 'TUR'.");
            case InNode @in:
                var name = PropertyName(Unwrap(@in.Left))
                    ?? throw ODataFeedException.BadClause(clause, "'in' takes a dimension on its left, such as member_state in ('TUR','EGY').");
                var dimension = Dimension(feed, name, clause);
                if (@in.Right is not CollectionConstantNode list || list.Collection.Count == 0)
                {
                    throw ODataFeedException.BadClause(clause, "'in' takes a list of literals on its right, such as member_state in ('TUR','EGY').");
                }
                return FilterExpression.AnyOf(dimension, list.Collection.Select(v => Literal(name, v, clause)));
            case BinaryOperatorNode other:
                throw ODataFeedException.BadClause(clause, $"the operator '{other.OperatorKind}' is not supported; use eq, ne, gt, ge, lt, le, in, and, or, not.");
            case SingleValueFunctionCallNode function:
                throw ODataFeedException.BadClause(clause, $"the function '{function.Name}' is not supported; use eq, ne, gt, ge, lt, le, in, and, or, not.");
            default:
                throw ODataFeedException.BadClause(clause, $"'{node.Kind}' expressions are not supported; use eq, ne, gt, ge, lt, le, in, and, or, not over dimensions.");
        }
    }

    private static SingleValueNode Unwrap(SingleValueNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

    private static string? PropertyName(SingleValueNode? node) => node switch
    {
        ConvertNode convert => PropertyName(convert.Source),
        SingleValuePropertyAccessNode property => property.Property.Name,
        SingleValueOpenPropertyAccessNode open => open.Name,
        _ => null,
    };

    private static string SegmentName(ODataPathSegment segment) => segment switch
    {
        PropertySegment property => property.Property.Name,
        DynamicPathSegment dynamic => dynamic.Identifier,
        _ => throw ODataFeedException.BadClause("$select", $"'{segment.Identifier}' is not a property; list dimensions and measures by name."),
    };

    private static string Dimension(ODataFeedModel feed, string name, string clause)
    {
        if (feed.IsDimension(name))
        {
            return name;
        }
        throw feed.IsMeasure(name)
            ? ODataFeedException.BadClause(clause, $"'{name}' is a measure; filters apply to dimensions ({feed.DimensionNames}) before measures are computed.")
            : UnknownName(clause, name, feed);
    }

    // ODataLib 8 parses date literals as its own Date (obsolete, to become DateOnly in ODataLib 9); both are read.
#pragma warning disable CS0618
    private static FilterValue Literal(string field, ConstantNode constant, string clause) => constant.Value switch
    {
        null => throw ODataFeedException.BadClause(clause, $"'{field}' compared with null is not supported; compare with a value."),
        string text => FilterValue.Of(text),
        int or long or short or byte or sbyte => FilterValue.Of(Convert.ToInt64(constant.Value, CultureInfo.InvariantCulture)),
        Date date => FilterValue.Of(new DateOnly(date.Year, date.Month, date.Day)),
        DateOnly date => FilterValue.Of(date),
        decimal or double or float when Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture) is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15 => FilterValue.Of((long)d),
        ODataEnumValue or bool => throw ODataFeedException.BadClause(clause, $"'{constant.LiteralText}' is not a value '{field}' can take."),
        _ => throw ODataFeedException.BadClause(clause, $"'{constant.LiteralText}' is not a whole number, text or date that '{field}' can be compared with."),
    };
#pragma warning restore CS0618

    private static FilterOperator? Operator(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Equal => FilterOperator.Equal,
        BinaryOperatorKind.NotEqual => FilterOperator.NotEqual,
        BinaryOperatorKind.GreaterThan => FilterOperator.Greater,
        BinaryOperatorKind.GreaterThanOrEqual => FilterOperator.GreaterOrEqual,
        BinaryOperatorKind.LessThan => FilterOperator.Less,
        BinaryOperatorKind.LessThanOrEqual => FilterOperator.LessOrEqual,
        _ => null,
    };

    /// <summary>The operator with its operands swapped: <c>2020 le year</c> is <c>year ge 2020</c>.</summary>
    private static FilterOperator Mirror(FilterOperator op) => op switch
    {
        FilterOperator.Greater => FilterOperator.Less,
        FilterOperator.GreaterOrEqual => FilterOperator.LessOrEqual,
        FilterOperator.Less => FilterOperator.Greater,
        FilterOperator.LessOrEqual => FilterOperator.GreaterOrEqual,
        _ => op,
    };

    private static ODataFeedException UnknownName(string clause, string name, ODataFeedModel feed) =>
        ODataFeedException.BadClause(clause, $"'{name}' is neither a dimension ({feed.DimensionNames}) nor a measure ({feed.MeasureNames}).");

    private static string MethodName(AggregateExpression expression) =>
        expression.Method == AggregationMethod.Custom ? expression.MethodDefinition.MethodLabel : expression.Method.ToString().ToLowerInvariant();

    private static string Describe(TransformationNode node) => node.Kind.ToString().ToLowerInvariant();

    private sealed record Shape(IReadOnlyList<string> Dimensions, IReadOnlyList<ODataFeedColumn> Measures, FilterExpression? Filter);
}
