using System.Text;

namespace Sesric.Analytics.Api.Errors;

/// <summary>
/// Cuts what a caller sent to a short prefix before an error repeats it: error text travels in response
/// trailers, which standard gRPC clients refuse above 8 KB, and a 2,000-character name echoed back helps no one.
/// </summary>
public static class Echo
{
    /// <summary>The longest value echoed whole.</summary>
    public const int MaxValue = 40;

    /// <summary>Words (runs without spaces) longer than this in an error message are cut to <see cref="MaxValue"/> characters; file paths are shorter.</summary>
    public const int MaxWord = 160;

    /// <summary><paramref name="text"/> as sent when short, else its first <see cref="MaxValue"/> characters, an ellipsis and its length.</summary>
    public static string Of(string? text) =>
        text is null ? "" : text.Length <= MaxValue ? text : $"{text[..MaxValue]}… ({text.Length} characters)";

    /// <summary>Cuts every word longer than <see cref="MaxWord"/> in <paramref name="message"/>, wherever the message was written.</summary>
    public static string Words(string message)
    {
        if (message.Length <= MaxWord)
        {
            return message;
        }
        StringBuilder? result = null;
        var start = 0;
        for (var i = 0; i <= message.Length; i++)
        {
            if (i < message.Length && !char.IsWhiteSpace(message[i]))
            {
                continue;
            }
            if (i - start > MaxWord)
            {
                result ??= new StringBuilder(message.Length).Append(message, 0, start);
                result.Append(message, start, MaxValue).Append("… (").Append(i - start).Append(" characters)");
            }
            else
            {
                result?.Append(message, start, i - start);
            }
            if (i < message.Length)
            {
                result?.Append(message[i]);
            }
            start = i + 1;
        }
        return result?.ToString() ?? message;
    }

    /// <summary><paramref name="text"/> cut to at most <paramref name="max"/> characters (an ellipsis marks the cut).</summary>
    public static string Cap(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
