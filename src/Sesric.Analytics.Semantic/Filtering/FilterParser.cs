using System.Globalization;
using System.Text;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Parses the filter grammar: a documented subset of Google's AIP-160.
/// </summary>
/// <remarks>
/// <code>
/// filter     := or
/// or         := and ( "OR" and )*
/// and        := unary ( "AND" unary )*
/// unary      := "NOT" unary | "(" or ")" | comparison
/// comparison := field ( "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ) value
/// field      := [A-Za-z_][A-Za-z0-9_]*
/// value      := "double-quoted" | 'single-quoted' | integer | yyyy-mm-dd
/// </code>
/// <para>AND binds tighter than OR; keywords are upper case. Inside quotes, a backslash escapes the
/// next character. Limits (so that hostile input is refused cheaply): at most
/// <see cref="MaxLength"/> characters, <see cref="MaxDepth"/> levels of parentheses and NOT, and
/// <see cref="MaxComparisons"/> comparisons. Every problem is a <see cref="QueryException"/> with the
/// character position; nothing else is thrown.</para>
/// </remarks>
public static class FilterParser
{
    /// <summary>The longest filter accepted, in characters.</summary>
    public const int MaxLength = 4000;

    /// <summary>The deepest nesting of parentheses and NOT accepted.</summary>
    public const int MaxDepth = 24;

    /// <summary>The most comparisons one filter may hold.</summary>
    public const int MaxComparisons = 200;

