using System.Text;

namespace GpuThermoChain.Config;

/// <summary>
/// Reads a text file a user names (a config, a sweep file) with a size cap: such files are a few kilobytes, and a
/// path like /dev/zero or a huge file given by mistake must be refused by name, not read until memory runs out.
/// </summary>
public static class UserFile
{
    /// <summary>The largest config or sweep file read: 1 MiB, hundreds of times any real one.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The file's text; a missing, unreadable or oversized file is a <see cref="ConfigException"/> on <paramref name="parameter"/>.</summary>
    public static string ReadText(string path, string parameter, int maxBytes = MaxBytes, string what = "gtc config or sweep file (these are a few KiB)")
    {
        if (Directory.Exists(path))
            throw new ConfigException(parameter, $"'{path}' is a directory, not a file (give the path of a JSON file)");
        if (!File.Exists(path))
            throw new ConfigException(parameter, $"file '{path}' does not exist");
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // Devices and pipes report no length: read at most one byte past the cap to tell.
            var buffer = new byte[Math.Min(maxBytes + 1L, fs.CanSeek && fs.Length > 0 ? fs.Length + 1 : maxBytes + 1L)];
            int total = 0, n;
            while (total < buffer.Length && (n = fs.Read(buffer, total, buffer.Length - total)) > 0)
                total += n;
            if (total > maxBytes || (fs.CanSeek && fs.Length > maxBytes))
                throw new ConfigException(parameter, $"'{path}' is larger than {maxBytes / 1024} KiB: not a {what}");
            // Decoded as File.ReadAllText decodes (UTF-8 unless a byte-order mark says otherwise).
            using var reader = new StreamReader(new MemoryStream(buffer, 0, total), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(parameter, $"cannot read '{path}': {e.Message}");
        }
    }
}
