using System.Diagnostics;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Engine.Sweeps;

/// <summary>What a sweep did: the table written, and how many points ran now or were found finished.</summary>
public sealed record SweepOutcome(PointsTable Table, int Ran, int Reused, double WallSeconds);

/// <summary>
/// Runs a validated sweep point by point on one device. After each point it writes DIR/points/&lt;index&gt;/result.json
/// (the run's full result) and point.json (its key and CSV rows), then rewrites DIR/points.csv whole and atomically.
/// A point whose key (every resolved parameter) matches a finished point.json is not run again, at whatever index it
/// was finished. The caller has checked the folder first (<see cref="SweepFolder"/>): every point finished there is in
/// this sweep, so a reordered grid moves results between indices without dropping any.
/// </summary>
public static class SweepRunner
{
    public const string PointsFile = "points.csv";
    public const string PointsFolder = "points";

    public static SweepOutcome Run(SweepSpec spec, IReadOnlyList<SweepPoint> points, string dir, IComputeDevice device,
        Action<string>? log = null, Func<SweepPoint, Action<RunProgress>?>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var finished = FindFinished(dir);
        string model = ConfigValidator.ModelName(points[0].Config.Run.Model);
        var columns = PointRows.Columns(points[0].Config.Run.Model);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        int ran = 0, reused = 0;
        Directory.CreateDirectory(dir);
        foreach (var point in points)
        {
            string folder = Path.Combine(dir, PointsFolder, point.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            List<Dictionary<string, string>> pointRows;
            if (finished.TryGetValue(point.Key, out var done))
            {
                // Copies: the same finished point can stand at two indices (a union of grids that meet), each with its own prefix.
                pointRows = done.Rows.Select(r => new Dictionary<string, string>(r, StringComparer.Ordinal)).ToList();
                if (!SameFolder(done.Folder, folder))
                {
                    // Finished under another index (the grid changed): carry its files to this index.
                    SweepFolder.Clear(folder, point.Key);
                    OutputFolderWrite(folder, "result.json", done.Result);
                }
                foreach (var r in pointRows) PointRows.Prefix(r, spec, point, model);
                OutputFolderWrite(folder, "point.json", PointJson(point, pointRows));
                finished[point.Key] = done with { Folder = folder };
                log?.Invoke($"point {point.Index}/{points.Count} ({point.Label}): already done ({Relative(dir, done.Folder)}), skipped");
                reused++;
            }
            else
            {
                log?.Invoke($"point {point.Index}/{points.Count} ({point.Label}): running, seed {point.Config.Run.Numerics.Seed}");
                var (json, made) = RunPoint(point.Config, device, progress?.Invoke(point), spec.Estimator);
                pointRows = made;
                WritePoint(folder, spec, point, model, json, pointRows);
                finished[point.Key] = new Finished(folder, pointRows, json);
                ran++;
                log?.Invoke($"point {point.Index}/{points.Count} ({point.Label}): {Summary(pointRows)}");
            }
            rows.AddRange(pointRows);
            var partial = new PointsTable(columns, rows);
            AtomicFile.WriteAllText(Path.Combine(dir, PointsFile), partial.ToCsv());
        }
        SweepFolder.Tidy(dir, points);
        return new SweepOutcome(new PointsTable(columns, rows), ran, reused, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A finished point; its result text is held in memory, since a reshuffled grid may overwrite its folder.</summary>
    private sealed record Finished(string Folder, List<Dictionary<string, string>> Rows, string Result);

    private static Dictionary<string, Finished> FindFinished(string dir)
    {
        var map = new Dictionary<string, Finished>(StringComparer.Ordinal);
        foreach (var f in SweepFolder.ReadFinished(dir))
            map.TryAdd(f.Key, new Finished(f.Folder, f.Rows, f.Result));
        return map;
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);

    private static string Relative(string dir, string folder) => Path.GetRelativePath(dir, folder);

    internal static void OutputFolderWrite(string folder, string name, string text)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, name), text);
    }

    /// <summary>
    /// A point's files in its index folder, as a run here and <c>gtc sweep --collect</c> write them: the rows prefixed
    /// with the sweep's columns, a finished point of another key there moved aside, then result.json and point.json.
    /// </summary>
    internal static void WritePoint(string folder, SweepSpec spec, SweepPoint point, string model, string resultJson,
        List<Dictionary<string, string>> rows)
    {
        foreach (var r in rows) PointRows.Prefix(r, spec, point, model);
        SweepFolder.Clear(folder, point.Key);
        OutputFolderWrite(folder, "result.json", resultJson);
        OutputFolderWrite(folder, "point.json", PointJson(point, rows));
    }

    internal static string PointJson(SweepPoint p, List<Dictionary<string, string>> rows) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("index", p.Index);
        w.WriteString("label", p.Label);
        w.WriteString("key", p.Key);
        w.WriteStartArray("rows");
        foreach (var r in rows)
        {
            w.WriteStartObject();
            foreach (var (k, v) in r) w.WriteString(k, v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Runs one point with the runner its model needs; returns its result.json text and its CSV rows (from the result itself).</summary>
    public static (string Json, List<Dictionary<string, string>> Rows) RunPoint(ResolvedConfig c, IComputeDevice device, Action<RunProgress>? progress, string? estimator = null)
    {
        switch (c.Run.Model)
        {
            case ModelKind.Probe:
            {
                var r = ProbeRunner.Run(c, device, progress);
                return (ProbeJson.Write(r), PointRows.FromResult(c, r));
            }
            case ModelKind.MeanForce:
            {
                var r = MeanForceRunner.Run(c, device, progress);
                return (MeanForceJson.Write(r), PointRows.FromResult(c, r));
            }
            default:
            {
                var r = SteadyStateRunner.Run(c, device, progress);
                return (SteadyStateJson.Write(r), PointRows.FromResult(c, r, estimator));
            }
        }
    }

    private static string Summary(List<Dictionary<string, string>> rows)
    {
        var r = rows[0];
        if (r.ContainsKey("J"))
            return $"J = {r.Num("J"):G5} +- {r.Num("J_err"):G2}, z markov {r.Num("z_markov"):F2}, z memoryKernel {r.Num("z_memoryKernel"):F2}, " +
                   $"burn-in {r.Num("burnIn"):G4}, {r.Num("wallSeconds"):F1} s" + (r.Text("steady") == PointRows.SteadyNo ? $"; NOT STEADY: {r.Text("steadyNote")}" : "");
        if (r.ContainsKey("gammaEff") || r.ContainsKey("gammaL") && !r.ContainsKey("q"))
            return $"gamma_eff = {r.Num("gammaEff"):G5} +- {r.Num("gammaEff_err"):G2}, gamma_L = {r.Num("gammaL"):G5}, {r.Num("wallSeconds"):F1} s";
        int unsteady = rows.Count(x => x.Text("steady") == PointRows.SteadyNo);
        return $"{rows.Count} positions, max |z exact| = {rows.Max(x => Math.Abs(x.Num("z_exact"))):F2}, {r.Num("wallSeconds"):F1} s" +
               (unsteady > 0 ? $"; NOT STEADY at {unsteady} positions" : "");
    }
}
