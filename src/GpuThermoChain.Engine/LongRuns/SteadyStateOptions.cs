using GpuThermoChain.Engine.Results;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>
/// The long-run controls of a steady-state run: which shard, a checkpoint to resume from, where and how often to
/// save checkpoints, and a stop request (SIGINT/SIGTERM) honoured at the next chunk boundary after saving.
/// </summary>
public sealed record SteadyStateOptions
{
    public static SteadyStateOptions Default { get; } = new();

    /// <summary>The trajectories to run; <see cref="ShardSpec.Whole"/> for all.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.Whole;
    /// <summary>A checkpoint of this run (read and not yet checked) to continue from.</summary>
    public Checkpoint? Resume { get; init; }
    /// <summary>Where to save checkpoints (DIR/checkpoint); null: never save.</summary>
    public string? CheckpointPath { get; init; }
    /// <summary>How often to save; null: only on a stop request.</summary>
    public CheckpointInterval? CheckpointEvery { get; init; }
    /// <summary>Polled after every chunk; true: save a checkpoint and stop with <see cref="RunInterruptedException"/>.</summary>
    public Func<bool>? StopRequested { get; init; }
    /// <summary>
    /// Cancelled at a stop request: ends the current chunk early, at a piece boundary (about a second), after which
    /// <see cref="StopRequested"/> is polled as at every chunk boundary. Default: chunks always run to their end.
    /// </summary>
    public CancellationToken Stop { get; init; }
    /// <summary>
    /// The theory phase's cancellation (a stop request then ends the run with <see cref="RunInterruptedException"/>
    /// before any step) and progress; null for none.
    /// </summary>
    public GpuThermoChain.Theory.TheoryWork? Theory { get; init; }
    /// <summary>Told after every checkpoint saved (steps done, path).</summary>
    public Action<long, string>? CheckpointSaved { get; init; }
    /// <summary>
    /// numerics.burnInTime = auto: stop with <see cref="NotStationaryException"/> (after saving a checkpoint, where there is
    /// a checkpoint path) when the ensemble has not tested stationary by numerics.burnInMaxTime, instead of measuring a
    /// result that would only be marked unsteady.
    /// </summary>
    public bool StopIfUnsteady { get; init; }
    /// <summary>
    /// Trajectories of the time-step bias check run after the measurement (<see cref="Running.BiasCheckRunner"/>, gtc run
    /// --bias-check); null: no check. A stop request during the check ends it with <see cref="OperationCanceledException"/>.
    /// </summary>
    public int? BiasCheckTrajectories { get; init; }
}

/// <summary>
/// The automatic burn-in reached numerics.burnInMaxTime without the ensemble testing stationary, and the run was asked to
/// stop there (<see cref="SteadyStateOptions.StopIfUnsteady"/>). <see cref="CheckpointPath"/> holds the state at the end
/// of the burn-in (null if none was saved): resumed, it measures without repeating the search.
/// </summary>
public sealed class NotStationaryException(BurnInReport report, string? checkpointPath)
    : Exception($"not stationary within numerics.burnInMaxTime = {report.MaxTime}")
{
    public BurnInReport Report { get; } = report;
    public string? CheckpointPath { get; } = checkpointPath;
}

/// <summary>A run stopped on request at a chunk boundary; <see cref="CheckpointPath"/> holds its state (null if none was saved).</summary>
public sealed class RunInterruptedException(long stepsDone, long totalSteps, string? checkpointPath)
    : Exception($"stopped after {stepsDone} of {totalSteps} steps")
{
    public long StepsDone { get; } = stepsDone;
    public long TotalSteps { get; } = totalSteps;
    public string? CheckpointPath { get; } = checkpointPath;
}

/// <summary>
/// A finished steady-state run or shard: the result over its trajectories and what a merge needs from it
/// (per-trajectory accumulators, slot-major [slot * Trajectories + t]; empty for a whole run, which is never merged).
/// </summary>
public sealed record SteadyStateOutcome(
    SteadyStateResult Result,
    ShardSpec Shard,
    int TrajectoryOffset,
    int Trajectories,
    double[] Accumulators)
{
    public ShardFile ToShardFile() => new(RunIdentityOf(Result, Shard), TrajectoryOffset, Trajectories,
        Result.Config.Run.Numerics.Trajectories, Result.MeasuredSteps, Result.Timing.WallSeconds, Result.Device, Accumulators);

    private static RunIdentity RunIdentityOf(SteadyStateResult r, ShardSpec shard) =>
        new(r.Version, RunIdentity.Canonical(r.Config), r.Config.Run.Numerics.Seed, shard);
}
