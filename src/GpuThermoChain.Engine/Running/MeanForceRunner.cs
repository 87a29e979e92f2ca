using System.Diagnostics;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Model;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// The frozen-probe experiment (model = meanForce, the paper's Fig. 2a): for each q of meanForce.positions, particles
/// only with q_1 = q held fixed, burn-in (the uniform start is the equilibrium only at q = 0; the bath relaxes in
/// ~tau_1; with burnInTime = auto until the force tests stationary, <see cref="BurnInSearch"/>), then the time-averaged bath force per trajectory, its mean and standard error across trajectories, and
/// the quasi-static theory (exact quadrature and second order).
/// </summary>
public static class MeanForceRunner
{
    public static MeanForceResult Run(ResolvedConfig resolved, IComputeDevice device, Action<RunProgress>? progress = null)
    {
        var c = resolved.Run;
        if (c.Model != ModelKind.MeanForce)
            throw new ArgumentException($"model {c.Model} is not the meanForce model");
        var positions = c.MeanForce.Positions;
        var theoryInput = TheoryInputs.From(c);
        var plan = StepPlan.From(c.Numerics);
        var coefficients = StepCoefficients.From(c, 0, 0);
        int m = c.Numerics.Trajectories;
        // Position i uses trajectory ids i*M .. i*M + M - 1: the positions' estimates are independent.
        EnsembleSetup.CheckTrajectoryIds((long)positions.Count * m);
        var layout = EnsembleSetup.Layout(device, c, coefficients);
        var clock = Stopwatch.StartNew();
        // With burnInTime = auto the plan holds the longest burn-in allowed: total bounds the progress, and the steps
        // each position actually ran are counted (stepsRun) for the speed.
        long total = plan.TotalSteps * positions.Count;
        long stepsRun = 0;

        var points = new List<MeanForcePoint>();
        long measured = 0;
        for (int i = 0; i < positions.Count; i++)
        {
            double q = positions[i];
            using var ensemble = EnsembleSetup.Create(device, coefficients, c, m, (long)i * m, q, 0, layout);
            long before = stepsRun;
            long stepsDone = 0;
            void AdvanceTo(long to, long firstMeasured, Func<string> phase)
            {
                long from = stepsDone;
                EnsembleSetup.AdvanceChecked(ensemble, from, to - from, firstMeasured, resolved, done =>
                {
                    stepsDone = from + done;
                    progress?.Invoke(new RunProgress($"q = {q:G6} ({i + 1}/{positions.Count}) {phase()}", before + stepsDone, total, clock.Elapsed));
                });
            }
            // burnInTime = auto: the bath around the frozen probe is stationary when its mean force no longer drifts
            // (one estimator, so no agreement to test); each position finds its own burn-in (deep wells relax faster).
            BurnInSearch? search = c.Numerics.AutoBurnIn ? BurnInSearch.ForMeanForce(c, m) : null;
            while (search is { Decided: false })
            {
                var (windowStart, windowEnd) = search.CurrentWindow;
                ensemble.ResetAccumulators();
                AdvanceTo(windowEnd, windowStart, () => search.Phase);
                search.FinishWindow(ensemble.ReduceRowsByGroups(EnsembleRows.Accumulators, search.GroupSizes), ensemble.MeasuredSteps);
            }
            if (search is not null) ensemble.ResetAccumulators();
            var pointPlan = search is not null ? plan.WithBurnIn(search.BurnInSteps) : plan;
            AdvanceTo(pointPlan.TotalSteps, pointPlan.BurnInSteps, () => stepsDone <= pointPlan.BurnInSteps ? "burn-in" : "measure");
            stepsRun += stepsDone;
            var sums = ensemble.ReduceAccumulators();
            measured = ensemble.MeasuredSteps;
            var force = Observables.MeanBathForce.Evaluate(c, sums, m, measured);
            points.Add(new MeanForcePoint(q, force, MeanForce.Exact(theoryInput, q), MeanForce.SecondOrder(theoryInput, q))
            {
                BurnIn = search?.Report(),
            });
        }

        double wall = clock.Elapsed.TotalSeconds;
        var timing = RunTiming.Of(wall, (double)stepsRun * m, coefficients);
        return new MeanForceResult(resolved, points, plan, measured, BathModes.SlowestBathTime(theoryInput), timing,
            device.DescribeWith(layout), BuildInfo.Version);
    }
}
