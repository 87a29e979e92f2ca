using System.Diagnostics;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// The time-step bias check (gtc run --bias-check, <see cref="BiasCheckResult"/>): the first n trajectories of a
/// steady-state run, from the run's initial state, run once at the run's step and once at half the chain step and half
/// the particle substep with refined noise (<see cref="StepRefinement"/>), each with the run's burn-in and measured
/// time; the per-trajectory currents give the paired difference.
/// </summary>
/// <remarks>
/// Both runs are made here, on one engine, rather than the coarse one taken from the run itself: the run may have used
/// the host SIMD engine, which draws its own normals and has no refined step (its vectorised transcendentals also differ
/// from the scalar ones in the last bits, which would put an engine difference into the pairing). The check runs on the
/// run's first device when that is an ILGPU device (a GPU, or ILGPU's CPU accelerator), and on the reference integrator
/// (<see cref="ReferenceIntegrator"/>, one slice of the trajectories per core) for <c>--device cpu</c>.
/// </remarks>
public static class BiasCheckRunner
{
    /// <summary>Trajectories the check uses by default, at most the run's: enough for a paired error well below a run's.</summary>
    public const int DefaultTrajectories = 4096;

    /// <summary>The check's size: <paramref name="requested"/>, or min(M, <see cref="DefaultTrajectories"/>); refuses more than M or fewer than 2.</summary>
    public static int Size(RunConfig c, int? requested)
    {
        int m = c.Numerics.Trajectories;
        int n = requested ?? Math.Min(m, DefaultTrajectories);
        if (n < 2 || n > m)
            throw new ConfigException("--bias-check-trajectories", $"must be between 2 and numerics.trajectories = {m} (the check repeats a subset of the run's trajectories), not {n}");
        return n;
    }

    /// <summary>Refuses the check where it does not apply (before anything runs).</summary>
    public static void CheckApplies(RunConfig c)
    {
        if (c.Model is not (ModelKind.Full or ModelKind.Effective))
            throw new ConfigException("--bias-check", $"the time-step bias check measures the heat current (models full and effective), not model {ConfigValidator.ModelName(c.Model)}");
        var plan = StepPlan.From(c.Numerics);
        // The refined run counts twice the steps under the same 32-bit step key.
        if ((ulong)(2 * plan.TotalSteps) >= NoiseStreams.MaxSteps)
            throw new ConfigException("--bias-check", $"the half-step run needs {2 * plan.TotalSteps} steps, more than the noise key allows ({NoiseStreams.MaxSteps - 1}); shorten numerics.measureTime or the burn-in");
    }