    /// <summary>Parses <paramref name="text"/>, throwing a <see cref="QueryException"/> that points at the problem.</summary>
    public static FilterExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new QueryException(QueryErrorKind.TooComplex, $"filter: {text.Length} characters is too long; at most {MaxLength} are accepted. Split the question into simpler queries.", "filter", MaxLength);
        }
        var tokens = Tokenize(text);
        var parser = new Parser(tokens);
        if (parser.AtEnd)
        {
            throw Syntax("the filter is empty; write a condition such as programme = \"diplomacy-cab\", or leave the filter out", 0);
        }
        var expression = parser.ParseOr(0);
        if (!parser.AtEnd)
        {
            var t = parser.Current;
            throw Syntax(t.Kind == TokenKind.RightParen
                ? $"unmatched ')' at position {t.Position}; remove it or add a matching '('"
                : $"expected AND, OR or the end of the filter at position {t.Position}, found {Describe(t)}", t.Position);
        }
        return expression;
    }

    /// <summary>Parses without throwing; <paramref name="error"/> holds the problem on failure.</summary>
    public static bool TryParse(string text, out FilterExpression? expression, out QueryException? error)
    {
        try
        {
            expression = Parse(text);
            error = null;
            return true;
        }
        catch (QueryException e)
        {
            expression = null;
            error = e;
            return false;
        }
    }

    private static QueryException Syntax(string message, int position) =>
        new(QueryErrorKind.Syntax, "filter: " + message + ".", "filter", position);

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.End => "the end of the filter",
        TokenKind.String => $"the text \"{Shorten(t.Text)}\"",
        _ => $"'{Shorten(t.Text)}'",
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private enum TokenKind { Identifier, And, Or, Not, LeftParen, RightParen, Operator, String, Number, Date, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (c == '(' || c == ')')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.LeftParen : TokenKind.RightParen, c.ToString(), start));
                i++;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "!=" or "<=" or ">=")
                {
                    tokens.Add(new Token(TokenKind.Operator, two, start));
                    i += 2;
                }
                else if (two == "==")
                {
                    throw Syntax($"'==' at position {start} is not an operator; write a single '='", start);
                }
                else if (c == '!')
                {
                    throw Syntax($"'!' at position {start} must be followed by '=' (or write NOT before a condition)", start);
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Operator, c.ToString(), start));
                    i++;
                }
            }
            else if (c is '"' or '\'')
            {
                var value = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var d = text[i];
                    if (d == '\\' && i + 1 < text.Length)
                    {
                        value.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }
                    if (d == c)
                    {
                        closed = true;
                        i++;
                        break;
                    }
                    value.Append(d);
                    i++;
                }
                if (!closed)
                {
                    throw Syntax($"the text starting at position {start} has no closing {c}; close it with {c}", start);
                }
                tokens.Add(new Token(TokenKind.String, value.ToString(), start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                var kind = TokenKind.Number;
                if (c != '-' && i - start == 4 && IsDateTail(text, i))
                {
                    i += 6;
                    kind = TokenKind.Date;
                }
                if (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_' or '-'))
                {
                    throw Syntax(text[i] == '.'
                        ? $"the number at position {start} has a fraction; only whole numbers and dates (yyyy-mm-dd) are accepted"
                        : $"unexpected '{text[i]}' at position {i} after a number; dates are written yyyy-mm-dd and text is quoted", text[i] == '.' ? start : i);
                }
                tokens.Add(new Token(kind, text[start..i], start));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                var word = text[start..i];
                var kind = word switch
                {
                    "AND" => TokenKind.And,
                    "OR" => TokenKind.Or,
                    "NOT" => TokenKind.Not,
                    _ => TokenKind.Identifier,
                };
                tokens.Add(new Token(kind, word, start));
            }
            else
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                throw Syntax(c switch
                {
                    ';' => $"';' at position {start} is not allowed; a filter is one expression",
                    '-' or '/' or '#' => $"'{shown}' at position {start} is not allowed (comments and arithmetic are not part of the filter grammar)",
                    '&' or '|' => $"'{shown}' at position {start} is not an operator; write AND or OR",
                    _ => $"unexpected character '{shown}' at position {start}",
                }, start);
            }
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    /// <summary>True when <paramref name="text"/> continues at <paramref name="i"/> with <c>-mm-dd</c>.</summary>
    private static bool IsDateTail(string text, int i) =>
        i + 6 <= text.Length
        && text[i] == '-' && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2])
        && text[i + 3] == '-' && char.IsAsciiDigit(text[i + 4]) && char.IsAsciiDigit(text[i + 5]);

    private sealed class Parser(List<Token> tokens)
    {
        private int _index;
        private int _comparisons;

        public bool AtEnd => Current.Kind == TokenKind.End;

        public Token Current => tokens[_index];

        public FilterExpression ParseOr(int depth)
        {
            var left = ParseAnd(depth);
            while (Current.Kind == TokenKind.Or)
            {
                _index++;
                left = new FilterOr(left, ParseAnd(depth));
            }
            return left;
        }

        private FilterExpression ParseAnd(int depth)
        {
            var left = ParseUnary(depth);
            while (Current.Kind == TokenKind.And)
            {
                _index++;
                left = new FilterAnd(left, ParseUnary(depth));
            }
            return left;
        }

        private FilterExpression ParseUnary(int depth)
        {
            var t = Current;
            if (t.Kind is TokenKind.Not or TokenKind.LeftParen && depth >= MaxDepth)
            {
                throw new QueryException(QueryErrorKind.TooComplex, $"filter: nesting deeper than {MaxDepth} levels at position {t.Position}; simplify the filter.", "filter", t.Position);
            }
            switch (t.Kind)
            {
                case TokenKind.Not:
                    _index++;
                    return new FilterNot(ParseUnary(depth + 1));
                case TokenKind.LeftParen:
                    _index++;
                    var inner = ParseOr(depth + 1);
                    if (Current.Kind != TokenKind.RightParen)
                    {
                        throw Syntax($"expected ')' to close the '(' at position {t.Position}, found {Describe(Current)} at position {Current.Position}", Current.Position);
                    }
                    _index++;
                    return inner;
                case TokenKind.Identifier:
                    return ParseComparison();
                case TokenKind.End:
                    throw Syntax($"the filter ends too early at position {t.Position}; a condition such as year >= 2020 is missing", t.Position);
                default:
                    throw Syntax($"expected a field name, NOT or '(' at position {t.Position}, found {Describe(t)}", t.Position);
            }
        }

        private FilterComparison ParseComparison()
        {
            var field = Current;
            _index++;
            var op = Current;
            if (op.Kind != TokenKind.Operator)
            {
                var hint = field.Text.ToUpperInvariant() is "AND" or "OR" or "NOT" ? $"; keywords are upper case ({field.Text.ToUpperInvariant()})" : "";
                throw Syntax($"expected a comparison (=, !=, <, <=, >, >=) after '{Shorten(field.Text)}' at position {op.Position}, found {Describe(op)}{hint}", op.Position);
            }
            _index++;
            var value = Current;
            FilterValueKind kind;
            switch (value.Kind)
            {
                case TokenKind.String:
                    kind = FilterValueKind.String;
                    break;
                case TokenKind.Number:
                    kind = FilterValueKind.Number;
                    if (!long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        throw Syntax($"the number at position {value.Position} is too large", value.Position);
                    }
                    break;
                case TokenKind.Date:
                    kind = FilterValueKind.Date;
                    if (!DateOnly.TryParseExact(value.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        throw Syntax($"'{value.Text}' at position {value.Position} is not a calendar date", value.Position);
                    }
                    break;
                case TokenKind.Identifier:
                    throw Syntax($"text values must be quoted: write {field.Text} {op.Text} \"{Shorten(value.Text)}\" (position {value.Position})", value.Position);
                default:
                    throw Syntax($"expected a value (quoted text, a number or a date) after '{op.Text}' at position {value.Position}, found {Describe(value)}", value.Position);
            }
            _index++;
            if (++_comparisons > MaxComparisons)
            {
                throw new QueryException(QueryErrorKind.TooComplex, $"filter: more than {MaxComparisons} conditions (at position {field.Position}); simplify the filter.", "filter", field.Position);
            }
            var oper = op.Text switch
            {
                "=" => FilterOperator.Equal,
                "!=" => FilterOperator.NotEqual,
                "<" => FilterOperator.Less,
                "<=" => FilterOperator.LessOrEqual,
                ">" => FilterOperator.Greater,
                _ => FilterOperator.GreaterOrEqual,
            };
            return new FilterComparison(field.Text, oper, new FilterValue(kind, value.Text, value.Position), field.Position);
        }
    }
}
