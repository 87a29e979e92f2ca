using GpuThermoChain.Config;

namespace GpuThermoChain.Cli;

/// <summary>
/// An output folder held by one gtc command at a time: two runs into one --out (or two --resume of one checkpoint)
/// would each pass the checks for an earlier result and then overwrite each other's result or checkpoint. The lock is
/// DIR/.gtc-lock opened with <see cref="FileShare.None"/>, which .NET takes as an exclusive flock on Unix (a sharing
/// lock on Windows): the operating system drops it when the process ends in any way, kill -9 included, so a stale
/// lock never blocks a later run. The file itself stays (removing it would let a third process lock a new file of the
/// same name while a second still holds the old one); a folder that gtc created and left otherwise empty is removed.
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
        try
        {
            Directory.CreateDirectory(folder);
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new FolderLock(stream, folder, created);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException) && File.Exists(path) && Directory.Exists(folder))
        {
            throw new ConfigException(option, $"'{folder}' is in use by another gtc command (it holds {path}); wait for it to finish, or choose another folder");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(option, $"cannot lock '{folder}' for this command: {e.Message}");
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (!_createdFolder) return;
        try
        {
            // Nothing was written (a failure before the result): leave no empty folder behind, as the checks promise.
            if (Directory.EnumerateFileSystemEntries(_folder).All(e => Path.GetFileName(e) == FileName))
            {
                File.Delete(Path.Combine(_folder, FileName));
                Directory.Delete(_folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
