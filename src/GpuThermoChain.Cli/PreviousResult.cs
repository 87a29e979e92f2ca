using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;

namespace GpuThermoChain.Cli;

/// <summary>
/// A result.json already in the output folder. Rerunning the same run (same parameters and seed, e.g. with a newer
/// gtc) replaces it; another run's result is not overwritten silently: that would lose a finished measurement and
/// leave a folder whose README or notes describe a run it no longer holds.
/// </summary>
public static class PreviousResult
{
    public const string FileName = "result.json";

    /// <summary>
    /// Refuses (exit 2, naming <paramref name="option"/>) when <paramref name="folder"/> holds a result.json of a run
    /// with other parameters than <paramref name="canonicalConfig"/> (<see cref="RunIdentity.Canonical"/>), or one gtc
    /// cannot read; returns the path of a result.json of the same run that will be replaced, or null.
    /// </summary>
    public static string? Check(string folder, string canonicalConfig, string option = "--out")
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return null;
        string existing;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            existing = doc.RootElement.GetProperty("config").GetRawText();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new ConfigException(option, $"'{folder}' holds a {FileName} that is not a gtc result ({e.Message}); choose another folder, or remove '{path}'");
        }
        var differences = RunIdentity.RunDifferences(existing, canonicalConfig);
        if (differences.Count > 0)
            throw new ConfigException(option, $"'{folder}' holds the result of another run ({FileName} differs in " +
                string.Join(", ", differences.Take(6)) + (differences.Count > 6 ? ", ..." : "") +
                $"; existing vs this run); choose another folder, or remove '{path}' to replace it");
        return path;
    }
}
