using Sesric.Analytics.Model;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>Reads a <c>--programme</c> value.</summary>
internal static class Programmes
{
    /// <summary>The programme id, or a user error that says what an id looks like.</summary>
    public static ProgrammeId Parse(string? text) =>
        ProgrammeId.TryParse(text, out var id)
            ? id
            : throw new UserErrorException($"--programme '{text}' is not a programme id: use lower-case letters, digits and hyphens, such as diplomacy-cab (see sesric editions).");
}
