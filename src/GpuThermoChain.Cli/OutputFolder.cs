using GpuThermoChain.Config;

namespace GpuThermoChain.Cli;

/// <summary>
/// An --out folder, checked before any work starts (created if missing, then a probe file written and removed),
/// so an unwritable or missing location is reported before a long run, not after it.
/// </summary>
public static class OutputFolder
{
    public static string Prepare(string path, string option = "--out")
    {
        string full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".gtc-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(option, $"cannot write to '{full}': {e.Message}");
        }
        return full;
    }
}
