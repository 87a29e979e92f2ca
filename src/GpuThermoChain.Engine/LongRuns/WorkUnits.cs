using System.Globalization;
using System.Text;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>One work unit of a plan: one shard of one configuration, run as
/// <c>gtc run PLAN/units/K/config.json --shard i/n --out PLAN/points/P/shard-i</c> (or without --shard when n = 1).</summary>
public sealed record WorkUnit(int Index, int Point, string Label, ShardSpec Shard, string ConfigPath, string OutDir);

/// <summary>
/// A sweep (or a single config) cut into work units, points x shards, for job arrays (scripts/slurm/): PLAN/units.tsv
/// lists them one a line (unit, point, shard, config, out), PLAN/units/K/config.json is unit K's fully resolved config,
/// PLAN/merges.tsv lists per point the shard folders to merge and where (one merge per point; none when n = 1).
/// Probe and mean-force points are never sharded (one unit each).
/// </summary>
public static class WorkUnits
{
    public const string UnitsFile = "units.tsv";
    public const string MergesFile = "merges.tsv";

    /// <summary>Writes the plan for <paramref name="points"/> (label, resolved config) with <paramref name="shards"/> shards each.</summary>
    public static IReadOnlyList<WorkUnit> Write(string planDir, IReadOnlyList<(string Label, ResolvedConfig Config)> points, int shards)
    {
        var (units, files) = Compose(planDir, points, shards);
        CheckFolder(Path.GetFullPath(planDir), files);
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllText(path, text);
        }
        return units;
    }

    /// <summary>
    /// Refuses (<see cref="ConfigException"/> on --plan) a folder that holds another plan: its units.tsv, merges.tsv or a
    /// unit's config.json differ from this plan's. Writing over it would leave the old plan's shard results beside new
    /// units, and a job array would take them for finished. The same plan written again is allowed (nothing changes).
    /// </summary>
    private static void CheckFolder(string planDir, IReadOnlyList<(string Path, string Text)> files)
    {
        if (!File.Exists(Path.Combine(planDir, UnitsFile))) return;
        foreach (var (path, text) in files)
        {
            string? there = File.Exists(path) ? File.ReadAllText(path) : null;
            if (there == text) continue;
            throw new ConfigException("--plan", $"'{planDir}' holds another plan ({Path.GetRelativePath(planDir, path)} " +
                (there is null ? "is missing there" : "differs") + "); a plan folder holds one plan, so nothing was written. " +
                "Give --plan a folder of its own, or remove the old plan (and its results under points/) first.");
        }
    }

    /// <summary>The plan's units and the files that describe it (path, text), without writing anything.</summary>
    private static (IReadOnlyList<WorkUnit> Units, IReadOnlyList<(string Path, string Text)> Files) Compose(
        string planDir, IReadOnlyList<(string Label, ResolvedConfig Config)> points, int shards)
    {
        var files = new List<(string, string)>();
        if (shards < 1) throw new ConfigException("--shards", "need at least 1 shard");
        // Checked for every point before anything is written: a sharded point cannot measure its burn-in.
        if (shards > 1)
            foreach (var (label, config) in points)
                if (config.Run.Model is ModelKind.Full or ModelKind.Effective)
                    Running.SteadyStateRunner.CheckBurnInWithShard(config.Run, new ShardSpec(0, shards));
        planDir = Path.GetFullPath(planDir);
        var units = new List<WorkUnit>();
        var merges = new StringBuilder("# point\tout\tshard folders (space-separated); gtc merge SHARDS... --out OUT\n");
        for (int p = 0; p < points.Count; p++)
        {
            var (label, config) = points[p];
            bool shardable = config.Run.Model is ModelKind.Full or ModelKind.Effective;
            int n = shardable ? shards : 1;
            if (shardable) new ShardSpec(0, n).CheckNotEmpty(config.Run.Numerics.Trajectories, "--shards");
            string pointDir = Path.Combine(planDir, "points", p.ToString(CultureInfo.InvariantCulture));
            var shardDirs = new List<string>();
            for (int i = 0; i < n; i++)
            {
                int k = units.Count;
                string unitDir = Path.Combine(planDir, "units", k.ToString(CultureInfo.InvariantCulture));
                string configPath = Path.Combine(unitDir, "config.json");
                string outDir = n == 1 ? pointDir : Path.Combine(pointDir, $"shard-{i}");
                files.Add((configPath, RunIdentity.Canonical(config)));
                units.Add(new WorkUnit(k, p, label, new ShardSpec(i, n), configPath, outDir));
                shardDirs.Add(outDir);
            }
            if (n > 1) merges.Append(CultureInfo.InvariantCulture, $"{p}\t{pointDir}\t{string.Join(' ', shardDirs)}\n");
        }
        var tsv = new StringBuilder("# unit\tpoint\tshard\tconfig\tout\tlabel; run: gtc run CONFIG --shard SHARD --out OUT (no --shard when SHARD is 0/1)\n");
        foreach (var u in units)
            tsv.Append(CultureInfo.InvariantCulture, $"{u.Index}\t{u.Point}\t{u.Shard}\t{u.ConfigPath}\t{u.OutDir}\t{u.Label}\n");
        // units.tsv last: the file a job array reads appears only once every config it names is written.
        files.Add((Path.Combine(planDir, MergesFile), merges.ToString()));
        files.Add((Path.Combine(planDir, UnitsFile), tsv.ToString()));
        return (units, files);
    }
}
