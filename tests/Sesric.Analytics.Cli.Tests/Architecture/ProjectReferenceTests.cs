using Sesric.Analytics.Cli.Tests.Readme;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>The projects under src/ keep the dependency rule (<see cref="ProjectRules"/>), read from the real project files.</summary>
public sealed class ProjectReferenceTests : IDisposable
{
    private readonly TempFolder _folder = new("architecture");

    public void Dispose() => _folder.Dispose();

    private static string Src => Path.Combine(ReadmeCommands.RepositoryRoot(), "src");

    [Fact]
    public void No_project_under_src_references_an_executable_and_no_library_references_a_shell()
    {
        var violations = ProjectRules.Violations(Src);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_scan_sees_the_shells_as_executables_and_the_service_as_a_library()
    {
        // Without this, a scan that read no project (or misread the SDK) would pass the rule vacuously.
        var projects = ProjectRules.Scan(Src).ToDictionary(p => p.Name);

        Assert.True(projects["Sesric.Analytics.Server"].IsExecutable);
        Assert.True(projects["Sesric.Analytics.Cli"].IsExecutable);
        Assert.False(projects["Sesric.Analytics.Api"].IsExecutable);
        Assert.Contains(projects["Sesric.Analytics.Api"].Path, projects["Sesric.Analytics.Cli"].References);
        Assert.Contains(projects["Sesric.Analytics.Api"].Path, projects["Sesric.Analytics.Server"].References);
    }

    [Fact]
    public void A_reference_to_an_executable_or_from_a_library_to_a_shell_is_reported()
    {
        var src = _folder.File("src");
        Write(src, "Sesric.Analytics.Server", """<Project Sdk="Microsoft.NET.Sdk.Web"></Project>""");
        Write(src, "Tool", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>""");
        // A shell built as a library is still a shell that libraries must not depend on.
        Write(src, "Sesric.Analytics.Cli", """<Project Sdk="Microsoft.NET.Sdk"></Project>""");
        Write(src, "Library", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\Sesric.Analytics.Server\Sesric.Analytics.Server.csproj" />
                <ProjectReference Include="..\Tool\Tool.csproj" />
                <ProjectReference Include="../Sesric.Analytics.Cli/Sesric.Analytics.Cli.csproj" />
              </ItemGroup>
            </Project>
            """);

        var violations = ProjectRules.Violations(src);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("Library references the executable Sesric.Analytics.Server", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Library references the executable Tool", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("the library Library references the shell Sesric.Analytics.Cli", StringComparison.Ordinal));
    }

    [Fact]
    public void Serve_reads_the_same_settings_as_the_server()
    {
        // `sesric serve` and `dotnet run --project src/Sesric.Analytics.Server` host the same service; each reads
        // the appsettings.json beside its own binaries.
        var server = File.ReadAllText(Path.Combine(Src, "Sesric.Analytics.Server", "appsettings.json"));
        var cli = File.ReadAllText(Path.Combine(Src, "Sesric.Analytics.Cli", "appsettings.json"));

        Assert.Equal(server.ReplaceLineEndings(), cli.ReplaceLineEndings());
    }

    private static void Write(string src, string name, string xml)
    {
        Directory.CreateDirectory(Path.Combine(src, name));
        File.WriteAllText(Path.Combine(src, name, name + ".csproj"), xml);
    }
}
