using System.CommandLine;
using System.Globalization;
using System.Text;
using GpuThermoChain.Config;
using GpuThermoChain.Engine;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Engine.Sweeps;
using GpuThermoChain.Plots;

namespace GpuThermoChain.Cli;

/// <summary>
/// <c>gtc sweep SWEEP.json</c>: validates every point and the output folder up front (a bad sweep, or a folder holding
/// another sweep, exits 2 and writes nothing), then runs the points one by one, rewriting DIR/points.csv after each, skipping points finished by an earlier start, and finally
/// draws the figures (as <c>gtc plot DIR</c> would).
/// </summary>
public static class SweepCommand
{
    public static Command Create(CliIO io)
    {
        var file = new Argument<string>("sweep") { Description = "sweep file (JSON): base config, set overrides, grid over one or two parameters, figure" };
        var device = DeviceOption.Create();
        var outDir = new Option<string?>("--out") { Description = "folder for points.csv, points/<index>/result.json and the figures (default: the sweep file's folder)" };
        var set = new Option<string[]>("--set")
        {
            Description = "override one parameter at every point, after the sweep file's own set (repeatable)",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on stderr" };
        var noPlot = new Option<bool>("--no-plot") { Description = "do not draw the figures at the end" };
        var keepUnsteady = new Option<bool>("--keep-unsteady")
        {
            Description = "exit 0 even when some points did not pass their stationarity checks (they are written and marked " +
                          $"steady = no in points.csv, analysis.md and the figures either way); without it such a sweep exits {ExitCodes.NotStationary}",
        };
        var cmd = new Command("sweep", "Run a grid of configurations (one or two swept parameters) and tabulate J, its standard errors, " +
            "the theory and z-scores in DIR/points.csv; an interrupted sweep started again skips the finished points; draws the figures at the end.");
        cmd.Arguments.Add(file);
        cmd.Options.Add(device);
        cmd.Options.Add(outDir);
        cmd.Options.Add(set);
        cmd.Options.Add(quiet);
        cmd.Options.Add(noPlot);
        cmd.Options.Add(keepUnsteady);
        var plan = new SweepPlanOptions();
        plan.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string path = r.GetValue(file)!;
            bool q = r.GetValue(quiet);
            string[] extraSet = r.GetValue(set) ?? [];
            var spec = SweepSpec.Load(path);
            var points = SweepPlan.Expand(spec, extraSet);
            if (plan.TryWrite(r, points, io, [Path.GetFullPath(path), .. extraSet.SelectMany(x => new[] { "--set", x })]))
                return ExitCodes.Success;
            // The base with every set applied, for sweep-run.json (Expand has loaded it already, so this cannot fail).
            ulong baseSeed = ConfigLoader.Parse(spec.BaseJson, spec.Set.Concat(extraSet), spec.BaseSource, checkNumerics: false).Run.Numerics.Seed;
            if (r.GetValue(plan.Collect) is { } planDir)
            {
                var (into, heldCollect) = CheckFolder(r.GetValue(outDir), path, spec, points);
                using var lockCollect = heldCollect;
                int collected = Collect(r, io, path, spec, points, planDir, into, q, r.GetValue(noPlot), baseSeed);
                return collected != ExitCodes.Success ? collected
                    : UnsteadyVerdict(io, PointsTable.Parse(File.ReadAllText(Path.Combine(into, SweepRunner.PointsFile))), r.GetValue(keepUnsteady));
            }
            var devSpec = DeviceOption.Parse(r, device);
            var (dir, held) = CheckFolder(r.GetValue(outDir), path, spec, points);
            using var lockRun = held;
            NoteDamagedPoints(io, dir, q);
            if (!q) io.Err.WriteLine($"sweep: {points.Count} points ({string.Join(" + ", spec.Blocks.Select(b => string.Join(" x ", b.Axes.Select(a => $"{a.Name}[{a.Values.Count}]"))))}), figure {spec.Figure ?? "(none)"}, into {dir}");

            // Told before anything runs, as gtc run does: points outside their theory's range of validity.
            foreach (var point in points.Where(p => p.Config.Run.Model == ModelKind.Probe))
                if (ProbeRunner.LinearResponseWarning(point.Config.Run) is { } outside)
                    io.Err.WriteLine($"warning: point {point.Index} ({point.Label}) is outside the theory's range of validity: {outside}");
            // Every steady-state point computes its theory first: one out of the theory's reach is refused before any runs.
            foreach (var point in points.Where(x => x.Config.Run.Model is ModelKind.Full or ModelKind.Effective))
            {
                try { TheoryReachCheck.Check(point.Config.Run); }
                catch (ConfigException e) { throw new ConfigException(e.Parameter, $"at sweep point {point.Index} ({point.Label}): {e.Message}"); }
            }
            using var dev = ComputeDevice.Open(devSpec);
            if (!q) io.Err.WriteLine($"device: {dev.Description}");
            // A signal ends the sweep at once (the default action); say what is kept rather than exit in silence.
            string kept = $"finished points stay in {Path.Combine(dir, SweepRunner.PointsFolder)} and are reused when this sweep is run again";
            using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT,
                _ => Console.Error.WriteLine($"\ngtc sweep: SIGINT received; stopping now; {kept}"));
            using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
                _ => Console.Error.WriteLine($"\ngtc sweep: SIGTERM received; stopping now; {kept}"));
            SweepFolder.WriteCopy(dir, path);
            string? tableBefore = ReadTable(dir);
            var started = DateTimeOffset.UtcNow;
            var outcome = SweepRunner.Run(spec, points, dir, dev,
                log: q ? null : io.Err.WriteLine,
                progress: q ? null : _ => new ProgressPrinter(io.Err, false).Report);
            if (!q) io.Err.WriteLine($"sweep: {outcome.Ran} points run, {outcome.Reused} already done, {outcome.WallSeconds:F1} s; wrote {Path.Combine(dir, SweepRunner.PointsFile)}");
            OutputFolder.WriteFile(dir, "sweep-run.json", RunInfo(path, r.Tokens.Select(t => t.Value), dev.Description, started, outcome, points, baseSeed, spec.SeedPerPoint));
            DrawFigures(io, dir, outcome.Table, tableBefore, q, r.GetValue(noPlot));
            return UnsteadyVerdict(io, outcome.Table, r.GetValue(keepUnsteady));
        });
        return cmd;
    }

    /// <summary>
    /// The output folder (default: the sweep file's folder), checked before any work: writable, and not holding another
    /// sweep's sweep.json or finished points that this sweep would overwrite or orphan (<see cref="SweepFolder"/>).
    /// </summary>
    /// <remarks>The folder is locked (<see cref="FolderLock"/>) before its contents are checked, so a second gtc aimed at it is refused.</remarks>
    private static (string Dir, FolderLock Lock) CheckFolder(string? outDir, string path, SweepSpec spec, IReadOnlyList<SweepPoint> points)
    {
        string dir = OutputFolder.Check(outDir ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
        var held = FolderLock.Take(dir, "--out");
        try
        {
            SweepFolder.CheckSweepJson(dir, path, spec);
            SweepFolder.CheckFinished(dir, points);
            return (dir, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>A finished point whose result.json is damaged is not reused: say so, as it runs again.</summary>
    private static void NoteDamagedPoints(CliIO io, string dir, bool quiet)
    {
        if (quiet) return;
        foreach (var (folder, why) in SweepFolder.Damaged(dir))
            io.Err.WriteLine($"note: {Path.Combine(folder, "result.json")} is damaged ({why}); that point runs again");
    }

    private static string? ReadTable(string dir)
    {
        string csv = Path.Combine(dir, SweepRunner.PointsFile);
        return File.Exists(csv) ? File.ReadAllText(csv) : null;
    }

    /// <summary>The end of a run or a collect: the figures and analysis.md as gtc plot DIR draws them, or with --no-plot the stale-figure note.</summary>
    private static void DrawFigures(CliIO io, string dir, PointsTable table, string? tableBefore, bool quiet, bool noPlot)
    {
        if (noPlot) WarnIfStale(io, dir, tableBefore);
        else PlotCommand.Write(io, dir, Figures.Draw(table, dir), quiet);
    }

    /// <summary>With --no-plot, figures drawn from an earlier points.csv stay behind: say so rather than let them pass for current.</summary>
    private static void WarnIfStale(CliIO io, string dir, string? tableBefore)
    {
        if (File.Exists(Path.Combine(dir, "analysis.md")) && ReadTable(dir) != tableBefore)
            io.Err.WriteLine($"note: {Path.Combine(dir, "analysis.md")} and the figures were drawn from an earlier points.csv; redraw them with gtc plot {dir}");
    }

    /// <summary>
    /// Names the points that did not pass their stationarity checks (always, on stderr) and exits
    /// <see cref="ExitCodes.NotStationary"/> for them unless the user keeps them (--keep-unsteady).
    /// </summary>
    private static int UnsteadyVerdict(CliIO io, PointsTable table, bool keep)
    {
        var bad = table.Rows.Where(Figures.Unsteady).ToList();
        if (bad.Count == 0) return ExitCodes.Success;
        io.Err.WriteLine($"sweep: {bad.Count} of {table.Rows.Count} rows did not pass their stationarity checks (steady = no in points.csv, " +
                         "marked in analysis.md and the figures):");
        foreach (var row in bad)
            io.Err.WriteLine($"  point {row.Text("index")} (x = {row.Text("x")}): {row.Text("steadyNote")}");
        return keep ? ExitCodes.Success : ExitCodes.NotStationary;
    }

    /// <summary>
    /// --collect: checks every point's merged result in the plan (nothing is written if one is missing or foreign), then
    /// writes what a local run writes: sweep.json, points/&lt;index&gt;/, points.csv, sweep-run.json, the figures and analysis.md.
    /// </summary>
    private static int Collect(ParseResult r, CliIO io, string path, SweepSpec spec, IReadOnlyList<SweepPoint> points, string planDir,
        string dir, bool q, bool noPlot, ulong baseSeed)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var collected = SweepCollector.Read(planDir, spec, points);
        SweepFolder.WriteCopy(dir, path);
        string? tableBefore = ReadTable(dir);
        var table = SweepCollector.Write(spec, collected, dir);
        var outcome = new SweepOutcome(table, collected.Count, 0, clock.Elapsed.TotalSeconds);
        string devices = string.Join(" + ", table.Rows.Select(x => x.Text("device")).Distinct(StringComparer.Ordinal));
        OutputFolder.WriteFile(dir, "sweep-run.json", RunInfo(path, r.Tokens.Select(t => t.Value), devices, started, outcome, points, baseSeed,
            spec.SeedPerPoint, Path.GetFullPath(planDir)));
        if (!q) io.Err.WriteLine($"sweep: collected {collected.Count} points from {Path.GetFullPath(planDir)}; wrote {Path.Combine(dir, SweepRunner.PointsFile)}");
        DrawFigures(io, dir, table, tableBefore, q, noPlot);
        return ExitCodes.Success;
    }

    private static string RunInfo(string path, IEnumerable<string> args, string device, DateTimeOffset started, SweepOutcome o,
        IReadOnlyList<SweepPoint> points, ulong baseSeed, bool perPoint, string? collectedFrom = null) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("command", "gtc sweep " + string.Join(" ", args.Where(a => a != "sweep")));
        w.WriteString("sweepFile", path);
        if (collectedFrom is not null) w.WriteString("collectedFrom", collectedFrom + " (the points ran as a plan's work units; wallSeconds sums each point's shards)");
        w.WriteString("device", device);
        w.WriteString("started", started.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("wallSeconds", Math.Round(o.WallSeconds, 3));
        w.WriteNumber("pointWallSecondsSum", Math.Round(o.Table.Rows.GroupBy(r => r.Text("index")).Sum(g => g.First().Num("wallSeconds")), 3));
        w.WriteNumber("pointsRun", o.Ran);
        w.WriteNumber("pointsAlreadyDone", o.Reused);
        w.WriteNumber("points", points.Count);
        w.WriteString("baseSeed", baseSeed.ToString(CultureInfo.InvariantCulture));
        w.WriteString("seeds", perPoint ? "perPoint: each point's seed is derived from the base seed and its parameters (points.csv, column seed)" : "shared: every point uses the base seed");
        w.WriteString("version", BuildInfo.Version);
        w.WriteEndObject();
    });
}
