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

    /// <summary>Writes <paramref name="name"/> in the folder atomically, creating the folder if needed.</summary>
    public static string WriteFile(string folder, string name, string text)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        AtomicFile.WriteAllText(path, text);
        return path;
    }
}
