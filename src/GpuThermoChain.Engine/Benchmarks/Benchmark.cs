using ILGPU.Runtime.Cuda;
using System.Diagnostics;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Benchmarks;

/// <summary>
/// <c>gtc bench</c>: particle-steps per second of the full model at the paper's parameters for several
/// ensemble sizes (median of repeats; the first launch, which includes the kernel compile, timed apart), and
/// the wall time to a 1 % relative standard error on J at T_L = 5 and T_L = 1000 (T_R = 0), burn-in included.
/// Runs only code the simulator itself runs: the step lives in the Model's <see cref="TimeStep"/>, the ensemble
/// in the Kernels, the steady-state run in <see cref="SteadyStateRunner"/>; nothing here steps a trajectory.
/// </summary>
public static class Benchmark
{
    /// <summary>The temperatures of the time-to-1 % measurement: the paper's T_L = 5 and a hot bath.</summary>
    public static readonly double[] TargetTemperatures = [5.0, 1000.0];

    /// <summary>The paper's parameters (docs/model.md, "The system"): N_b = 40, N = 8, k = 1, zeta = 0.1, T_R = 0, dt = 0.01.</summary>
    public static IReadOnlyList<string> PaperOverrides(double temperatureLeft, int substeps) =>
    [
        "model=full",
        "chain.sites=8",
        "chain.coupling=1",
        "particleBath.particles=40",
        "particleBath.friction=0.1",
        "particleBath.temperature=" + temperatureLeft.ToString("R", CultureInfo.InvariantCulture),
        "langevinBath.temperature=0",
        "numerics.timeStep=0.01",
        "numerics.particleSubsteps=" + substeps.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>A validated config at the paper's parameters with T_L and extra overrides.</summary>
    public static ResolvedConfig PaperConfig(double temperatureLeft, IEnumerable<string>? extra = null)
    {
        var probe = ConfigLoader.Load(null, PaperOverrides(temperatureLeft, 1), checkNumerics: false).Run;
        // The fewest substeps the validator accepts at this T_L (its tau_1 rule).
        int s = (int)ConfigValidator.RequiredSubsteps(probe);
        return ConfigLoader.Load(null, PaperOverrides(temperatureLeft, s).Concat(extra ?? []));
    }

    /// <summary>Runs the whole benchmark on an opened device. <paramref name="log"/> gets one line per stage.</summary>
    public static BenchResult Run(IComputeDevice device, BenchPlan plan, bool quick, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(plan);
        var total = Stopwatch.StartNew();
        var config = PaperConfig(5.0);
        var c = config.Run;
        var coefficients = StepCoefficients.From(c, 0, 0);
        var parameters = new BenchParameters(c.Chain.Sites, c.ParticleBath.Particles, c.Chain.SpringConstant,
            c.ParticleBath.Friction, c.ParticleBath.Temperature, c.LangevinBath.Temperature, c.Numerics.TimeStep,
            c.Numerics.ParticleSubsteps);

        var points = new List<ThroughputPoint>();
        double firstLaunch = double.NaN;
        for (int i = 0; i < plan.EnsembleSizes.Count; i++)
        {
            var (point, first) = Throughput(device, config, coefficients, plan.EnsembleSizes[i], plan.StepsPerRepeat, plan.Repeats);
            if (i == 0) firstLaunch = first;
            points.Add(point);
            log?.Invoke(FormattableString.Invariant(
                $"throughput M = {point.Trajectories}: {point.ParticleStepsPerSecond:E3} particle-steps/s (median of {point.Repeats} x {point.MedianSeconds:F3} s; first launch {first:F3} s)"));
        }
        // The first launch of the first size includes the JIT/kernel compile; the same launch warm costs its median.
        double compile = points.Count > 0 ? Math.Max(0, firstLaunch - points[0].MedianSeconds * plan.StepsPerRepeat / points[0].Steps) : double.NaN;

        // Before the time-to-1 % runs, whose length the budget only bounds: the layout table must not be what a
        // timeout cuts off.
        var (layoutPoints, layoutNotes) = MeasureLayouts(device, plan, config, coefficients, points, log);

        var targets = new List<TimeToTarget>();
        foreach (double tl in TargetTemperatures)
        {
            var t = TimeToOnePercent(device, plan, tl, points, log);
            targets.Add(t);
        }

        // What a run would use at each measured size, beside the measurement (scripts/gpu-check.sh prints both).
        var autoLayouts = points.Select(p => p.Trajectories).Concat(layoutPoints.Select(p => p.Point.Trajectories)).Distinct().Order()
            .Select(m => new AutoLayout(m, device.ChooseLayout(KernelLayoutRule.AutoSetting, m).Name())).ToList();

        string kind = DeviceSpec.Name(device.Kind);
        return new BenchResult(device.Description, kind, BuildInfo.Version,
            DateTimeOffset.UtcNow, quick, parameters, firstLaunch, compile, points, targets, total.Elapsed.TotalSeconds,
            layoutPoints, layoutNotes, device.Shape, autoLayouts);
    }

    /// <summary>
    /// The side-by-side layout table: for each layout of the plan, throughput at each of the plan's layout sizes
    /// (ascending), measured exactly as the main table (the default layout reuses the main table's figure where
    /// it has that size). A layout the device cannot run (the host SIMD engine has none; a warp narrower than G)
    /// is noted and skipped; a layout stops once its next size is predicted, from its last rate, to take its
    /// measured time past <see cref="BenchPlan.LayoutBudgetSeconds"/>.
    /// </summary>
    private static (List<LayoutPoint> Points, List<string> Notes) MeasureLayouts(IComputeDevice device, BenchPlan plan,
        ResolvedConfig config, in StepCoefficients coefficients, IReadOnlyList<ThroughputPoint> main, Action<string>? log)
    {
        var points = new List<LayoutPoint>();
        var notes = new List<string>();
        if (plan.Layouts is not { Count: > 0 } layouts) return (points, notes);
        var sizes = (plan.LayoutSizes ?? plan.EnsembleSizes).Distinct().Order().ToList();
        double perTrajectory = (double)plan.StepsPerRepeat * coefficients.Particles * coefficients.Substeps;
        void Note(string line)
        {
            notes.Add(line);
            log?.Invoke(line);
        }
        foreach (var layout in layouts.Distinct())
        {
            if (!device.HasKernelLayouts && layout != KernelLayout.ThreadPerTrajectory)
            {
                Note($"layout {layout.Name()}: skipped (the cpu device runs the host SIMD engine, which has no kernel layouts)");
                continue;
            }
            double spent = 0, rate = double.NaN;
            foreach (int m in sizes)
            {
                if (layout == KernelLayout.ThreadPerTrajectory && main.FirstOrDefault(p => p.Trajectories == m) is { } known)
                {
                    points.Add(new LayoutPoint(layout.Name(), known, double.NaN));
                    continue;
                }
                double predicted = double.IsFinite(rate) ? (plan.Repeats + 1) * m * perTrajectory / rate : 0;
                if (spent + predicted > plan.LayoutBudgetSeconds)
                {
                    Note(FormattableString.Invariant(
                        $"layout {layout.Name()}: M = {m} and larger skipped (predicted {predicted:F1} s on top of {spent:F1} s exceeds the layout budget of {plan.LayoutBudgetSeconds:F0} s)"));
                    break;
                }
                ThroughputPoint point;
                double first;
                try
                {
                    (point, first) = Throughput(device, config, coefficients, m, plan.StepsPerRepeat, plan.Repeats, layout);
                }
                catch (Exception e) when (e is not OutOfMemoryException && !DeviceMemory.IsOutOfDeviceMemory(e) && e is not CudaException)
                {
                    // One layout that cannot run here (a warp too narrow, a kernel ILGPU cannot compile) must not cost
                    // the rest of the bench: the throughput table and the time-to-1 % runs still come. A CUDA error
                    // is not skipped: a failed launch leaves the context unusable for every later measurement.
                    Note($"layout {layout.Name()}: skipped ({e.GetType().Name}: {e.Message})");
                    break;
                }
                spent += first + point.Seconds.Sum();
                rate = point.ParticleStepsPerSecond;
                // Named for what ran: a layout that falls back here (thread-registers without a kernel for this N_b, an
                // on-chip state over a group's shared memory) is measured as its fallback, and must not be recorded as itself.
                string ran = device.LayoutThatRuns(layout, coefficients, m).Name();
                points.Add(new LayoutPoint(ran, point, first));
                log?.Invoke(FormattableString.Invariant(
                    $"layout {layout.Name()}{(ran == layout.Name() ? "" : $" (runs {ran})")} M = {m}: {point.ParticleStepsPerSecond:E3} particle-steps/s (median of {point.Repeats} x {point.MedianSeconds:F3} s; set-up + first launch {first:F3} s)"));
            }
        }
        return (points, notes);
    }

    /// <summary>
    /// One ensemble size: set-up (allocation, kernel load, the initial draw) timed, one first launch timed apart, then
    /// <paramref name="repeats"/> timed launches of <paramref name="steps"/> steps each, continuing the step
    /// numbering so that no launch repeats noise. Every launch accumulates, as a measurement would.
    /// </summary>
    private static (ThroughputPoint Point, double FirstLaunch) Throughput(
        IComputeDevice device, ResolvedConfig config, in StepCoefficients coefficients, int trajectories, int steps, int repeats,
        KernelLayout layout = KernelLayout.ThreadPerTrajectory)
    {
        var c = config.Run;
        var setup = Stopwatch.StartNew();
        using var ensemble = OpenEnsemble(device, coefficients, trajectories, layout);
        ensemble.Initialize(EnsembleStart.Rest(c.Numerics.Seed, c.ParticleBath.RingLength));
        double setupSeconds = setup.Elapsed.TotalSeconds;

        long step = 0;
        var first = Stopwatch.StartNew();
        ensemble.Advance(step, steps, 0, c.Numerics.StepsPerLaunch);
        double firstLaunch = first.Elapsed.TotalSeconds;
        step += steps;

        var seconds = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            ensemble.Advance(step, steps, 0, c.Numerics.StepsPerLaunch);
            seconds[r] = sw.Elapsed.TotalSeconds;
            step += steps;
        }
        double median = Median(seconds);
        double particleSteps = (double)trajectories * steps * coefficients.Particles * coefficients.Substeps;
        var point = new ThroughputPoint(trajectories, steps, repeats, setupSeconds, seconds, median,
            particleSteps / median, (double)trajectories * steps / median, ensemble.LaunchShape);
        return (point, setupSeconds + firstLaunch);
    }

