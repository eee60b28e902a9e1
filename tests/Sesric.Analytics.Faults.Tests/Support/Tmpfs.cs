using System.Diagnostics;

using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Faults.Tests.Support;

/// <summary>
/// A small tmpfs mounted on a fresh temp folder (root only): a real disk that fills up. Unmounted (lazily, so a
/// file still open cannot keep it) and removed when disposed.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private readonly TempFolder _folder = new("faults");

    private Tmpfs(int megabytes)
    {
        Path = _folder.File("mnt");
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Path);
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MB.</summary>
    public static Tmpfs Mount(int megabytes) => new(megabytes);

    /// <summary>Whether this process may mount file systems (it runs as root).</summary>
    public static bool CanMount => Environment.UserName == "root" && File.Exists("/bin/mount");

    /// <summary>Fills the file system with a filler file until fewer than <paramref name="leaveBytes"/> bytes are free.</summary>
    public string Fill(long leaveBytes)
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        var free = new DriveInfo(Path).AvailableFreeSpace;
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write);
        var block = new byte[1 << 20];
        Random.Shared.NextBytes(block);
        var toWrite = Math.Max(0, free - leaveBytes);
        while (toWrite > 0)
        {
            var n = (int)Math.Min(block.Length, toWrite);
            stream.Write(block, 0, n);
            toWrite -= n;
        }
        return filler;
    }

    /// <summary>Remounts read-only (true) or read-write (false).</summary>
    public void SetReadOnly(bool readOnly) => Run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path);

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
        }
        catch (InvalidOperationException)
        {
            // Cleanup must not hide the test's own failure.
        }
        _folder.Dispose();
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        }
    }
}
