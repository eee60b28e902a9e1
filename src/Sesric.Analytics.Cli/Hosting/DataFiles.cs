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

    /// <summary>
    /// Writes a file through a temporary sibling that replaces the target only when writing succeeded,
    /// so a failed or interrupted export never leaves a half-written file under the real name.
    /// </summary>
    public static async Task WriteAtomicallyAsync(FileInfo file, Func<TextWriter, Task> write, CancellationToken cancellationToken)
    {
        var directory = file.Directory ?? throw new UserErrorException($"'{file.FullName}' has no folder.");
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
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
