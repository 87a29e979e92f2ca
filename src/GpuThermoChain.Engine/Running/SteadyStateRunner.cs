using System.Diagnostics;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Kernels;
using GpuThermoChain.Simd;
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
    /// <summary>The estimator quoted as "the" current (<see cref="Observables.Quoted"/>).</summary>
    public static string QuotedEstimator(RunConfig c) => Observables.Quoted(c).Name;

    public static SteadyStateResult Run(ResolvedConfig resolved, IComputeDevice device, Action<RunProgress>? progress = null) =>
        Run(resolved, DeviceSet.Single(device), SteadyStateOptions.Default, progress).Result;

    /// <summary>
    /// The checks that need no device and no full theory, so a bad run is refused before a device opens: the step
    /// count against the noise counter, and a stable effective chain (k_eff &gt; 0, stiffness positive definite)
    /// wherever the run needs it: the effective model is that chain, and the full model's default initial state is
    /// the theory's stationary state. The full model itself needs no stable effective chain (the bath's free energy
    /// in q_1 grows at most linearly, so K q_1^2/2 confines the probe at any T_L): started from rest it runs where
    /// the O(eps^2) theories fail, and its result then says the theory is unavailable.
    /// </summary>
    public static void Preflight(ResolvedConfig resolved, ShardSpec? shard = null)
    {
        var c = resolved.Run;
        StepPlan.From(c.Numerics);
        CheckProcessSize(c, shard ?? ShardSpec.Whole);
        CheckBurnInWithShard(c, shard ?? ShardSpec.Whole);
        if (c.Model == ModelKind.Full && c.Numerics.InitialState == InitialState.Rest)
            return;
        try
        {
            EffectiveChainSpec.FromParameters(TheoryInputs.From(c));
        }
        catch (ChainUnstableException e) when (c.Model == ModelKind.Full && e.Parameter == "particleBath.temperature")
        {
            throw NoTheoryToStartFrom($"{e.Parameter}: {e.Message}");
        }
    }

    /// <summary>
    /// Every shard of a run must burn in for the same number of steps (a merge joins their accumulators as one run's), and
    /// an automatic burn-in measured on one shard's trajectories would differ from shard to shard: auto is refused with a
    /// shard. The burn-in an unsharded run found is in its result (burnIn.time), and a run with that number as
    /// numerics.burnInTime is the same run.
    /// </summary>
    public static void CheckBurnInWithShard(RunConfig c, ShardSpec shard)
    {
        if (c.Numerics.AutoBurnIn && !shard.IsWhole)
            throw new ConfigException("numerics.burnInTime",
                $"auto cannot be used with --shard {shard}: each shard would measure its own burn-in from its own trajectories, and " +
                "the shards of one run must share one. Give numerics.burnInTime a number (for instance the burnIn.time that an " +
                "unsharded run, or a smaller one with the same parameters, reports in its result.json)");
    }

    /// <summary>This process's share of the trajectories must fit one process (<see cref="EnsembleSize.CheckProcess"/>).</summary>
    private static void CheckProcessSize(RunConfig c, ShardSpec shard) =>
        EnsembleSize.CheckProcess(c, shard.Range(c.Numerics.Trajectories).Count, shard.IsWhole ? null : shard.ToString());

    private static ConfigException NoTheoryToStartFrom(string why) => new("numerics.initialState",
        $"'theory' starts from the theory's stationary state, which does not exist here ({why.TrimEnd('.')}). The full model itself " +
        "runs: set numerics.initialState=rest, with a burn-in long enough to relax (the result will have no theory to compare with).");

    /// <summary>
    /// The theory for these parameters, or (full model only) null and why not, where the O(eps^2) theories have
    /// no stationary state (k_eff &lt;= 0, or a linear system that does not contract).
    /// </summary>
    public static (TheoryReport? Theory, string? Unavailable) TryTheory(RunConfig c, TheoryWork? work = null)
    {
        try
        {
            return (Verifier.Evaluate(TheoryInputs.From(c), work), null);
        }
        catch (ChainUnstableException e) when (c.Model == ModelKind.Full)
        {
            return (null, $"{e.Parameter}: {e.Message}");
        }
    }

    /// <summary>
    /// The theory of a full-model run from rest, started on another thread (null for any other run, which needs its
    /// theory before the first step, and for parameters beyond the theory's reach, whose refusal must come before the
    /// steps, not after them). It reports no progress, whose lines would interleave with the run's; it cancels with
    /// <paramref name="work"/>.
    /// </summary>
    private static Task<(TheoryReport? Theory, string? Unavailable)>? TheoryAlongside(RunConfig c, TheoryWork? work)
    {
        if (c.Model != ModelKind.Full || c.Numerics.InitialState != InitialState.Rest || !TheoryReach.Within(TheoryInputs.From(c)))
            return null;
        var quiet = new TheoryWork(work?.Cancellation ?? default);
        return Task.Run(() => TryTheory(c, quiet));
    }

    /// <summary>
    /// The run in resumable form: on one or several devices, for all trajectories or one shard, from the initial state
    /// or a checkpoint, saving checkpoints at chunk boundaries and stopping on request (see <see cref="SteadyStateOptions"/>).
    /// Sums are taken in <see cref="HostReduction"/>'s order (every engine's own reduction keeps it; a split ensemble
    /// reduces its downloaded accumulators on the host), so shards merged by <see cref="ShardMerger"/> and runs split
    /// over devices give the same numbers as one run.
    /// </summary>
    public static SteadyStateOutcome Run(ResolvedConfig resolved, DeviceSet devices, SteadyStateOptions options,
        Action<RunProgress>? progress = null)
    {
        var c = resolved.Run;
        if (c.Model is not (ModelKind.Full or ModelKind.Effective))
            throw new ArgumentException($"model {c.Model} is not a steady-state model");
        // The effective model needs k_eff and gamma_L before any step, and a start from the theory its covariance: for
        // those the theory is evaluated first. A full-model run from rest needs it only to compare with at the end, so
        // there it is evaluated on another thread while the ensemble is set up and steps (a stop request cancels it with
        // the run).
        TheoryReport? theory = null;
        string? theoryUnavailable = null;
        var theoryAlongside = TheoryAlongside(c, options.Theory);
        if (theoryAlongside is null)
        {
            try
            {
                (theory, theoryUnavailable) = TryTheory(c, options.Theory);
            }
            catch (OperationCanceledException)
            {
                // A stop request during the theory phase: nothing has been simulated, so there is nothing to save.
                throw new RunInterruptedException(0, StepPlan.From(c.Numerics).TotalSteps, null);
            }
            if (theory is null && c.Numerics.InitialState != InitialState.Rest)
                throw NoTheoryToStartFrom(theoryUnavailable!);
        }
        // For burnInTime = auto this is the longest run allowed (burn-in at the cap): a checkpoint records it as the run's
        // total, and the plan measured with is the same measurement after the burn-in the search decides.
        var fullPlan = StepPlan.From(c.Numerics);
        var coefficients = StepCoefficients.From(c, theory?.KEff ?? double.NaN, theory?.GammaL ?? double.NaN);
        var shard = options.Shard;
        shard.CheckNotEmpty(c.Numerics.Trajectories);
        CheckProcessSize(c, shard);
        CheckBurnInWithShard(c, shard);
        var (first, m) = shard.Range(c.Numerics.Trajectories);
        var identity = RunIdentity.Of(resolved, shard);
        var layouts = ChooseLayouts(resolved, devices, shard, options.Resume);
        string deviceText = devices.DescribeWith(layouts);
        var deviceRecord = options.Resume is { } from ? DeviceRecord.Resumed(from, deviceText) : DeviceRecord.Fresh(deviceText);
        var search = c.Numerics.AutoBurnIn ? BurnInSearch.ForCurrent(c, m) : null;
        var clock = Stopwatch.StartNew();
        var phases = new PhaseClock();

        using var ensemble = phases.Time(RunPhase.SetUp, () => devices.CreateEnsemble(coefficients, m, (uint)first, layouts));
        long done = 0;
        double earlierWall = 0;
        if (options.Resume is { } resume)
        {
            resume.CheckMatches(identity, first, m, fullPlan.TotalSteps, coefficients, options.CheckpointPath ?? "checkpoint");
            if (search is not null)
                search.RestoreState(resume.BurnIn ?? throw new LongRunFileException(
                    $"checkpoint '{options.CheckpointPath ?? "checkpoint"}' has no burn-in search state, which numerics.burnInTime = auto needs"));
            phases.Time(RunPhase.SetUp, () =>
            {
                ensemble.Upload(resume.Q, resume.P, coefficients.Particles > 0 ? resume.X : null);
                ensemble.RestoreAccumulators(resume.Accumulators, resume.MeasuredSteps);
            });
            done = resume.StepsDone;
            earlierWall = resume.WallSeconds;
        }
        else
        {
            // Drawn where the state lives: only the 2N x 2N factor crosses to a device, no array of M trajectories.
            var start = InitialStates.ForRun(c, c.Numerics.InitialState == InitialState.Rest ? null
                : c.Model == ModelKind.Effective ? theory!.MarkovChainCovariance : theory!.MemoryKernelChainCovariance);
            phases.Time(RunPhase.SetUp, () =>
            {
                ensemble.Initialize(start);
                ensemble.ResetAccumulators();
            });
        }

        TimeSpan Elapsed() => TimeSpan.FromSeconds(earlierWall) + clock.Elapsed;
        long lastSavedStep = done;
        var lastSaved = clock.Elapsed;
        void Save() => phases.Time(RunPhase.Checkpoint, () =>
        {
            var cp = Checkpoint.Capture(ensemble, identity, done, fullPlan.TotalSteps, ensemble.MeasuredSteps, Elapsed().TotalSeconds, deviceRecord,
                Checkpoint.LayoutNames(layouts), search?.SaveState());
            cp.Write(options.CheckpointPath!);
            lastSavedStep = done;
            lastSaved = clock.Elapsed;
            options.CheckpointSaved?.Invoke(done, options.CheckpointPath!);
        });

        // Steps [done, to), accumulating from firstMeasured on; progress, stop requests and checkpoints after every chunk
        // but the last (the caller acts at the segment's end: a window to test, or the end of the run).
        void AdvanceTo(long to, long firstMeasured, Func<string> phase, long total)
        {
            long start = done;
            EnsembleSetup.AdvanceChecked(ensemble, start, to - start, firstMeasured, resolved, advanced =>
            {
                done = start + advanced;
                progress?.Invoke(new RunProgress(phase(), done, total, Elapsed()));
                if (done >= to) return;
                if (options.StopRequested?.Invoke() == true)
                {
                    if (options.CheckpointPath is not null) Save();
                    throw new RunInterruptedException(done, total, options.CheckpointPath);
                }
                if (options.CheckpointPath is not null && options.CheckpointEvery is { } every
                    && every.Due(lastSavedStep, done, clock.Elapsed - lastSaved))
                    Save();
            }, options.Stop, advanced => progress?.Invoke(new RunProgress(phase(), start + advanced, total, Elapsed())), phases);
        }

        bool searchedNow = false;
        if (search is { Decided: false })
        {
            // Burn-in by measurement: each window accumulates from its own start (a resumed window keeps the sums its
            // checkpoint holds), is reduced per trajectory group and tested; the measurement starts afresh at the end.
            while (!search.Decided)
            {
                var (windowStart, windowEnd) = search.CurrentWindow;
                if (done == windowStart) ensemble.ResetAccumulators();
                AdvanceTo(windowEnd, windowStart, () => search.Phase, fullPlan.TotalSteps);
                search.FinishWindow(phases.Time(RunPhase.Reduction, () => ensemble.ReduceRowsByGroups(EnsembleRows.Accumulators, search.GroupSizes)),
                    ensemble.MeasuredSteps);
            }
            ensemble.ResetAccumulators();
            searchedNow = true;
        }
        if (search is { Stationary: false } && options.StopIfUnsteady)
        {
            // Saved at the end of the burn-in: resumed with the result kept, it measures without searching again.
            if (searchedNow && options.CheckpointPath is not null) Save();
            throw new NotStationaryException(search.Report(), options.CheckpointPath);
        }
        var plan = search is not null ? fullPlan.WithBurnIn(search.BurnInSteps) : fullPlan;
        AdvanceTo(plan.TotalSteps, plan.BurnInSteps, () => done <= plan.BurnInSteps ? "burn-in" : "measure", plan.TotalSteps);

        // The ensemble reduces on its own device (a GPU sums on the GPU); its fixed block order gives the same bits
        // as HostReduction over the per-trajectory accumulators, which a shard keeps so that a merge reproduces them.
        var sums = phases.Time(RunPhase.Reduction, ensemble.ReduceAccumulators);
        // Only a shard needs its per-trajectory accumulators on the host (for gtc merge).
        double[] accumulators = shard.IsWhole ? [] : phases.Time(RunPhase.Reduction, ensemble.DownloadAccumulators);
        double wall = Elapsed().TotalSeconds;
        // All the run's chain steps against its wall time over every session (a resumed run includes the earlier ones);
        // the phases are this session's.
        long stepsThisSession = plan.TotalSteps - (options.Resume?.StepsDone ?? 0);
        var timing = RunTiming.Of(wall, plan.TotalSteps * (long)m, coefficients) with
        {
            Phases = phases.Phases(stepsThisSession * (double)m, coefficients),
        };
        if (theoryAlongside is not null)
        {
            try
            {
                (theory, theoryUnavailable) = theoryAlongside.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // A stop request after the last step, while the theory was still being evaluated: the steps are all done
                // and their checkpoint (when there is one) resumes straight to the result.
                if (options.CheckpointPath is not null) Save();
                throw new RunInterruptedException(done, plan.TotalSteps, options.CheckpointPath);
            }
        }
        var result = Evaluate(resolved, theory, sums, m, ensemble.MeasuredSteps, plan, timing, deviceRecord.Describe(plan.TotalSteps), BuildInfo.Version,
            theoryUnavailable) with { BurnIn = search?.Report() };
        if (options.BiasCheckTrajectories is { } checkSize)
        {
            try
            {
                result = result with
                {
                    BiasCheck = BiasCheckRunner.Run(resolved, theory, plan, result.Current, result.QuotedEstimator, checkSize,
                        devices.Devices[0], progress, options.Stop),
                };
            }
            catch (OperationCanceledException) when (options.Stop.IsCancellationRequested)
            {
                // A stop request during the check: the run itself is complete and is kept, without the check.
            }
        }
        return new SteadyStateOutcome(result, shard, first, m, accumulators);
    }

    /// <summary>
    /// The kernel layout each device runs this run (or shard) with: numerics.kernelLayout for the trajectories each
    /// device gets (<see cref="KernelLayoutRule"/>), as it runs (<see cref="DeviceSet.LayoutsThatRun"/>: a layout whose
    /// state does not fit the device's shared memory runs, and is recorded as, its fallback). A resumed <c>auto</c> run on the devices its checkpoint was made on
    /// keeps the checkpoint's layouts, so that the resumed steps sum the bath force in the same order as the earlier
    /// ones; an explicit setting, or other devices, choose afresh (the result's device record then names both).
    /// </summary>
    public static IReadOnlyList<KernelLayout> ChooseLayouts(ResolvedConfig resolved, DeviceSet devices, ShardSpec shard, Checkpoint? resume)
    {
        var n = resolved.Run.Numerics;
        int m = shard.Range(n.Trajectories).Count;
        bool auto = string.Equals(n.KernelLayout, KernelLayoutRule.AutoSetting, StringComparison.OrdinalIgnoreCase);
        // Where a launch can keep the state depends on the step's sizes (sites, particles) alone, which the theory's
        // k_eff and gamma_L do not change: placeholders stand in for them here, before the theory is evaluated.
        var sizes = StepCoefficients.From(resolved.Run, 0, 0);
        if (auto && resume is not null && Checkpoint.ParseLayoutNames(resume.KernelLayouts) is { } kept
            && kept.Count == devices.Devices.Count && devices.DescribeWith(kept) == resume.Device)
            return devices.LayoutsThatRun(kept, sizes, m);
        return devices.LayoutsThatRun(devices.ChooseLayouts(n.KernelLayout, m), sizes, m);
    }

    /// <summary>
    /// Estimators, temperature profile and theory comparison from the ensemble sums over <paramref name="m"/>
    /// trajectories (a run's, a shard's, or merged shards').
    /// </summary>
    public static SteadyStateResult Evaluate(ResolvedConfig resolved, TheoryReport? theory, EnsembleSums sums, int m, long measured,
        StepPlan plan, RunTiming timing, string device, string version, string? theoryUnavailable = null)
    {
        var c = resolved.Run;
        var theoryInput = TheoryInputs.From(c);
        if (theory is null && theoryUnavailable is null)
            (theory, theoryUnavailable) = TryTheory(c);
        var estimators = Observables.HeatCurrent.ToDictionary(o => o.Name, o => o.Evaluate(c, sums, m, measured));
        var profiles = Observables.Profiles.ToDictionary(o => o.Name, o => (IReadOnlyList<Estimate>)o.EvaluateProfile(c, sums, m, measured));
        var quoted = Observables.Quoted(c);
        var current = estimators[quoted.Name];

        if (theory is null)
            return new SteadyStateResult(resolved, current, quoted.Name, estimators, profiles, [], plan, measured, timing, device, version,
                theoryUnavailable);
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
            double exact = quoted.DiscreteTheory!.Invoke(discrete);
            theoryValues.Insert(0, new TheoryValue("discreteScheme", exact, current.ZScore(exact)));
        }
        return new SteadyStateResult(resolved, current, quoted.Name, estimators, profiles, theoryValues, plan, measured, timing,
            device, version);
    }

    /// <summary>Stops the run at the first non-finite trajectory, naming it, its step and the parameters.</summary>
    /// <remarks>
    /// The ensemble reduces its status where it lives (<see cref="IEnsemble.FindBlowUps"/>): a device check brings back
    /// a few longs per 256 trajectories, not the status of every trajectory.
    /// </remarks>
    internal static void CheckFinite(IEnsemble ensemble, long stepsDone, ResolvedConfig resolved)
    {
        if (ensemble.FindBlowUps() is { } b)
        {
            var c = resolved.Run;
            string others = b.Count > 1
                ? $" {b.Count} trajectories blew up in all, the earliest at the end of step {b.EarliestStep}."
                : "";
            throw new SimulationBlowUpException(
                $"trajectory {ensemble.TrajectoryOffset + (uint)b.FirstTrajectory} blew up: its state was not finite at the end of step {b.FirstTrajectoryStep} " +
                $"(checked after {stepsDone} steps).{others} Parameters: model={ConfigValidator.ModelName(c.Model)} N={c.Chain.Sites} " +
                $"k={c.Chain.SpringConstant} K={c.Chain.PinningConstant} eps={c.ParticleBath.CouplingStrength} " +
                $"T_L={c.ParticleBath.Temperature} T_R={c.LangevinBath.Temperature} dt={c.Numerics.TimeStep} " +
                $"substeps={c.Numerics.ParticleSubsteps} seed={c.Numerics.Seed}. No result was written.");
        }
    }
}