    /// <summary>
    /// Pilot run (bond estimator), extrapolation of the trajectory-time needed for the target error, choice of
    /// the ensemble size with the smallest predicted wall time (burn-in included), and, where the plan allows and
    /// the prediction fits the budget, the real run.
    /// </summary>
    private static TimeToTarget TimeToOnePercent(IComputeDevice device, BenchPlan plan, double temperatureLeft,
        IReadOnlyList<ThroughputPoint> throughput, Action<string>? log)
    {
        var probe = PaperConfig(temperatureLeft).Run;
        int substeps = probe.Numerics.ParticleSubsteps;
        double dt = probe.Numerics.TimeStep;
        int particles = probe.ParticleBath.Particles;
        // The pilot's cost grows with S: with substeps it runs half the trajectories for half the time (a variance
        // from fewer than ~32 trajectories is too rough to extrapolate from).
        bool costly = substeps > 1;
        int pilotM = Math.Max(Math.Min(32, plan.PilotTrajectories), costly ? plan.PilotTrajectories / 2 : plan.PilotTrajectories);
        double pilotT = costly ? Math.Max(plan.MinimumMeasureTime, plan.PilotMeasureTime / 2) : plan.PilotMeasureTime;
        var pilotConfig = PaperConfig(temperatureLeft, RunShape(pilotM, plan.PilotBurnInTime, pilotT, seed: 1));
        var pilot = Measure(device, pilotConfig, out double theoryMemory);
        log?.Invoke(FormattableString.Invariant(
            $"T_L = {temperatureLeft}: pilot J = {pilot.Current:G5} +- {pilot.StdErr:G3} ({pilot.RelativeError:P1}) from {pilot.Trajectories} x {pilot.MeasureTime:G6} time units, {pilot.WallSeconds:F2} s"));

        // A noisy pilot mean is a poor denominator: beyond 25 % relative error use the memory-kernel theory
        // (within 0.4 % of the full model, docs/model.md, "Memory-kernel theory") for J; the variance always comes from the pilot.
        bool pilotGood = double.IsFinite(pilot.RelativeError) && pilot.RelativeError <= 0.25;
        double current = pilotGood ? Math.Abs(pilot.Current) : Math.Abs(theoryMemory);
        string source = pilotGood ? "pilot" : "memoryKernelTheory";
        double varianceTimesTime = pilot.StdErr * pilot.StdErr * pilot.Trajectories * pilot.MeasureTime;
        double target = plan.TargetRelativeError * current;
        // The pilot's variance is itself uncertain by ~sqrt(2 / M_p) relative; plan for two of those above it so
        // that the run reaches the target rather than landing just beyond it.
        double margin = 1 + 2 * Math.Sqrt(2.0 / pilot.Trajectories);
        double needed = margin * varianceTimesTime / (target * target);

        // Ensemble size with the least predicted wall: (M (burn-in + T) / dt) steps x N_b x S at the measured rate.
        int bestM = 0;
        double bestT = 0, bestWall = double.PositiveInfinity;
        foreach (var point in throughput)
        {
            int m = point.Trajectories;
            double t = Math.Max(plan.MinimumMeasureTime, needed / m);
            double wall = m * (plan.BurnInTime + t) / dt * particles * substeps / point.ParticleStepsPerSecond;
            if (wall < bestWall) (bestM, bestT, bestWall) = (m, t, wall);
        }

        CurrentRun? run = null;
        string? skipped = null;
        if (!plan.RunToTarget)
            skipped = "quick: predicted only";
        else if (bestM == 0 || !double.IsFinite(bestWall))
            skipped = "no throughput figure to predict from";
        else if (bestWall > plan.BudgetSeconds)
            skipped = FormattableString.Invariant($"predicted {bestWall:F0} s exceeds the budget of {plan.BudgetSeconds:F0} s (--budget)");
        else
        {
            // Round T up to whole steps, then run with an independent seed.
            double t = Math.Ceiling(bestT / dt) * dt;
            run = Measure(device, PaperConfig(temperatureLeft, RunShape(bestM, plan.BurnInTime, t, seed: 2)), out _);
            log?.Invoke(FormattableString.Invariant(
                $"T_L = {temperatureLeft}: J = {run.Current:G5} +- {run.StdErr:G3} ({run.RelativeError:P2}) from {run.Trajectories} x {run.MeasureTime:G6} time units in {run.WallSeconds:F2} s (predicted {bestWall:F2} s)"));
        }
        if (skipped is not null)
            log?.Invoke(FormattableString.Invariant(
                $"T_L = {temperatureLeft}: needs {needed:E3} trajectory-time units for {plan.TargetRelativeError:P0}; predicted {bestWall:F1} s with {bestM} trajectories x {bestT:G4}; not run ({skipped})"));

        return new TimeToTarget(temperatureLeft, substeps, SteadyStateRunner.QuotedEstimator(probe), plan.TargetRelativeError, pilot,
            theoryMemory, source, varianceTimesTime, needed, bestM, bestT, bestWall, run, skipped);
    }

