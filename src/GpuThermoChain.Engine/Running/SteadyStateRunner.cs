using System.Diagnostics;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// Runs the ensemble to its steady state and measures the heat current (models full and effective):
/// initial state, burn-in, measurement in chunked launches with a blow-up check after each, on-device
/// reduction, then the comparison with theory.
/// </summary>
public static class SteadyStateRunner
{
    /// <summary>
    /// The estimator quoted as "the" current. Effective chain: the left-bath heat, far less noisy there
    /// (model.md section 2). Full model: the bond form averaged over all bonds; the right-bath heat for N = 1.
    /// </summary>
    public static string QuotedEstimator(RunConfig c) =>
        c.Model == ModelKind.Effective ? "leftBath" : c.Chain.Sites > 1 ? "bond" : "rightBath";

    public static SteadyStateResult Run(ResolvedConfig resolved, ComputeDevice device, Action<RunProgress>? progress = null)
    {
        var c = resolved.Run;
        if (c.Model is not (ModelKind.Full or ModelKind.Effective))
            throw new ArgumentException($"model {c.Model} is not a steady-state model");
        var theoryInput = TheoryInputs.From(c);
        // Evaluated before any step: an unstable chain is refused up front, and the effective model needs k_eff, gamma_L.
        var theory = Verifier.Evaluate(theoryInput);
        var plan = StepPlan.From(c.Numerics);
        var coefficients = StepCoefficients.From(c, theory.KEff, theory.GammaL);
        int m = c.Numerics.Trajectories;
        var clock = Stopwatch.StartNew();

        using var ensemble = device.CreateEnsemble(coefficients, m, trajectoryOffset: 0);
        var (q, p) = c.Numerics.InitialState == InitialState.Rest
            ? InitialStates.Rest(c.Chain.Sites, m)
            : InitialStates.Gaussian(c.Model == ModelKind.Effective
                    ? EffectiveChain.Lyapunov(theoryInput).Covariance
                    : MemoryKernel.StationaryChainCovariance(theoryInput),
                c.Chain.Sites, m, 0, c.Numerics.Seed);
        float[]? x = coefficients.Particles > 0
            ? InitialStates.UniformParticles(coefficients.Particles, c.ParticleBath.RingLength, m, 0, c.Numerics.Seed)
            : null;
        ensemble.Upload(q, p, x);
        ensemble.ResetAccumulators();

        long chunk = c.Numerics.StepsPerLaunch;
        for (long done = 0; done < plan.TotalSteps; )
        {
            long steps = Math.Min(chunk, plan.TotalSteps - done);
            ensemble.Advance(done, steps, plan.BurnInSteps, c.Numerics.StepsPerLaunch);
            done += steps;
            CheckFinite(ensemble, done, resolved);
            progress?.Invoke(new RunProgress(done <= plan.BurnInSteps ? "burn-in" : "measure", done, plan.TotalSteps, clock.Elapsed));
        }

        var sums = ensemble.ReduceAccumulators();
        double wall = clock.Elapsed.TotalSeconds;
        long measured = ensemble.MeasuredSteps;
        double perTime = 1.0 / (measured * c.Numerics.TimeStep);
        Estimate Slot(int slot, double scale) => Estimate.FromSums(sums.Sum[slot], sums.SumOfSquares[slot], m, scale);

        var estimators = new Dictionary<string, Estimate>
        {
            ["bond"] = c.Chain.Sites > 1 ? Slot(Accumulators.BondCurrent, 1.0 / measured) : new Estimate(double.NaN, double.NaN),
            ["rightBath"] = Slot(Accumulators.RightBathHeat, perTime),
            ["leftBath"] = Slot(Accumulators.LeftBathEnergy, perTime),
        };
        var profile = Enumerable.Range(0, c.Chain.Sites).Select(j => Slot(Accumulators.Kinetic + j, 1.0 / measured)).ToArray();
        string quoted = QuotedEstimator(c);
        var current = estimators[quoted];

        var theoryValues = new List<TheoryValue>
        {
            new("markov", theory.CurrentMarkov, current.ZScore(theory.CurrentMarkov)),
            new("memoryKernel", theory.CurrentMemoryKernel, current.ZScore(theory.CurrentMemoryKernel)),
            new("closedForm", theory.CurrentClosedForm, current.ZScore(theory.CurrentClosedForm)),
        };
        if (c.Model == ModelKind.Effective)
        {
            // The exact stationary current of the discrete scheme itself: no time-step bias in this comparison.
            var discrete = DiscreteScheme.Stationary(theoryInput, c.Numerics.TimeStep);
            double exact = quoted == "leftBath" ? discrete.LeftBath : discrete.RightBath;
            theoryValues.Insert(0, new TheoryValue("discreteScheme", exact, current.ZScore(exact)));
        }

        long chainSteps = plan.TotalSteps * m;
        var timing = new RunTiming(wall, chainSteps / wall,
            (double)chainSteps * coefficients.Particles * coefficients.Substeps / wall);
        return new SteadyStateResult(resolved, current, quoted, estimators, profile, theoryValues, plan, measured, timing,
            device.Description, BuildInfo.Version);
    }

    /// <summary>Stops the run at the first non-finite trajectory, naming it, its step and the parameters.</summary>
    internal static void CheckFinite(IEnsemble ensemble, long stepsDone, ResolvedConfig resolved)
    {
        var status = ensemble.DownloadStatus();
        for (int t = 0; t < status.Length; t++)
        {
            if (status[t] == TrajectoryStatus.Healthy) continue;
            var c = resolved.Run;
            throw new SimulationBlowUpException(
                $"trajectory {ensemble.TrajectoryOffset + (uint)t} blew up: its state was not finite at the end of step {status[t]} " +
                $"(checked after {stepsDone} steps). Parameters: model={ConfigValidator.ModelName(c.Model)} N={c.Chain.Sites} " +
                $"k={c.Chain.CouplingStiffness} K={c.Chain.PinningStiffness} eps={c.ParticleBath.CouplingStrength} " +
                $"T_L={c.ParticleBath.Temperature} T_R={c.LangevinBath.Temperature} dt={c.Numerics.TimeStep} " +
                $"substeps={c.Numerics.ParticleSubsteps} seed={c.Numerics.Seed}. No result was written.");
        }
    }
}
