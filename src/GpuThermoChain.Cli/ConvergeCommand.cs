using System.CommandLine;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.GaussianLimit;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Cli;

/// <summary>
/// <c>gtc converge CONFIG --out DIR</c>: the Gaussian-limit study of a configuration. Runs it at several N_b with eps
/// scaled so that N_b eps^2 stays the config's, fits J(N_b) = J_inf + c/N_b (+ d/N_b^2), and compares J_inf, where the
/// memory-kernel theory is exact, with that theory; the fit also gives the theory's truncation at the configured N_b.
/// The study is a sweep (<see cref="GaussianLimitPlan"/>): DIR holds its sweep.json, points.csv and points/, an
/// interrupted study started again skips its finished points, and --plan/--collect cut it into work units for a
/// cluster as <c>gtc sweep</c> does. DIR/converge.json is the result.
/// </summary>
public static class ConvergeCommand
{
    /// <summary>The sweep file a plan's collect job (scripts/slurm/collect.sbatch) runs: PLAN/converge-sweep.json.</summary>
    public const string PlanSweepFile = "converge-sweep.json";

    public static Command Create(CliIO io)
    {
        var config = new ConfigOptions();
        var device = DeviceOption.Create();
        var outDir = new Option<string?>("--out")
        {
            Description = "folder for the study (required except with --plan): converge.json (the result), sweep.json, points.csv, points/<index>/result.json",
        };
        var sizes = new Option<string?>("--bath-sizes")
        {
            Description = "the N_b to run, comma-separated (default: N_b, 4 N_b, 16 N_b of the config); sizes below the config's are cheap and " +
                          "show the truncation large; four or more also fit and test a 1/N_b^2 term",
        };
        var json = new Option<bool>("--json") { Description = "print converge.json on stdout" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on stderr" };
        var cmd = new Command("converge", "Gaussian-limit study: J at several N_b with N_b eps^2 fixed, extrapolated to N_b -> infinity where the " +
            "memory-kernel theory is exact; prints J_inf against it (z) and the theory's truncation at the configured N_b, J(N_b) - J_inf.");
        config.AddTo(cmd);
        cmd.Options.Add(sizes);
        cmd.Options.Add(device);
        cmd.Options.Add(outDir);
        cmd.Options.Add(json);
        cmd.Options.Add(quiet);
        var planOptions = new SweepPlanOptions();
        planOptions.Plan.Description = "do not run: write the study's bath sizes x shards as work units into PLAN (units.tsv, merges.tsv, " +
            $"{PlanSweepFile} for the collect job) for a job array, e.g. scripts/slurm/submit.sh";
        planOptions.Collect.Description = "do not run: fit the study from a plan run on a cluster (PLAN/points/P/result.json, the merged shards); " +
            "writes DIR as a local study does; a missing point, or one from another config or gtc version, is refused (exit 2, nothing written)";
        planOptions.AddTo(cmd);
        cmd.SetAction(r =>
        {
            bool q = r.GetValue(quiet);
            var baseConfig = config.Load(r);
            var plan = GaussianLimitPlan.Create(baseConfig, r.GetValue(sizes) is { } s ? GaussianLimitPlan.ParseSizes(s) : null);
            string command = "gtc " + string.Join(" ", r.Tokens.Select(t => t.Value));

            if (r.GetValue(planOptions.Plan) is { } planDir)
            {
                // The plan's collect job runs gtc sweep on the study's sweep file: it goes into the plan before the units,
                // under the plan folder's lock like them (a plan folder another gtc holds is refused with nothing written).
                string pd = OutputFolder.Check(planDir, "--plan");
                planOptions.TryWrite(r, plan.Points, io, [Path.Combine(pd, PlanSweepFile)], (PlanSweepFile, plan.SweepJson));
                io.Err.WriteLine($"converge: when the units are done, fit the study with: {CollectCommand(r, pd)}");
                return ExitCodes.Success;
            }
            if (r.GetValue(outDir) is not { } o)
                throw new ConfigException("--out", "is required: the study's points and converge.json go there (gtc converge CONFIG --out DIR), and a study started again in the same folder skips its finished points");
            string dir = OutputFolder.Check(o);
            // Locked as every other command that writes a folder, so a second study into it is refused, not interleaved.
            using var held = FolderLock.Take(dir, "--out");
            bool grows = CheckFolder(dir, plan);
            if (!q)
                io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"converge: N_b = {string.Join(", ", plan.BathSizes)} with N_b eps^2 = {plan.Product:G6} fixed (configured N_b = {plan.ConfiguredParticles}, eps = {plan.ConfiguredEpsilon:G6}), into {dir}"));

            PointsTable table;
            string devices;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (r.GetValue(planOptions.Collect) is { } collectFrom)
            {
                var collected = SweepCollector.Read(collectFrom, plan.Spec, plan.Points);
                WriteSweepCopy(dir, plan, grows);
                table = SweepCollector.Write(plan.Spec, collected, dir);
                devices = string.Join(" + ", table.Rows.Select(x => x.Text("device")).Distinct(StringComparer.Ordinal));
                if (!q) io.Err.WriteLine($"converge: collected {collected.Count} points from {Path.GetFullPath(collectFrom)}");
            }
            else
            {
                using var dev = ComputeDevice.Open(DeviceOption.Parse(r, device));
                if (!q) io.Err.WriteLine($"device: {dev.Description}");
                WriteSweepCopy(dir, plan, grows);
                var outcome = SweepRunner.Run(plan.Spec, plan.Points, dir, dev,
                    log: q ? null : io.Err.WriteLine,
                    progress: q ? null : _ => new ProgressPrinter(io.Err, false).Report);
                table = outcome.Table;
                devices = dev.Description;
            }
            var result = GaussianLimitResult.From(plan, table);
            string text = GaussianLimitJson.Write(result, command, devices, clock.Elapsed.TotalSeconds);
            string written = OutputFolder.WriteFile(dir, GaussianLimitJson.FileName, text);
            if (!q) io.Err.WriteLine($"wrote {written}");
            io.Out.Write(r.GetValue(json) ? text : Summary(result));
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>
    /// The folder must hold this study or nothing: its sweep.json the same study, or the same one with other bath sizes
    /// (true: the study grows or shrinks there, keeping what it shares), and no finished point this study lacks.
    /// </summary>
    private static bool CheckFolder(string dir, GaussianLimitPlan plan)
    {
        SweepFolder.CheckFinished(dir, plan.Points);
        string copy = Path.Combine(dir, SweepFolder.SweepCopy);
        if (!File.Exists(copy)) return false;
        try
        {
            var there = SweepSpec.Parse(File.ReadAllText(copy), dir, copy);
            var diff = SweepFolder.Differences(SweepFolder.Meaning(there), SweepFolder.Meaning(plan.Spec));
            if (diff.Count > 0 && diff.All(d => d.StartsWith("grid", StringComparison.Ordinal))) return true;
        }
        catch (ConfigException)
        {
        }
        // Anything else is another sweep (or not one): refused with the sweep's own message, nothing written.
        SweepFolder.CheckSweepJson(dir, Path.Combine(dir, "(gtc converge)"), plan.Spec);
        return false;
    }

    private static void WriteSweepCopy(string dir, GaussianLimitPlan plan, bool replace)
    {
        if (replace || !File.Exists(Path.Combine(dir, SweepFolder.SweepCopy)))
            OutputFolder.WriteFile(dir, SweepFolder.SweepCopy, plan.SweepJson);
    }

    /// <summary>The command that collects a plan: this command line with --plan PLAN and --shards N replaced by --collect PLAN --out DIR.</summary>
    private static string CollectCommand(ParseResult r, string planDir)
    {
        var kept = new List<string>();
        var tokens = r.Tokens.Select(t => t.Value).ToList();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is "--plan" or "--shards") { i++; continue; }
            if (tokens[i].StartsWith("--plan=", StringComparison.Ordinal) || tokens[i].StartsWith("--shards=", StringComparison.Ordinal)) continue;
            kept.Add(tokens[i]);
        }
        return "gtc " + string.Join(" ", kept) + $" --collect {planDir} --out DIR";
    }

