using System.Globalization;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Parses the expression of a user measure into a <see cref="MeasureExpression"/> tree; names are checked later,
/// against the model (<see cref="UserMeasureCompiler"/>).
/// </summary>
/// <remarks>
/// <para>Grammar:</para>
/// <code>
/// expression  := term (("+" | "-") term)*
/// term        := unary (("*" | "/") unary)*
/// unary       := "-" unary | primary
/// primary     := number | "(" expression ")" | measure restriction?
/// measure     := [a-z_][a-z0-9_]*
/// restriction := "[" condition ("and" condition)* "]"
/// condition   := dimension "=" ( "double-quoted text" | whole number )
/// number      := digits ("." digits)?
/// </code>
/// <para>Nothing else is accepted: no functions, no comparisons, no SQL. Positions are 0-based character offsets.
/// Limits: <see cref="MaxLength"/> characters and <see cref="MaxDepth"/> levels of nesting, so a hostile file is
/// refused cheaply. Every problem is a <see cref="ModelFileException"/> naming the path and the position.</para>
/// </remarks>
internal sealed class MeasureExpressionParser
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxLength = 1000;

    /// <summary>The deepest nesting of parentheses and signs accepted.</summary>
    public const int MaxDepth = 32;

    private readonly string _text;
    private readonly string _path;
    private int _at;
    private int _depth;

    private MeasureExpressionParser(string text, string path)
    {
        _text = text;
        _path = path;
    }

    /// <summary>Parses <paramref name="text"/>, found at <paramref name="path"/> in the model file.</summary>
    public static MeasureExpression Parse(string text, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ModelFileException(path, "the expression is empty; write one such as participants[attendance = \"completed\"] / participants");
        }
        if (text.Length > MaxLength)
        {
            throw new ModelFileException(path, $"the expression is {text.Length} characters long; at most {MaxLength} are accepted");
        }
        var parser = new MeasureExpressionParser(text, path);
        var expression = parser.Expression();
        parser.SkipSpace();
        if (parser._at < text.Length)
        {
            throw parser.Error(text[parser._at] == ')'
                ? $"unmatched ')' at position {parser._at}"
                : $"expected an operator (+ - * /) or the end at position {parser._at}, found {parser.Describe()}", parser._at);
        }
        return expression;
    }

    private MeasureExpression Expression()
    {
        var left = Term();
        while (Peek() is '+' or '-')
        {
            var at = _at;
            var op = _text[_at++];
            left = new BinaryExpression(op, left, Term(), at);
        }
        return left;
    }

    private MeasureExpression Term()
    {
        var left = Unary();
        while (Peek() is '*' or '/')
        {
            var at = _at;
            var op = _text[_at++];
            left = new BinaryExpression(op, left, Unary(), at);
        }
        return left;
    }

    private MeasureExpression Unary()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth} levels at position {_at}; simplify the expression", _at);
        }
        try
        {
            if (Peek() == '-')
            {
                var at = _at++;
                return new NegateExpression(Unary(), at);
            }
            return Primary();
        }
        finally
        {
            _depth--;
        }
    }

    private MeasureExpression Primary()
    {
        var c = Peek();
        var start = _at;
        if (c is null)
        {
            throw Error($"the expression ends too early at position {_at}; a measure or a number is missing", _at);
        }
        if (c == '(')
        {
            _at++;
            var inner = Expression();
            if (Peek() != ')')
            {
                throw Error($"expected ')' to close the '(' at position {start}, found {Describe()} at position {_at}", _at);
            }
            _at++;
            return inner;
        }
        if (char.IsAsciiDigit(c.Value))
        {
            return Number();
        }
        if (IsNameStart(c.Value))
        {
            var name = Name();
            if (Peek() == '(')
            {
                throw Error(SemanticModel.TimeIntelligenceFunctions.Contains(name, StringComparer.Ordinal)
                    ? $"'{name}(…)' at position {start}: time-intelligence forms are not part of a definition; define the measure, then query {name}(<your measure>)"
                    : $"'{name}(' at position {start}: there are no functions; use + - * / and parentheses", start);
            }
            var restrictions = Peek() == '[' ? Restrictions() : [];
            return new MeasureReferenceExpression(name, restrictions, start);
        }
        throw Error($"expected a measure, a number or '(' at position {_at}, found {Describe()}", _at);
    }

    private List<RestrictionExpression> Restrictions()
    {
        var open = _at++;
        var conditions = new List<RestrictionExpression>();
        while (true)
        {
            var c = Peek();
            if (c is null || !IsNameStart(c.Value))
            {
                throw Error($"expected a dimension name at position {_at} inside the restriction opened at position {open}, found {Describe()}", _at);
            }
            var at = _at;
            var dimension = Name();
            if (Peek() != '=')
            {
                throw Error($"expected '=' after '{dimension}' at position {_at}, found {Describe()}; a restriction is dimension = \"value\"", _at);
            }
            _at++;
            if (Peek() == '=')
            {
                throw Error($"'==' at position {_at - 1} is not an operator; write a single '='", _at - 1);
            }
            var valueAt = _at;
            FilterValue value;
            if (Peek() == '"')
            {
                value = new FilterValue(FilterValueKind.String, Quoted(), valueAt);
            }
            else if (Peek() is { } d && char.IsAsciiDigit(d))
            {
                var number = Number();
                if (!number.IsWhole)
                {
                    throw Error($"the value at position {valueAt} has a fraction; restriction values are quoted text or whole numbers", valueAt);
                }
                value = new FilterValue(FilterValueKind.Number, _text[valueAt.._at].Trim(), valueAt);
            }
            else
            {
                throw Error($"expected a double-quoted value or a whole number at position {_at}, found {Describe()}", _at);
            }
            conditions.Add(new RestrictionExpression(dimension, value, at, valueAt));
            SkipSpace();
            if (Peek() == ']')
            {
                _at++;
                return conditions;
            }
            var and = _at;
            if (Peek() is { } n && IsNameStart(n) && Name() == "and")
            {
                continue;
            }
            throw Error($"expected 'and' or ']' at position {and} to close the restriction opened at position {open}", and);
        }
    }

    private string Quoted()
    {
        var start = _at++;
        var end = _text.IndexOf('"', _at);
        if (end < 0)
        {
            throw Error($"the text starting at position {start} has no closing \"", start);
        }
        var value = _text[_at..end];
        _at = end + 1;
        return value;
    }

    private NumberLiteral Number()
    {
        var start = _at;
        while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
        {
            _at++;
        }
        var whole = true;
        if (_at < _text.Length && _text[_at] == '.')
        {
            whole = false;
            _at++;
            if (_at >= _text.Length || !char.IsAsciiDigit(_text[_at]))
            {
                throw Error($"the number at position {start} needs digits after its '.'", start);
            }
            while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
            {
                _at++;
            }
        }
        if (_at < _text.Length && (char.IsAsciiLetter(_text[_at]) || _text[_at] == '_'))
        {
            throw Error($"unexpected '{_text[_at]}' at position {_at} after a number", _at);
        }
        var text = _text[start.._at];
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value) || (whole && value > long.MaxValue))
        {
            throw Error($"the number at position {start} is too large", start);
        }
        return new NumberLiteral(value, whole, start);
    }

    private string Name()
    {
        var start = _at;
        while (_at < _text.Length && (IsNameStart(_text[_at]) || char.IsAsciiDigit(_text[_at])))
        {
            _at++;
        }
        return _text[start.._at];
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    /// <summary>The next character that is not white space (null at the end), moving past the space.</summary>
    private char? Peek()
    {
        SkipSpace();
        return _at < _text.Length ? _text[_at] : null;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private string Describe() => _at >= _text.Length ? "the end" : $"'{_text[_at]}'";

    private ModelFileException Error(string problem, int position) => new(_path, problem, position);
}
