using System.Diagnostics;
using System.Text.Json;
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

    public static SweepOutcome Run(SweepSpec spec, IReadOnlyList<SweepPoint> points, string dir, ComputeDevice device,
        Action<string>? log = null, Func<SweepPoint, Action<RunProgress>?>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var finished = FindFinished(dir);
        string model = ConfigValidator.ModelName(points[0].Config.Run.Model);
        var columns = Columns(points[0].Config.Run.Model);
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
                foreach (var r in pointRows) Prefix(r, spec, point, model);
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
        foreach (var r in rows) Prefix(r, spec, point, model);
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

    // ---- columns and rows ----

    public static readonly string[] Leading = ["index", "figure", "block", "axes", "series", "x"];
    public static readonly string[] Trailing = ["wallSeconds", "seed", "device", "version"];

    public static readonly string[] CurrentColumns =
    [
        "J", "J_err", "estimator", .. Observables.HeatCurrent.SelectMany(o => new[] { o.Name, o.Name + "_err" }),
        "markov", "memoryKernel", "closedForm", "z_markov", "z_memoryKernel", "z_closedForm", "discreteScheme", "z_discreteScheme",
        "steady", "steadyNote", "burnIn",
    ];

    public static readonly string[] ProbeColumns =
    [
        "gammaEff", "gammaEff_err", "gammaL", "z_gammaL", "memoryKernelGamma", "expectedFitGamma", "z_expectedFitGamma",
        "kEff", "fitFrequency", "chi2PerDof", "fitError",
    ];

    public static readonly string[] MeanForceColumns = ["q", "force", "force_err", "exact", "secondOrder", "z_exact", "z_secondOrder",
        "steady", "steadyNote", "burnIn"];

    /// <summary>
    /// The "steady" cell of a point: "yes" when it passed its stationarity checks, "no" when it did not (the point is
    /// marked in analysis.md and the figures and left out of their fits), empty where nothing was tested (the probe model,
    /// a mean force after a burn-in given as a number).
    /// </summary>
    public const string SteadyYes = "yes", SteadyNo = "no";

    public static IReadOnlyList<string> Columns(ModelKind model)
    {
        var kind = model switch
        {
            ModelKind.Probe => ProbeColumns,
            ModelKind.MeanForce => MeanForceColumns,
            _ => CurrentColumns,
        };
        return [.. Leading, .. kind, .. Trailing, .. ParameterCatalog.All.Select(d => d.Name)];
    }

    internal static void Prefix(Dictionary<string, string> row, SweepSpec spec, SweepPoint p, string model)
    {
        row["index"] = p.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        row["figure"] = spec.Figure ?? "";
        row["model"] = model;
        row["block"] = p.Block.ToString(System.Globalization.CultureInfo.InvariantCulture);
        row["axes"] = string.Join("|", p.Axes.Select(a => a.Name));
        row["series"] = p.Axes.Count == 2 ? SweepPlan.Format(p.Values[0]) : "";
        row["x"] = SweepPlan.Format(p.Values[^1]);
    }

    private static string F(double v) => double.IsNaN(v) ? "" : SweepPlan.Format(v);

    private static Dictionary<string, string> Common(ResolvedConfig c, RunTiming t, string device, string version)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["wallSeconds"] = t.WallSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
            ["seed"] = c.Run.Numerics.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["device"] = device,
            ["version"] = version,
        };
        foreach (var def in ParameterCatalog.All)
            row[def.Name] = SweepPlan.FormatValue(c.Values[def.Name]);
        return row;
    }

    /// <summary>Runs one point with the runner its model needs; returns its result.json text and its CSV rows.</summary>
    public static (string Json, List<Dictionary<string, string>> Rows) RunPoint(ResolvedConfig c, ComputeDevice device, Action<RunProgress>? progress, string? estimator = null)
    {
        string json = c.Run.Model switch
        {
            ModelKind.Probe => ProbeJson.Write(ProbeRunner.Run(c, device, progress)),
            ModelKind.MeanForce => MeanForceJson.Write(MeanForceRunner.Run(c, device, progress)),
            _ => SteadyStateJson.Write(SteadyStateRunner.Run(c, device, progress)),
        };
        return (json, Rows(c, json, estimator));
    }

    /// <summary>
    /// A point's CSV rows (without the sweep prefix) from its result.json: the one row builder, for a point run here and
    /// for a merged cluster result (<c>gtc sweep --collect</c>) alike. JSON numbers round-trip exactly, so the cells are
    /// those of the result object; a null (a quantity that does not exist) is an empty cell.
    /// </summary>
    public static List<Dictionary<string, string>> Rows(ResolvedConfig c, string resultJson, string? estimator = null)
    {
        using var doc = JsonDocument.Parse(resultJson);
        var root = doc.RootElement;
        var timing = new RunTiming(Num(root.GetProperty("timing"), "wallSeconds"), 0, 0);
        string device = root.GetProperty("device").GetString() ?? "";
        string version = root.GetProperty("version").GetString() ?? "";
        switch (c.Run.Model)
        {
            case ModelKind.Probe:
            {
                var row = Common(c, timing, device, version);
                var th = root.GetProperty("theory");
                row["gammaL"] = F(Num(th, "gammaL"));
                row["memoryKernelGamma"] = F(Num(th, "memoryKernelGamma"));
                row["expectedFitGamma"] = F(Num(th, "expectedFitGamma"));
                row["kEff"] = F(Num(th, "kEff"));
                var f = root.GetProperty("relaxation");
                if (!f.TryGetProperty("error", out var error))
                {
                    row["gammaEff"] = F(Num(f, "gammaEff"));
                    row["gammaEff_err"] = F(Num(f, "stdErr"));
                    row["z_gammaL"] = F(Num(f, "zGammaL"));
                    row["z_expectedFitGamma"] = F(Num(f, "zExpected"));
                    row["fitFrequency"] = F(Num(f, "frequency"));
                    row["chi2PerDof"] = F(Num(f, "chiSquarePerDof"));
                }
                else
                {
                    row["fitError"] = error.ValueKind == JsonValueKind.String ? error.GetString()! : "fit failed";
                }
                return [row];
            }
            case ModelKind.MeanForce:
            {
                var rows = new List<Dictionary<string, string>>();
                foreach (var p in root.GetProperty("points").EnumerateArray())
                {
                    var row = Common(c, timing, device, version);
                    var force = p.GetProperty("force");
                    var th = p.GetProperty("theory");
                    row["q"] = F(Num(p, "q"));
                    row["force"] = F(Num(force, "value"));
                    row["force_err"] = F(Num(force, "stdErr"));
                    row["exact"] = F(Num(th.GetProperty("exact"), "value"));
                    row["secondOrder"] = F(Num(th.GetProperty("secondOrder"), "value"));
                    row["z_exact"] = F(Num(th.GetProperty("exact"), "zScore"));
                    row["z_secondOrder"] = F(Num(th.GetProperty("secondOrder"), "zScore"));
                    if (p.TryGetProperty("burnIn", out var burnIn))
                    {
                        bool stationary = burnIn.GetProperty("stationary").GetBoolean();
                        row["steady"] = stationary ? SteadyYes : SteadyNo;
                        row["steadyNote"] = stationary ? "" : NotStationaryNote(burnIn);
                        row["burnIn"] = F(Num(burnIn, "time"));
                    }
                    else
                    {
                        row["burnIn"] = F(Num(root, "burnInSteps") * c.Run.Numerics.TimeStep);
                    }
                    rows.Add(row);
                }
                return rows;
            }
            default:
            {
                var row = Common(c, timing, device, version);
                // The tabulated J: the sweep's chosen estimator, else the runner's quoted one; z-scores follow it.
                string chosen = estimator ?? root.GetProperty("current").GetProperty("estimator").GetString()!;
                var estimators = root.GetProperty("estimators");
                var current = Est(estimators.GetProperty(chosen));
                row["J"] = F(current.Value);
                row["J_err"] = F(current.StdErr);
                row["estimator"] = chosen;
                foreach (var e in estimators.EnumerateObject())
                {
                    var v = Est(e.Value);
                    row[e.Name] = F(v.Value);
                    row[e.Name + "_err"] = F(v.StdErr);
                }
                foreach (var t in root.GetProperty("theory").EnumerateObject())
                {
                    double value = Num(t.Value, "value");
                    row[t.Name] = F(value);
                    row["z_" + t.Name] = F(current.ZScore(value));
                }
                SteadyCells(row, root, c);
                return [row];
            }
        }
    }

    /// <summary>
    /// A heat-current point's steady, steadyNote and burnIn cells. Not steady: the automatic burn-in did not find the
    /// ensemble stationary, or the estimators disagree over the measurement by more than
    /// <see cref="EstimatorAgreement.WarnAbove"/> combined standard errors (read from estimatorAgreement, so results
    /// written before the burn-in test existed are judged the same way).
    /// </summary>
    private static void SteadyCells(Dictionary<string, string> row, JsonElement root, ResolvedConfig c)
    {
        var notes = new List<string>();
        if (root.TryGetProperty("burnIn", out var burnIn))
        {
            row["burnIn"] = F(Num(burnIn, "time"));
            if (!burnIn.GetProperty("stationary").GetBoolean()) notes.Add(NotStationaryNote(burnIn));
        }
        else
        {
            row["burnIn"] = F(Num(root, "burnInSteps") * c.Run.Numerics.TimeStep);
        }
        if (root.TryGetProperty("estimatorAgreement", out var agreement) && Num(agreement, "maxZ") > EstimatorAgreement.WarnAbove)
            notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"estimators disagree: z = {Num(agreement, "maxZ"):F1} ({agreement.GetProperty("between").GetString()}) > {EstimatorAgreement.WarnAbove}"));
        row["steady"] = notes.Count == 0 ? SteadyYes : SteadyNo;
        row["steadyNote"] = string.Join("; ", notes);
    }

    private static string NotStationaryNote(JsonElement burnIn)
    {
        var last = burnIn.GetProperty("stages").EnumerateArray().Last();
        string T(string name) => last.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Number
            ? v.GetDouble().ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : v.ToString() : "";
        string agreement = last.TryGetProperty("agreementOf", out var of) ? $", estimators |t| = {T("agreementT")} ({of.GetString()})" : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"not stationary within burnInMaxTime = {Num(burnIn, "maxTime")}: drift |t| = {T("driftT")} ({last.GetProperty("driftOf").GetString()}){agreement} > {Num(burnIn, "threshold"):F2}");
    }

    private static double Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private static Estimate Est(JsonElement e) => new(Num(e, "value"), Num(e, "stdErr"));

    private static string Summary(List<Dictionary<string, string>> rows)
    {
        var r = rows[0];
        if (r.ContainsKey("J"))
            return $"J = {r.Num("J"):G5} +- {r.Num("J_err"):G2}, z markov {r.Num("z_markov"):F2}, z memoryKernel {r.Num("z_memoryKernel"):F2}, " +
                   $"burn-in {r.Num("burnIn"):G4}, {r.Num("wallSeconds"):F1} s" + (r.Text("steady") == SteadyNo ? $"; NOT STEADY: {r.Text("steadyNote")}" : "");
        if (r.ContainsKey("gammaEff") || r.ContainsKey("gammaL") && !r.ContainsKey("q"))
            return $"gamma_eff = {r.Num("gammaEff"):G5} +- {r.Num("gammaEff_err"):G2}, gamma_L = {r.Num("gammaL"):G5}, {r.Num("wallSeconds"):F1} s";
        int unsteady = rows.Count(x => x.Text("steady") == SteadyNo);
        return $"{rows.Count} positions, max |z exact| = {rows.Max(x => Math.Abs(x.Num("z_exact"))):F2}, {r.Num("wallSeconds"):F1} s" +
               (unsteady > 0 ? $"; NOT STEADY at {unsteady} positions" : "");
    }
}
