using System.Globalization;

namespace GpuThermoChain.Config;

/// <summary>
/// How many trajectories one process can hold. Each kind of per-trajectory value is stored for all of a process's
/// trajectories in one array with one row per value: q and p (a row per site), x (a row per particle), the accumulators
/// (a row per slot); so in the CPU engine's state, in the initial state drawn on the host and in every download. A .NET
/// array holds at most <see cref="Array.MaxLength"/> elements (ILGPU's buffers, indexed with 32 bits, allow int.MaxValue,
/// slightly more), so the array with the most rows decides.
/// </summary>
public static class EnsembleSize
{
    /// <summary>The CPU engine pads the ensemble to whole blocks of this many trajectories (one per vector lane).</summary>
    public const int LaneBlock = 16;

    /// <summary>
    /// Accumulator slots per trajectory for N sites: the same count as GpuThermoChain.Model.Accumulators.Count, which this
    /// project cannot reference (the model library references it); a test holds the two equal.
    /// </summary>
    public static int AccumulatorSlots(int sites) => 3 + sites;

    /// <summary>Particle positions per trajectory: the effective model has no particles.</summary>
    public static int Particles(RunConfig c) => c.Model == ModelKind.Effective ? 0 : c.ParticleBath.Particles;

    /// <summary>The most rows any one of those arrays has (sites never decide: the accumulators have 3 more), and what they are.</summary>
    public static (int Rows, string What) WidestRow(RunConfig c)
    {
        int sites = c.Chain.Sites, particles = Particles(c), slots = AccumulatorSlots(sites);
        if (particles >= slots)
            return (particles, $"particleBath.particles = {particles} particle positions");
        return (slots, $"{slots} accumulator slots (3 + chain.sites = {sites})");
    }

    /// <summary>The most trajectories one process can hold for this config (a multiple of <see cref="LaneBlock"/>).</summary>
    public static int MaxTrajectories(RunConfig c)
    {
        long fit = Array.MaxLength / WidestRow(c).Rows;
        return (int)Math.Min(int.MaxValue, fit / LaneBlock * LaneBlock);
    }

    /// <summary>
    /// Bytes the ensemble's state takes per trajectory: q and p (doubles) per site, x (float) per particle, the
    /// accumulators (doubles) and a status word. The host holds a copy of the initial state besides, so a run needs
    /// somewhat more; this is the figure an out-of-memory message quotes.
    /// </summary>
    public static long BytesPerTrajectory(int sites, int particles) =>
        16L * sites + 4L * particles + 8L * AccumulatorSlots(sites) + 8;

    /// <summary>
    /// The most trajectories a whole run may have. Models full and effective split over processes with --shard i/n,
    /// and gtc merge joins the shards' accumulators (a row per slot) in one array, so the slots decide; the other
    /// models run in one process, where <see cref="MaxTrajectories"/> decides.
    /// </summary>
    public static int MaxTotalTrajectories(RunConfig c) =>
        c.Model is ModelKind.Full or ModelKind.Effective
            ? (int)Math.Min(int.MaxValue, Array.MaxLength / AccumulatorSlots(c.Chain.Sites))
            : MaxTrajectories(c);

    /// <summary>Refuses a run larger than <see cref="MaxTotalTrajectories"/> (exit 2 naming numerics.trajectories).</summary>
    public static void Check(RunConfig c)
    {
        int m = c.Numerics.Trajectories;
        int max = MaxTotalTrajectories(c);
        if (m <= max)
            return;
        bool shardable = c.Model is ModelKind.Full or ModelKind.Effective;
        string why = shardable
            ? $"the shards of a run (--shard i/n) are merged with their {AccumulatorSlots(c.Chain.Sites)} accumulator slots per trajectory in one array of at most {Array.MaxLength} elements"
            : $"one process keeps each kind of per-trajectory value for all its trajectories in one array of at most {Array.MaxLength} elements, and the most values of one kind here are {WidestRow(c).What}";
        throw new ConfigException("numerics.trajectories",
            $"value {m} is too many for this config: {why}, so at most {max} trajectories fit; use numerics.trajectories <= {max}, " +
            "and for more statistics combine independent runs with different numerics.seed, or measure longer (numerics.measureTime)");
    }

    /// <summary>
    /// Refuses a process that would hold more than <see cref="MaxTrajectories"/> trajectories: the whole run, or its
    /// shard <paramref name="shard"/> ("i/n"; null for an unsharded run) of <paramref name="processTrajectories"/>.
    /// Names --shard (or numerics.trajectories) and the number of shards that would fit.
    /// </summary>
    public static void CheckProcess(RunConfig c, int processTrajectories, string? shard)
    {
        int max = MaxTrajectories(c);
        if (processTrajectories <= max)
            return;
        long shardsNeeded = (c.Numerics.Trajectories + (long)max - 1) / max;
        string what = WidestRow(c).What;
        string fit = $"one process keeps each kind of per-trajectory value for all its trajectories in one array of at most {Array.MaxLength} elements; " +
                     $"the most values of one kind per trajectory here are {what}, so at most {max} trajectories fit in one process";
        if (shard is null)
            throw new ConfigException("numerics.trajectories",
                $"value {c.Numerics.Trajectories} is too many for one process: {fit}; split the run with --shard i/n, n >= {shardsNeeded} " +
                "(and gtc merge), or use numerics.trajectories <= " + max);
        throw new ConfigException("--shard",
            $"shard {shard} would hold {processTrajectories} trajectories: {fit}; use n >= {shardsNeeded} shards");
    }

    /// <summary>"12.3 GB" style, for messages.</summary>
    public static string Bytes(double bytes) =>
        bytes >= 1e9 ? (bytes / 1e9).ToString("F1", CultureInfo.InvariantCulture) + " GB"
        : (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
