namespace Sesric.Analytics.Api.Security;

/// <summary>Certificate thumbprints as people copy them (with spaces or colons, either case), made comparable.</summary>
public static class Thumbprints
{
    /// <summary>The thumbprint in upper-case hex without separators, as <c>X509Certificate2.Thumbprint</c> gives it.</summary>
    public static string Normalise(string thumbprint) =>
        new([.. thumbprint.Where(char.IsAsciiHexDigit).Select(char.ToUpperInvariant)]);
}
