using System.CommandLine;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>The <c>--lang en|ar|fr</c> option of the chart and report verbs.</summary>
internal static class LanguageOption
{
    /// <summary>Creates the option (default English).</summary>
    public static Option<string> Create() => new Option<string>("--lang")
    {
        Description = "Language of every text: en, ar or fr (Arabic is shaped and laid out right to left).",
        DefaultValueFactory = _ => "en",
    }.AcceptOnlyFromAmong("en", "ar", "fr");

    /// <summary>The chosen language.</summary>
    public static Language Get(ParseResult parseResult, Option<string> option) => LanguageTags.Parse(parseResult.GetValue(option) ?? "en");
}
