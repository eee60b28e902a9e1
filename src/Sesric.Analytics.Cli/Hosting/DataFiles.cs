using System.Text;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>Opens the CSV files commands read and writes them safely.</summary>
internal static class DataFiles
{
    /// <summary>Opens a file for reading as UTF-8 (a byte-order mark is honoured), or says clearly that it is missing.</summary>
    public static FileStream OpenRead(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new UserErrorException($"file '{file.FullName}' not found.");
        }
        return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
    }

    /// <summary>Reads a whole UTF-8 text file, or says clearly that it is missing.</summary>
    public static string ReadAllText(FileInfo file)
    {
        using var reader = Reader(OpenRead(file));
        return reader.ReadToEnd();
    }

    /// <summary>A reader over <paramref name="stream"/> that decodes UTF-8.</summary>
    public static StreamReader Reader(Stream stream) => new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    private static string WhyNotWritable(FileInfo file, DirectoryInfo directory, string temporary, Exception e)
    {
        if (Directory.Exists(file.FullName))
        {
            return "it is a folder; give a file name, such as " + Path.Combine(file.FullName, "export.csv") + ".";
        }
        if (e is UnauthorizedAccessException)
        {
            return $"permission denied (the file is written beside it in '{directory.FullName}' and then renamed, so that folder must be writable).";
        }
        return e.Message.Replace(temporary, file.FullName, StringComparison.Ordinal).Trim();
    }

    /// <summary>
    /// Writes a file through a temporary sibling that replaces the target only when writing succeeded,
    /// so a failed or interrupted export never leaves a half-written file under the real name.
    /// </summary>
    public static async Task WriteAtomicallyAsync(FileInfo file, Func<TextWriter, Task> write, CancellationToken cancellationToken)
    {
        var directory = file.Directory ?? throw new UserErrorException($"'{file.FullName}' has no folder.");
        if (File.Exists(directory.FullName))
        {
            throw new UserErrorException($"cannot write '{file.FullName}': '{directory.FullName}' is a file, not a folder.");
        }
        directory.Create();
        var temporary = Path.Combine(directory.FullName, $".{file.Name}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
            {
                await write(writer).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(temporary, file.FullName, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The user named the target: say what is wrong with it, never the temporary sibling's name.
            throw new UserErrorException($"cannot write '{file.FullName}': {WhyNotWritable(file, directory, temporary, e)}");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
