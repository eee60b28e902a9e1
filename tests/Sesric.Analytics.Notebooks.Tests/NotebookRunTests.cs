using System.Diagnostics;
using System.Text.Json;

using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Notebooks.Tests;

/// <summary>
/// Executes every notebook in <c>notebooks/</c> top to bottom with <c>dotnet repl</c> (dotnet-repl from the tool
/// manifest) into a temp output, and fails when the run exits non-zero or any cell has an error output.
/// </summary>
public sealed class NotebookRunTests
{
    public static TheoryData<string> Notebooks() => new(NotebookFiles());

    private static string[] NotebookFiles() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "notebooks"), "*.ipynb").Select(f => Path.GetFileName(f)).Order().ToArray();

    [Fact]
    public void The_three_notebooks_are_there()
    {
        Assert.Equal(["01-explore-participation.ipynb", "02-annual-report-charts.ipynb", "03-forecast-next-edition.ipynb"],
            NotebookFiles());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_top_to_bottom_without_an_error(string notebook)
    {
        var root = RepositoryRoot();
        using var folder = new TempFolder("notebook");
        var output = folder.File(notebook);
        await RunAsync(root, ["tool", "restore"]);
        var (code, log) = await RunAsync(Path.Combine(root, "notebooks"),
            ["repl", "--run", notebook, "--exit-after-run", "--output-path", output]);

        Assert.True(File.Exists(output), $"dotnet repl wrote no output (exit {code}):\n{log}");
        var errors = ErrorOutputs(await File.ReadAllTextAsync(output));
        Assert.True(errors.Count == 0, $"{notebook}: cells failed:\n{string.Join("\n", errors)}");
        Assert.True(code == 0, $"dotnet repl exited {code}:\n{log}");
        var codeCells = CodeCellOutputCounts(await File.ReadAllTextAsync(output));
        Assert.True(codeCells.Count(n => n > 0) >= codeCells.Count / 2, "most code cells should have shown something");
    }

    [Fact]
    public async Task The_readme_notebook_command_runs_from_the_repository_root()
    {
        var root = RepositoryRoot();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var line = readme.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("dotnet repl --run", StringComparison.Ordinal) && !l.StartsWith('`'));
        using var folder = new TempFolder("notebook");
        var output = folder.File("readme-out.ipynb");
        Assert.Contains("/tmp/01-out.ipynb", line);
        await RunAsync(root, ["tool", "restore"]);

        // Run as written, with bash, from the repository root (only the output path moved into a temp folder).
        var (code, log) = await RunProcessAsync("bash", root, ["-c", line.Replace("/tmp/01-out.ipynb", output, StringComparison.Ordinal)]);

        Assert.True(File.Exists(output), $"`{line}` from {root} wrote no output (exit {code}):\n{log}");
        Assert.Empty(ErrorOutputs(await File.ReadAllTextAsync(output)));
        Assert.True(code == 0, $"`{line}` exited {code}:\n{log}");
    }

    /// <summary>Every error output of the executed notebook, as "cell N: message".</summary>
    internal static List<string> ErrorOutputs(string ipynb)
    {
        using var doc = JsonDocument.Parse(ipynb);
        var errors = new List<string>();
        var index = 0;
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            if (!cell.TryGetProperty("outputs", out var outputs))
            {
                continue;
            }
            foreach (var o in outputs.EnumerateArray())
            {
                if (o.GetProperty("output_type").GetString() == "error")
                {
                    errors.Add($"cell {index}: {(o.TryGetProperty("evalue", out var v) ? v.GetString() : "error")}");
                }
            }
        }
        return errors;
    }

    private static List<int> CodeCellOutputCounts(string ipynb)
    {
        using var doc = JsonDocument.Parse(ipynb);
        return doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => c.TryGetProperty("outputs", out var o) ? o.GetArrayLength() : 0)
            .ToList();
    }

    private static Task<(int Code, string Log)> RunAsync(string directory, string[] args) => RunProcessAsync("dotnet", directory, args);

    private static async Task<(int Code, string Log)> RunProcessAsync(string file, string directory, string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in 5 minutes.\n{await output}\n{await error}");
        }
        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (Sesric.Analytics.sln) was not found above the test binaries.");
    }
}
