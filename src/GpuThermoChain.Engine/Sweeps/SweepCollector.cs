using System.Globalization;
using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;

namespace GpuThermoChain.Engine.Sweeps;

/// <summary>One point's merged cluster result, checked against the sweep: its result.json text and its CSV rows.</summary>
public sealed record CollectedPoint(SweepPoint Point, string ResultJson, List<Dictionary<string, string>> Rows);

/// <summary>
/// <c>gtc sweep SWEEP.json --collect PLAN</c>: assembles a sweep run as a plan (<see cref="WorkUnits"/>, scripts/slurm/)
/// from its per-point results PLAN/points/P/result.json (merged shards, or the one unit of an unsharded point), into
/// what a local <c>gtc sweep</c> writes: DIR/points/&lt;index&gt;/result.json and point.json, and DIR/points.csv with the
/// same columns and rows (built by <see cref="PointRows.FromJson"/>). <see cref="Read"/> checks every point before
/// anything is written: a missing or unreadable result, or one from another config or gtc version, is refused with
/// every such point named.
/// </summary>
public static class SweepCollector
{
    public static IReadOnlyList<CollectedPoint> Read(string planDir, SweepSpec spec, IReadOnlyList<SweepPoint> points)
    {
        planDir = Path.GetFullPath(planDir);
        string units = Path.Combine(planDir, WorkUnits.UnitsFile);
        if (!File.Exists(units))
            throw new ConfigException("--collect", $"'{planDir}' is not a plan: no {WorkUnits.UnitsFile} (write one with gtc sweep SWEEP.json --plan DIR --shards N)");
        int planned = File.ReadLines(units).Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t')).Where(f => f.Length > 1).Select(f => f[1]).Distinct(StringComparer.Ordinal).Count();
        if (planned != points.Count)
            throw new ConfigException("--collect", $"the plan '{planDir}' has {planned} points, this sweep {points.Count}: collect with the sweep file (and --set) the plan was written from");

        var collected = new List<CollectedPoint>();
        var problems = new List<string>();
        foreach (var p in points)
        {
            string i = p.Index.ToString(CultureInfo.InvariantCulture);
            string folder = Path.Combine(planDir, "points", i);
            string path = Path.Combine(folder, "result.json");
            string name = $"point {i} ({p.Label})";
            if (!File.Exists(path))
            {
                int shards = Directory.Exists(folder) ? Directory.GetDirectories(folder, "shard-*").Count(d => File.Exists(ShardFile.PathIn(d))) : 0;
                problems.Add($"{name}: no merged result {path}" + (shards > 0 ? $" ({shards} finished shards there: merge them, scripts/slurm/merge.sbatch)" : ""));
                continue;
            }
            string json = File.ReadAllText(path);
            string? problem = Check(json, p, out var rows, spec.Estimator);
            if (problem is not null) problems.Add($"{name}: {path} {problem}");
            else collected.Add(new CollectedPoint(p, json, rows!));
        }
        if (problems.Count > 0)
            throw new ConfigException("--collect", $"{problems.Count} of {points.Count} points cannot be collected, nothing written:\n  " + string.Join("\n  ", problems));
        return collected;
    }

    /// <summary>Null if the result belongs to the point (same resolved config, seed included, and this gtc version).</summary>
    private static string? Check(string json, SweepPoint p, out List<Dictionary<string, string>>? rows, string? estimator)
    {
        rows = null;
        string version, config;
        try
        {
            using var doc = JsonDocument.Parse(json);
            version = doc.RootElement.Required("version").GetString() ?? "";
            config = doc.RootElement.Required("config").GetRawText();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"is not a gtc result ({e.Message})";
        }
        if (version != BuildInfo.Version)
            return $"was made by gtc {version}; this is gtc {BuildInfo.Version} (rerun the plan's units with this version, or collect with that one)";
        string expected = RunIdentity.Canonical(p.Config);
        string found;
        try
        {
            found = RunIdentity.Canonical(ConfigLoader.Parse(config, null, "result.json config", checkNumerics: false));
        }
        catch (ConfigException e)
        {
            return $"holds a config this gtc does not load ({e.Message})";
        }
        if (found != expected)
            return "comes from a different config: " + string.Join(", ", RunIdentity.ConfigDifferences(expected, found).Take(6)) + " (sweep vs result)";
        try
        {
            rows = PointRows.FromJson(p.Config, json, estimator);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"is incomplete ({e.Message})";
        }
        return null;
    }

    /// <summary>Writes DIR/points/&lt;index&gt;/ (result.json, point.json) and DIR/points.csv as a local sweep does; returns the table.</summary>
    public static PointsTable Write(SweepSpec spec, IReadOnlyList<CollectedPoint> collected, string dir)
    {
        string model = ConfigValidator.ModelName(collected[0].Point.Config.Run.Model);
        var columns = PointRows.Columns(collected[0].Point.Config.Run.Model);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        Directory.CreateDirectory(dir);
        foreach (var c in collected)
        {
            string folder = Path.Combine(dir, SweepRunner.PointsFolder, c.Point.Index.ToString(CultureInfo.InvariantCulture));
            SweepRunner.WritePoint(folder, spec, c.Point, model, c.ResultJson, c.Rows);
            rows.AddRange(c.Rows);
        }
        var table = new PointsTable(columns, rows);
        AtomicFile.WriteAllText(Path.Combine(dir, SweepRunner.PointsFile), table.ToCsv());
        SweepFolder.Tidy(dir, collected.Select(c => c.Point).ToList());
        return table;
    }
}
