using GpuThermoChain.Config;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Simd;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>
/// Combines the shards of one run (<c>gtc merge</c>): checks that they are shards 0..n-1 of the same run (same gtc
/// version, config and seed, no shard missing or twice), concatenates their per-trajectory accumulators in
/// trajectory order and reduces once with <see cref="HostReduction"/>, exactly as the unsharded run reduces: the
/// merged result equals that run's. Timing is summed over the shards; the device lists each distinct device.
/// </summary>
public static class ShardMerger
{
    public static SteadyStateResult Merge(IReadOnlyList<(string Source, ShardFile Shard)> shards)
    {
        if (shards.Count == 0) throw new LongRunFileException("nothing to merge: no shard given");
        var (firstSource, s0) = shards[0];
        foreach (var (source, s) in shards.Skip(1))
        {
            if (s.Identity.Version != s0.Identity.Version)
                throw new LongRunFileException($"shards from different gtc versions: {firstSource} is {s0.Identity.Version}, {source} is {s.Identity.Version}");
            if (s.Identity.Seed != s0.Identity.Seed)
                throw new LongRunFileException($"shards from different seeds: {firstSource} has seed {s0.Identity.Seed}, {source} has {s.Identity.Seed}");
            if (RunIdentity.RunDifferences(s0.Identity.ConfigJson, s.Identity.ConfigJson) is { Count: > 0 } differences)
                throw new LongRunFileException($"shards from different configs: {firstSource} and {source} differ in " +
                    string.Join(", ", differences));
            if (s.Identity.Shard.Count != s0.Identity.Shard.Count)
                throw new LongRunFileException($"shards of different splits: {firstSource} is shard {s0.Identity.Shard}, {source} is shard {s.Identity.Shard}");
        }
        if (s0.Identity.Version != BuildInfo.Version)
            throw new LongRunFileException($"the shards were made by gtc {s0.Identity.Version}; this is gtc {BuildInfo.Version}. Merge with the version that ran them.");
        int n = s0.Identity.Shard.Count;
        var byIndex = new (string Source, ShardFile Shard)?[n];
        foreach (var (source, s) in shards)
        {
            int i = s.Identity.Shard.Index;
            if (byIndex[i] is { } other)
                throw new LongRunFileException($"shard {s.Identity.Shard} given twice: {other.Source} and {source}");
            byIndex[i] = (source, s);
        }
        var missing = Enumerable.Range(0, n).Where(i => byIndex[i] is null).ToList();
        if (missing.Count > 0)
            throw new LongRunFileException($"shards missing: {string.Join(", ", missing.Select(i => $"{i}/{n}"))} (have {shards.Count} of {n})");

        var resolved = s0.Identity.LoadConfig(firstSource);
        if (RunIdentity.Canonical(resolved) != s0.Identity.ConfigJson)
            throw new LongRunFileException($"{firstSource}: the stored config does not load back to itself with this gtc");
        var c = resolved.Run;
        int m = c.Numerics.Trajectories;
        var plan = StepPlan.From(c.Numerics);
        var ordered = byIndex.Select(b => b!.Value).ToList();
        int slots = s0.Accumulators.Length / s0.Trajectories;
        foreach (var (source, s) in ordered)
        {
            var (first, count) = s.Identity.Shard.Range(m);
            if (s.TotalTrajectories != m || s.TrajectoryOffset != first || s.Trajectories != count)
                throw new LongRunFileException($"{source}: shard {s.Identity.Shard} holds trajectories {s.TrajectoryOffset}.. ({s.Trajectories}) of {s.TotalTrajectories}; expected {first}.. ({count}) of {m}");
            if (s.Accumulators.Length != slots * s.Trajectories)
                throw new LongRunFileException($"{source}: {s.Accumulators.Length} accumulators for {s.Trajectories} trajectories, expected {slots} slots each");
            if (s.MeasuredSteps != s0.MeasuredSteps)
                throw new LongRunFileException($"{source}: {s.MeasuredSteps} measured steps, {firstSource} has {s0.MeasuredSteps}");
        }

        var all = new double[(long)slots * m];
        foreach (var (_, s) in ordered)
            for (int slot = 0; slot < slots; slot++)
                Array.Copy(s.Accumulators, (long)slot * s.Trajectories, all, (long)slot * m + s.TrajectoryOffset, s.Trajectories);
        var sums = HostReduction.Reduce(all, slots, m, m);

        double wall = ordered.Sum(o => o.Shard.WallSeconds);
        // The step coefficients only for their particle count and substeps (the effective model has no particles).
        var timing = RunTiming.Of(wall, plan.TotalSteps * (long)m, StepCoefficients.From(c, 0, 0));
        string device = string.Join(" + ", ordered.Select(o => o.Shard.Device).Distinct());
        if (n > 1) device = $"{n} shards on {device}";
        return SteadyStateRunner.Evaluate(resolved, null, sums, m, s0.MeasuredSteps, plan, timing, device, s0.Identity.Version);
    }
}
