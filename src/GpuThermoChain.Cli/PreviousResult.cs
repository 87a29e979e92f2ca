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
    public static string? Check(string folder, string canonicalConfig, string option = "--out", string fileName = FileName)
    {
        string path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
            return null;
        string existing;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            existing = doc.RootElement.Required("config").GetRawText();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new ConfigException(option, $"'{folder}' holds a {fileName} that is not a gtc result ({e.Message}); choose another folder, or remove '{path}'");
        }
        var differences = RunIdentity.RunDifferences(existing, canonicalConfig);
        if (differences.Count > 0)
            throw new ConfigException(option, $"'{folder}' holds the result of another run ({fileName} differs in " +
                string.Join(", ", differences.Take(6)) + (differences.Count > 6 ? ", ..." : "") +
                $"; existing vs this run); choose another folder, or remove '{path}' to replace it");
        return path;
    }

    /// <summary>
    /// Refuses (exit 2) when <paramref name="folder"/> holds a shard.gtc that is not this very piece of this run: another
    /// shard, another run's shard (other parameters or seed), a shard beside a whole run's result, or a file gtc cannot
    /// read. Returns the path of a shard.gtc of the same run and shard that will be replaced, or null.
    /// </summary>
    public static string? CheckShard(string folder, string canonicalConfig, ShardSpec shard, string option = "--out")
    {
        string path = ShardFile.PathIn(folder);
        if (!File.Exists(path))
            return null;
        ShardFile existing;
        try
        {
            existing = ShardFile.Read(path);
        }
        catch (LongRunFileException e)
        {
            throw new ConfigException(option, $"'{folder}' holds a {ShardFile.FileName} gtc cannot use ({e.Message}); choose another folder, or remove '{path}'");
        }
        if (existing.Identity.Shard != shard)
            throw new ConfigException(option, $"'{folder}' holds shard {existing.Identity.Shard} of a run ({path}); this is " +
                (shard.IsWhole ? "a whole run" : $"shard {shard}") + ": choose another folder (one folder per shard), or remove it");
        var differences = RunIdentity.RunDifferences(existing.Identity.ConfigJson, canonicalConfig);
        if (differences.Count > 0)
            throw new ConfigException(option, $"'{folder}' holds shard {existing.Identity.Shard} of another run ({ShardFile.FileName} differs in " +
                string.Join(", ", differences.Take(6)) + (differences.Count > 6 ? ", ..." : "") +
                $"; existing vs this run); choose another folder, or remove '{path}' to replace it");
        return path;
    }
}
