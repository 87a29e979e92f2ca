using GpuThermoChain.Config;

namespace GpuThermoChain.Cli;

/// <summary>
/// An --out folder. <see cref="Check"/> runs before any work, so an unwritable location is reported before
/// a long run, not after it, and creates nothing; <see cref="WriteFile"/> creates the folder only when there
/// is a finished result to put in it.
/// </summary>
public static class OutputFolder
{
    /// <summary>Finds the folder or its nearest existing parent and proves a file can be written there.</summary>
    public static string Check(string path, string option = "--out")
    {
        // Path.GetFullPath throws ArgumentException for "" (and for paths with a NUL): that is the user's input, not
        // an internal failure, so it is refused here by name.
        if (string.IsNullOrWhiteSpace(path))
            throw new ConfigException(option, $"value '{path}' is not allowed: must name a folder, e.g. {option} results");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ConfigException(option, $"value '{path}' is not a usable folder path: {e.Message}");
        }
        if (File.Exists(full))
            throw new ConfigException(option, $"'{full}' is a file, not a folder");
        string existing = full;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing) ?? throw new ConfigException(option, $"no existing parent folder for '{full}'");
            if (File.Exists(existing))
                throw new ConfigException(option, $"cannot create '{full}': '{existing}' is a file");
        }
        try
        {
            string probe = Path.Combine(existing, $".gtc-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(option, $"cannot write to '{existing}': {e.Message}");
        }
        return full;
    }

    /// <summary>
    /// An output file (theory --csv FILE), checked before any work as <see cref="Check"/> checks a folder: a name is
    /// given, it is not a folder, and its folder exists and takes a file. Returns the full path.
    /// </summary>
    public static string CheckFile(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ConfigException(option, $"value '{path}' is not allowed: must name a file, e.g. {option} scan.csv");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ConfigException(option, $"value '{Shown.Text(path)}' is not a usable file path: {e.Message}");
        }
        if (Directory.Exists(full) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
            throw new ConfigException(option, $"'{full}' is a folder, not a file: name the file to write, e.g. {Path.Combine(path, "scan.csv")}");
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new ConfigException(option, $"folder '{dir}' does not exist");
        Check(dir, option);
        return full;
    }

    /// <summary>Writes <paramref name="name"/> in the folder atomically, creating the folder if needed.</summary>
    public static string WriteFile(string folder, string name, string text)
    {
        string path = Path.Combine(folder, name);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException(path, null, e);
        }
        AtomicFile.WriteAllText(path, text);
        return path;
    }
}
