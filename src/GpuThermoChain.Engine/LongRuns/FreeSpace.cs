using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>Refuses, before a run starts, an output folder on a disk without room for what the run will write there.</summary>
public static class FreeSpace
{
    /// <summary>
    /// The room a steady-state run with --out needs in <paramref name="dir"/>: its checkpoint (every such run may save one,
    /// on a signal) twice, since a new one is written beside the old one before the rename, and for a shard its shard file.
    /// </summary>
    public static void RequireForRun(string dir, ResolvedConfig resolved, ShardSpec shard)
    {
        var c = resolved.Run;
        int m = shard.Range(c.Numerics.Trajectories).Count;
        int particles = EnsembleSize.Particles(c);
        int slots = GpuThermoChain.Model.Accumulators.Count(c.Chain.Sites);
        long bytes = 2 * Checkpoint.Size(c.Chain.Sites, particles, slots, m) + (shard.IsWhole ? 0 : ShardFile.Size(slots, m));
        Require(dir, bytes, $"the checkpoint of {m} trajectories ({c.Chain.Sites} sites, {particles} particles)");
    }

    /// <summary>
    /// Throws a <see cref="ConfigException"/> naming <paramref name="option"/> when the disk holding
    /// <paramref name="folder"/> (or its nearest existing parent) has less than <paramref name="bytes"/> free.
    /// </summary>
    public static void Require(string folder, long bytes, string what, string option = "--out")
    {
        string existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing))
            existing = Path.GetDirectoryName(existing) ?? existing;
        long free;
        try
        {
            free = new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return; // no way to tell: the write itself will report a full disk
        }
        if (free < bytes)
            throw new ConfigException(option, $"not enough free disk space in '{existing}': {what} needs {Format(bytes)}, " +
                $"only {Format(free)} is free. Free some space or choose another --out.");
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F1} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MiB",
        _ => $"{bytes / 1024.0:F1} KiB",
    };
}