    /// <summary>
    /// The check for a finished run: <paramref name="trajectories"/> trajectories, burn-in and measurement as
    /// <paramref name="plan"/> (the burn-in the run used), the verdict against <paramref name="run"/>'s standard error.
    /// <paramref name="theory"/> is the run's (initial state; k_eff and gamma_L of the effective model).
    /// </summary>
    public static BiasCheckResult Run(ResolvedConfig resolved, TheoryReport? theory, StepPlan plan, Estimate run, string estimator,
        int trajectories, IComputeDevice device, Action<RunProgress>? progress = null, CancellationToken stop = default)
    {
        var c = resolved.Run;
        var clock = Stopwatch.StartNew();
        double dt = c.Numerics.TimeStep;
        var coarse = StepCoefficients.From(c, theory?.KEff ?? double.NaN, theory?.GammaL ?? double.NaN);
        var halfStep = c with { Numerics = c.Numerics with { TimeStep = dt / 2 } };
        var fine = StepCoefficients.From(halfStep, theory?.KEff ?? double.NaN, theory?.GammaL ?? double.NaN) with { NoiseRefinement = 1 };

        var start = StartState(c, theory, trajectories, coarse.Particles);
        var engine = Engine.For(device, c, trajectories);
        long total = 3 * plan.TotalSteps;
        void Progress(string phase, long done) => progress?.Invoke(new RunProgress(phase, done, total, clock.Elapsed));
        double[] coarseSums = engine.Run(coarse, start, plan.BurnInSteps, plan.TotalSteps, resolved,
            done => Progress("bias check: run's step", done), stop);
        double[] fineSums = engine.Run(fine, start, 2 * plan.BurnInSteps, 2 * plan.TotalSteps, resolved,
            done => Progress("bias check: half step", plan.TotalSteps + done), stop);

        var estimators = new List<BiasCheckEstimator>();
        foreach (var (name, slot, perTime) in Slots(c))
        {
            double coarseScale = perTime ? 1.0 / (plan.MeasureSteps * dt) : 1.0 / plan.MeasureSteps;
            double fineScale = perTime ? 1.0 / (2 * plan.MeasureSteps * (dt / 2)) : 1.0 / (2 * plan.MeasureSteps);
            var a = new double[trajectories];
            var b = new double[trajectories];
            var d = new double[trajectories];
            for (int t = 0; t < trajectories; t++)
            {
                a[t] = coarseSums[slot * trajectories + t] * coarseScale;
                b[t] = fineSums[slot * trajectories + t] * fineScale;
                d[t] = b[t] - a[t];
            }
            estimators.Add(new BiasCheckEstimator(name, Mean(a), Mean(b), Mean(d)));
        }
        return new BiasCheckResult(trajectories, estimator, estimators, run, dt, coarse.SubstepTime, plan.TotalSteps,
            engine.Description, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The current estimators as accumulator slots (the bond form needs N &gt; 1); perTime: a summed energy.</summary>
    private static IEnumerable<(string Name, int Slot, bool PerTime)> Slots(RunConfig c)
    {
        if (c.Chain.Sites > 1) yield return ("bond", Accumulators.BondCurrent, false);
        yield return ("rightBath", Accumulators.RightBathHeat, true);
        yield return ("leftBath", Accumulators.LeftBathEnergy, true);
    }

    private static Estimate Mean(double[] v)
    {
        double sum = 0, squares = 0;
        foreach (double x in v)
        {
            sum += x;
            squares += x * x;
        }
        return Estimate.FromSums(sum, squares, v.Length, 1.0);
    }

    /// <summary>The run's initial state of trajectories 0 .. n - 1 (the same draws the run made for them).</summary>
    private static (double[] Q, double[] P, float[]? X) StartState(RunConfig c, TheoryReport? theory, int n, int particles)
    {
        var (q, p) = c.Numerics.InitialState == InitialState.Rest
            ? InitialStates.Rest(c.Chain.Sites, n)
            : InitialStates.Gaussian(c.Model == ModelKind.Effective ? theory!.MarkovChainCovariance : theory!.MemoryKernelChainCovariance,
                c.Chain.Sites, n, 0, c.Numerics.Seed);
        float[]? x = particles > 0 ? InitialStates.UniformParticles(particles, c.ParticleBath.RingLength, n, 0, c.Numerics.Seed) : null;
        return (q, p, x);
    }

    /// <summary>Where the check runs: an ILGPU ensemble, or the reference integrator sliced over the cores.</summary>
    private abstract class Engine
    {
        public abstract string Description { get; }

        /// <summary>
        /// Runs <paramref name="k"/> from <paramref name="start"/> for <paramref name="totalSteps"/> steps, measuring from
        /// <paramref name="burnInSteps"/>; returns the accumulators [slot * n + t].
        /// </summary>
        public abstract double[] Run(in StepCoefficients k, (double[] Q, double[] P, float[]? X) start, long burnInSteps, long totalSteps,
            ResolvedConfig resolved, Action<long> done, CancellationToken stop);

        public static Engine For(IComputeDevice device, RunConfig c, int n) => !device.RunsRefinedSteps
            ? new Reference(n)
            // The layout that runs (a fallback is what the report names); it depends on the step's sizes alone, the same at
            // either step, so the theory's k_eff and gamma_L are placeholders here.
            : new Ilgpu(device, device.LayoutThatRuns(device.ChooseLayout(c.Numerics.KernelLayout, n), StepCoefficients.From(c, 0, 0), n), n);
    }

    private sealed class Ilgpu(IComputeDevice device, KernelLayout layout, int n) : Engine
    {
        public override string Description => device.DescribeWith(layout);

        public override double[] Run(in StepCoefficients k, (double[] Q, double[] P, float[]? X) start, long burnInSteps, long totalSteps,
            ResolvedConfig resolved, Action<long> done, CancellationToken stop)
        {
            using var ensemble = device.CreateEnsemble(k, n, 0, layout);
            ensemble.Upload(start.Q, start.P, start.X);
            ensemble.ResetAccumulators();
            // A stop request ends the current chunk early (AdvanceChecked) and the check at its end, here.
            EnsembleSetup.AdvanceChecked(ensemble, 0, totalSteps, burnInSteps, resolved, advanced =>
            {
                done(advanced);
                stop.ThrowIfCancellationRequested();
            }, stop, done);
            return ensemble.DownloadAccumulators();
        }
    }

    /// <summary>
    /// The reference integrator on one slice of the trajectories per core (each slice keeps its trajectories' noise ids),
    /// advanced in pieces of <see cref="PieceSteps"/> steps for progress, stop requests and the blow-up check.
    /// </summary>
    private sealed class Reference(int n) : Engine
    {
        private const int PieceSteps = 1000;

        public override string Description => $"reference integrator ({Environment.ProcessorCount} threads)";

        public override double[] Run(in StepCoefficients k, (double[] Q, double[] P, float[]? X) start, long burnInSteps, long totalSteps,
            ResolvedConfig resolved, Action<long> done, CancellationToken stop)
        {
            var coefficients = k;
            int slices = Math.Min(n, Environment.ProcessorCount);
            var ensembles = new HostEnsemble[slices];
            var offsets = new int[slices];
            for (int s = 0; s < slices; s++)
            {
                int first = (int)((long)n * s / slices), count = (int)((long)n * (s + 1) / slices) - first;
                offsets[s] = first;
                var e = ensembles[s] = new HostEnsemble(k.Sites, k.Particles, k.AccumulatorCount, count);
                Slice(start.Q, n, first, e.Q, count);
                Slice(start.P, n, first, e.P, count);
                if (start.X is { } x) Slice(x, n, first, e.X, count);
            }
            for (long step = 0; step < totalSteps; step += PieceSteps)
            {
                stop.ThrowIfCancellationRequested();
                int steps = (int)Math.Min(PieceSteps, totalSteps - step);
                long from = step;
                Parallel.For(0, slices, s => ReferenceIntegrator.Advance(ensembles[s], coefficients, (uint)offsets[s], (uint)from, steps, (uint)burnInSteps));
                for (int s = 0; s < slices; s++)
                    for (int t = 0; t < ensembles[s].Trajectories; t++)
                        if (ensembles[s].Status[t] != TrajectoryStatus.Healthy)
                            throw new SimulationBlowUpException($"bias check: trajectory {offsets[s] + t} blew up at step {ensembles[s].Status[t]} " +
                                $"(dt = {k.TimeStep}, substeps = {k.Substeps}). No result was written.");
                done(step + steps);
            }
            var sums = new double[k.AccumulatorCount * n];
            for (int s = 0; s < slices; s++)
            {
                var e = ensembles[s];
                for (int slot = 0; slot < k.AccumulatorCount; slot++)
                    Array.Copy(e.Accumulators, slot * e.Trajectories, sums, slot * n + offsets[s], e.Trajectories);
            }
            return sums;
        }

        private static void Slice<T>(T[] all, int n, int first, T[] slice, int count)
        {
            int rows = slice.Length / count;
            for (int r = 0; r < rows; r++)
                Array.Copy(all, r * n + first, slice, r * count, count);
        }
    }
}
