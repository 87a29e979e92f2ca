using GpuThermoChain.Config;

namespace GpuThermoChain.Cli;

/// <summary>
/// An output folder held by one gtc command at a time: two runs into one --out (or two --resume of one checkpoint)
/// would each pass the checks for an earlier result and then overwrite each other's result or checkpoint. The lock is
/// DIR/.gtc-lock opened with <see cref="FileShare.None"/>, which .NET takes as an exclusive flock on Unix (a sharing
/// lock on Windows): the operating system drops it when the process ends in any way, kill -9 included, so a stale
/// lock never blocks a later run (a killed run leaves the empty file; the next command takes it over and removes it).
/// The holder removes the file before it lets go; a second command that opened the old file in that moment finds it
/// unlinked after locking it and tries again on the path.
/// </summary>
public sealed class FolderLock : IDisposable
{
    public const string FileName = ".gtc-lock";

    private readonly FileStream _stream;
    private readonly string _folder;
    private readonly bool _createdFolder;

    private FolderLock(FileStream stream, string folder, bool createdFolder)
    {
        _stream = stream;
        _folder = folder;
        _createdFolder = createdFolder;
    }

    /// <summary>
    /// Takes the lock on <paramref name="folder"/> (creating it if missing), or refuses (exit 2, naming
    /// <paramref name="option"/>) when another gtc command holds it.
    /// </summary>
    public static FolderLock Take(string folder, string option)
    {
        bool created = !Directory.Exists(folder);
        string path = Path.Combine(folder, FileName);
        for (int attempt = 0; ; attempt++)
        {
            FileStream stream;
            try
            {
                Directory.CreateDirectory(folder);
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException) && File.Exists(path))
            {
                throw new ConfigException(option, $"'{folder}' is in use by another gtc command (it holds {path}); wait for it to finish, or choose another folder");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigException(option, $"cannot lock '{folder}' for this command: {e.Message}");
            }
            if (!Unlinked(stream, path))
                return new FolderLock(stream, folder, created);
            stream.Dispose();
            if (attempt == 3)
                throw new ConfigException(option, $"'{folder}' is in use by other gtc commands (its lock {path} keeps changing hands); try again");
        }
    }

    /// <summary>Whether the file locked is no longer the one at <paramref name="path"/> (its holder removed it meanwhile).</summary>
    private static bool Unlinked(FileStream stream, string path)
    {
        if (!File.Exists(path)) return true;
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            string fd = $"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}";
            return File.ResolveLinkTarget(fd, returnFinalTarget: false)?.FullName.EndsWith(" (deleted)", StringComparison.Ordinal) ?? false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            // Removed while still held, so no other command can hold this file once it is gone.
            File.Delete(Path.Combine(_folder, FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        _stream.Dispose();
        if (!_createdFolder) return;
        try
        {
            // Nothing was written (a failure before the result): leave no empty folder behind, as the checks promise.
            if (!Directory.EnumerateFileSystemEntries(_folder).Any())
                Directory.Delete(_folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
