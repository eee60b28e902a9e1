namespace Sesric.Analytics.Semantic;

/// <summary>What was wrong with a query (maps to a gRPC <c>INVALID_ARGUMENT</c> reason).</summary>
public enum QueryErrorKind
{
    /// <summary>The filter or order-by text does not parse; <see cref="QueryException.Position"/> says where.</summary>
    Syntax,

    /// <summary>A measure name is not in the model; the message lists the valid ones.</summary>
    UnknownMeasure,

    /// <summary>A dimension or filter field is not in the model; the message lists the valid ones.</summary>
    UnknownField,

    /// <summary>A filter value does not fit its field (text for a year, an unknown OIC group, an operator the field does not support).</summary>
    InvalidValue,

    /// <summary>A time-intelligence measure was asked for without <c>year</c> among the dimensions, or over a measure it cannot apply to.</summary>
    TimeIntelligence,

    /// <summary>The measures and fields cannot be combined (published totals split by member state, coverage by gender).</summary>
    Incompatible,

    /// <summary>The query asks for nothing, too much, or a negative limit/offset.</summary>
    InvalidQuery,

    /// <summary>The filter is longer or deeper than the engine accepts.</summary>
    TooComplex,
}
