using System.CommandLine;
using System.CommandLine.Parsing;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// Options whose value is one of an enum's members, written in lower case as the README and help write them
/// (<c>--format table|csv|json</c>), parsed without regard to case, and refused with a message that lists the
/// choices (never .NET's "Cannot parse argument … as expected type 'Sesric…'").
/// </summary>
internal static class ChoiceOption
{
    /// <summary>How <paramref name="value"/> is written on the command line.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>An option whose value is null when it is not given (the command chooses a default that may depend on the terminal).</summary>
    public static Option<T?> Optional<T>(string name, string alias, string description, params T[] choices) where T : struct, Enum
    {
        var option = string.IsNullOrEmpty(alias) ? new Option<T?>(name) : new Option<T?>(name, alias);
        option.Description = description;
        option.HelpName = string.Join('|', choices.Select(Name));
        option.CustomParser = result => Parse(result, name, choices);
        option.CompletionSources.Add(choices.Select(Name).ToArray());
        return option;
    }

    /// <summary>An option whose value is <c>default(T)</c> when it is not given.</summary>
    public static Option<T> WithDefault<T>(string name, string description, params T[] choices) where T : struct, Enum
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices.Select(Name)),
            CustomParser = result => Parse(result, name, choices) ?? default,
        };
        option.CompletionSources.Add(choices.Select(Name).ToArray());
        return option;
    }

    private static T? Parse<T>(ArgumentResult result, string name, T[] choices) where T : struct, Enum
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        foreach (var choice in choices)
        {
            if (string.Equals(Name(choice), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }
        result.AddError($"{name} '{text}' is not one of {string.Join(", ", choices.Select(Name))}.");
        return null;
    }
}
