using System.Xml.Linq;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>What a project file says about its place in the architecture: whether it builds an executable, and what it references.</summary>
/// <param name="Path">The full path of the .csproj.</param>
/// <param name="IsExecutable">True for <c>OutputType</c> Exe/WinExe or the <c>Microsoft.NET.Sdk.Web</c> SDK (an ASP.NET Core app).</param>
/// <param name="References">The full paths of its <c>ProjectReference</c>s.</param>
public sealed record ProjectFile(string Path, bool IsExecutable, IReadOnlyList<string> References)
{
    /// <summary>The project's name (its file name without .csproj).</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>Reads <paramref name="csproj"/> (SDK-style, with or without an XML namespace).</summary>
    public static ProjectFile Read(string csproj)
    {
        var root = XDocument.Load(csproj).Root ?? throw new InvalidDataException($"{csproj} has no root element.");
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(csproj))!;

        // The SDK can be named on <Project Sdk="…">, on <Sdk Name="…"/> or on <Import Sdk="…"/>, with an optional /version.
        var sdks = new[] { (string?)root.Attribute("Sdk") }
            .Concat(Elements(root, "Sdk").Select(e => (string?)e.Attribute("Name")))
            .Concat(Elements(root, "Import").Select(e => (string?)e.Attribute("Sdk")))
            .OfType<string>()
            .SelectMany(s => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.Split('/')[0].Trim());
        var web = sdks.Any(s => s.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase));
        var outputType = Elements(root, "OutputType").Select(e => e.Value.Trim()).LastOrDefault();
        var exe = outputType is not null
            && (outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase));

        var references = Elements(root, "ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(include => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, include.Replace('\\', '/'))))
            .ToArray();
        return new ProjectFile(System.IO.Path.GetFullPath(csproj), web || exe, references);
    }

    private static IEnumerable<XElement> Elements(XElement root, string name) => root.Descendants().Where(e => e.Name.LocalName == name);
}