    internal static string Summary(GaussianLimitResult r)
    {
        var p = r.Plan;
        var c = p.Base.Run;
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"gtc converge: Gaussian-limit study, N = {c.Chain.Sites}, T_L = {c.ParticleBath.Temperature}, T_R = {c.LangevinBath.Temperature}, " +
                     $"N_b eps^2 = {p.Product:G6} fixed (configured N_b = {p.ConfiguredParticles}, eps = {p.ConfiguredEpsilon:G6}); {r.Estimator} estimator");
        sw.WriteLine($"  {"N_b",8} {"eps",10} {"substeps",8} {"J",12} {"+-",10} {"z vs memory kernel",19} {"fit residual z",15}");
        foreach (var x in r.Points)
            sw.WriteLine($"  {x.Particles,8} {x.CouplingStrength,10:G6} {x.ParticleSubsteps,8} {x.Current,12:G6} {x.StdErr,10:G3} {(x.Current - r.MemoryKernel) / x.StdErr,19:F2} {(x.Current - r.Fit.Chosen.At(x.Particles)) / x.StdErr,15:F2}");
        var lin = r.Fit.Linear;
        sw.WriteLine($"  fit J_inf + c/N_b:          J_inf = {lin.Limit:G6} +- {lin.LimitStdErr:G3}, c = {lin.Coefficients[1]:G4} +- {Math.Sqrt(lin.Covariance[1, 1]):G2}, " +
                     $"chi2 = {lin.ChiSquare:F2} on {lin.Dof} dof{(lin.Dof > 0 ? $" (p = {lin.PValue:G2})" : "")}");
        if (r.Fit.Quadratic is { } qd)
            sw.WriteLine($"  fit J_inf + c/N_b + d/N_b^2: J_inf = {qd.Limit:G6} +- {qd.LimitStdErr:G3} (z = {(qd.Limit - r.MemoryKernel) / qd.LimitStdErr:F2}), d = {qd.Coefficients[2]:G4} +- {Math.Sqrt(qd.Covariance[2, 2]):G2} " +
                         $"(z = {r.Fit.CurvatureZScore:F2}: {(r.Fit.CurvatureNeeded ? "needed, kept" : "not needed")}; kept when |z| > {BathSizeFit.CurvatureZ})");
        else
            sw.WriteLine("  (the 1/N_b^2 term needs four bath sizes or more: not tested)");
        if (r.PoorFit) sw.WriteLine("  warning: " + GaussianLimitJson.PoorFitText(r));
        var f = r.Fit.Chosen;
        if (double.IsFinite(r.MemoryKernel))
        {
            sw.WriteLine($"  J_inf = {f.Limit:G6} +- {f.LimitStdErr:G3} ({100 * f.LimitStdErr / f.Limit:F3} %)   memory-kernel theory {r.MemoryKernel:G8}   z = {r.ZScore:F2}");
            sw.WriteLine("  " + r.Verdict);
        }
        else
        {
            sw.WriteLine($"  J_inf = {f.Limit:G6} +- {f.LimitStdErr:G3}; memory-kernel theory unavailable at these parameters (no stationary state)");
        }
        var (t, te) = r.Truncation;
        var (rel, rele) = r.RelativeTruncation;
        sw.WriteLine($"  truncation of the order-eps^2 theory at the configured N_b = {p.ConfiguredParticles}: J(N_b) - J_inf = {t:G4} +- {te:G2} " +
                     $"({100 * rel:+0.000;-0.000} % +- {100 * rele:F3} %)");
        return sw.ToString();
    }
}
