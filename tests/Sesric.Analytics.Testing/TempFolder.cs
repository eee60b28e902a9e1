namespace Sesric.Analytics.Testing;

/// <summary>A fresh, empty folder under the system temp folder, deleted with its contents when disposed.</summary>
/// <remarks>Each instance gets its own folder (<c>{temp}/sesric-{area}-tests/{guid}</c>), so tests that run in
/// parallel never share files. Deleting is best effort: a file still held open by a failing test must not hide
/// that test's own failure behind a cleanup error.</remarks>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    /// <param name="area">Groups the folders of one test project under the temp folder, such as <c>cli</c> or <c>store</c>;
    /// letters, digits and '-' only.</param>
    public TempFolder(string area = "shared")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(area);
        if (!area.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"'{area}' may hold only letters, digits and '-'.", nameof(area));
        }
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sesric-{area}-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside the folder (the file is not created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the folder and everything in it, ignoring files that cannot be deleted.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Cleanup must not hide a test's own failure.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: a test that changed permissions must fail on its own assertion, not here.
        }
    }
}