    private static string[] RunShape(int trajectories, double burnIn, double measure, ulong seed) =>
    [
        "numerics.trajectories=" + trajectories.ToString(CultureInfo.InvariantCulture),
        "numerics.burnInTime=" + burnIn.ToString("R", CultureInfo.InvariantCulture),
        "numerics.measureTime=" + measure.ToString("R", CultureInfo.InvariantCulture),
        "numerics.seed=" + seed.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>One steady-state run through the simulator's own runner; wall time includes theory, set-up and burn-in.</summary>
    private static CurrentRun Measure(IComputeDevice device, ResolvedConfig config, out double theoryMemoryKernel)
    {
        var sw = Stopwatch.StartNew();
        var r = SteadyStateRunner.Run(config, device);
        double wall = sw.Elapsed.TotalSeconds;
        theoryMemoryKernel = r.Theory.FirstOrDefault(t => t.Name == "memoryKernel")?.Value ?? double.NaN;
        var n = config.Run.Numerics;
        var e = r.Current;
        return new CurrentRun(n.Trajectories, n.BurnInTime, r.MeasuredSteps * n.TimeStep, e.Value, e.StdErr,
            e.StdErr / Math.Abs(e.Value), wall, r.Timing.ParticleStepsPerSecond);
    }

    /// <summary>
    /// The one place the benchmark opens an ensemble: the device's own engine (<see cref="IComputeDevice.CreateEnsemble"/>:
    /// the host SIMD engine for <c>cpu</c>, ILGPU for <c>ilgpu-cpu</c> and GPUs), the same one <see cref="SteadyStateRunner"/> uses
    /// with the default layout; the layout table asks for others.
    /// </summary>
    private static IEnsemble OpenEnsemble(IComputeDevice device, in StepCoefficients coefficients, int trajectories, KernelLayout layout) =>
        device.CreateEnsemble(coefficients, trajectories, trajectoryOffset: 0, layout);

    /// <summary>Median (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var s = values.OrderBy(v => v).ToArray();
        int h = s.Length / 2;
        return s.Length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }
}
