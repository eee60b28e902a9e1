using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>
/// Puts what .NET and System.CommandLine say into the user's terms before it is printed: no parameter names,
/// "Actual value was", CLR type names or typo lists, which mean nothing to someone who typed a command.
/// </summary>
internal static partial class UserMessages
{
    /// <summary>
    /// The message of an exception that is the user's mistake. An <see cref="ArgumentException"/>'s message carries
    /// .NET's "(Parameter 'x')" and, when out of range, "Actual value was …"; both are dropped (the text before them
    /// already says what was wrong and the value).
    /// </summary>
    public static string Of(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException)
        {
            message = ActualValue().Replace(message, "");
            message = ParameterName().Replace(message, "");
            // ArgumentOutOfRangeException.ThrowIfNegative and friends: "Participations ('-2') must be a non-negative value."
            message = Guard().Replace(message, m =>
                $"{m.Groups["name"].Value.ToLowerInvariant()} must be {Phrase(m.Groups["rule"].Value)}, was {m.Groups["value"].Value}.");
        }
        return message.Trim();
    }

    /// <summary>One line per command-line problem, in the user's terms.</summary>
    public static IEnumerable<string> Of(ParseResult parseResult) =>
        parseResult.Errors.Select(Describe).Distinct();

    private static string Describe(ParseError error)
    {
        var cannotParse = CannotParse().Match(error.Message);
        if (!cannotParse.Success)
        {
            // System.CommandLine's other messages are plain English; only its suggestions list is cut.
            var suggestions = error.Message.IndexOf(" Did you mean", StringComparison.Ordinal);
            return suggestions < 0 ? error.Message : error.Message[..suggestions];
        }
        var value = cannotParse.Groups["value"].Value;
        var (name, type) = error.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType),
            ArgumentResult { Parent: OptionResult o } => (o.Option.Name, o.Option.ValueType),
            ArgumentResult a => (a.Argument.Name.ToUpperInvariant(), a.Argument.ValueType),
            _ => (cannotParse.Groups["name"].Value, typeof(string)),
        };
        return $"{name} '{value}' is not {Expected(type)}.";
    }

    private static string Phrase(string rule) => rule switch
    {
        "non-negative" => "0 or more",
        "non-negative and non-zero" => "more than 0",
        "non-zero" => "other than 0",
        _ => rule.Replace("a value ", "", StringComparison.Ordinal),
    };

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            type = type.GetElementType()!;
        }
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
            _ when type == typeof(DateOnly) || type == typeof(DateTime) => "a date (yyyy-mm-dd)",
            _ when type == typeof(bool) => "true or false",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())),
            _ => "a valid value",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command|argument) '(?<name>[^']*)' as expected type", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^(?<name>\w+) \('(?<value>[^']*)'\) must be (a )?(?<rule>non-negative and non-zero|non-negative|non-zero|[^.]*?)( value)?\.$")]
    private static partial Regex Guard();

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"\s*Actual value was [^\r\n]*\.?")]
    private static partial Regex ActualValue();
}
