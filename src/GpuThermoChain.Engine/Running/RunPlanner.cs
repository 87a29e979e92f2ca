using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;

namespace GpuThermoChain.Engine.Running;

/// <summary>What <c>gtc run</c> was asked for, as its options give it, before anything is decided.</summary>
public sealed record RunRequest
{
    /// <summary>How many devices (--device): only the steady-state models split an ensemble over several.</summary>
    public bool SeveralDevices { get; init; }
    /// <summary>Where the run writes (--out, or the resumed run's folder); null: nowhere.</summary>
    public string? Folder { get; init; }
    /// <summary>--checkpoint-every; null: only on a stop request.</summary>
    public CheckpointInterval? CheckpointEvery { get; init; }
    /// <summary>--shard as given, or a resumed run's (<see cref="RunPlanner.Resume"/>); null: the whole run.</summary>
    public ShardSpec? Shard { get; init; }
    /// <summary>Whether the run resumes a checkpoint (--resume).</summary>
    public bool Resumes { get; init; }
    /// <summary>--bias-check.</summary>
    public bool BiasCheck { get; init; }
    /// <summary>--bias-check-trajectories; null: the default size.</summary>
    public int? BiasCheckTrajectories { get; init; }
}

/// <summary>
/// The run <c>gtc run</c> does, decided: the shard (whole when none was asked for), whether the model is a steady-state
/// one (full, effective: checkpoints, shards, several devices, the bias check), and the bias check's trajectories
/// (null: no check).
/// </summary>
public sealed record RunPlan(ShardSpec Shard, bool SteadyState, int? BiasCheckTrajectories);

/// <summary>
/// The decisions <c>gtc run</c> makes before a device opens, in one place: which config and shard a resumed run takes,
/// and which options and refusals apply to which model. The command only unpacks its options, calls these and prints.
/// Every refusal is a <see cref="ConfigException"/> naming the option or parameter (exit 2).
/// </summary>
public static class RunPlanner
{
    /// <summary>
    /// The config and shard a run resumed from <paramref name="checkpoint"/> (read from <paramref name="folder"/>) takes:
    /// refused when the checkpoint was written by another gtc version, with other run parameters than a config or --set
    /// given (<paramref name="given"/>; null when none was), or for another shard than a --shard given
    /// (<see cref="Checkpoint.Mismatch"/>, the one matching policy). The given config where there is one (it may differ
    /// only in result-neutral settings such as numerics.stepsPerLaunch, which it then sets), else the checkpoint's own;
    /// always the checkpoint's shard.
    /// </summary>
    public static (ResolvedConfig Config, ShardSpec Shard) Resume(Checkpoint checkpoint, string folder, ResolvedConfig? given, ShardSpec? shard)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var own = checkpoint.Identity.LoadConfig(Checkpoint.PathIn(folder));
        switch (checkpoint.Mismatch(BuildInfo.Version, given is null ? null : RunIdentity.Canonical(given), shard))
        {
            case { Kind: ResumeMismatchKind.Version }:
                throw new ConfigException("--resume", $"the checkpoint in '{folder}' was written by gtc {checkpoint.Identity.Version}; this is gtc {BuildInfo.Version}. " +
                    "A checkpoint resumes only with the version that wrote it; use that version or start the run afresh.");
            case { Kind: ResumeMismatchKind.Parameters } m:
                throw new ConfigException("--resume", $"the checkpoint in '{folder}' was made with other parameters: " +
                    string.Join(", ", m.Differences) + " (checkpoint vs given). Resume without a config or --set to use the checkpoint's own.");
            case { Kind: ResumeMismatchKind.Shard }:
                throw new ConfigException("--shard", $"the checkpoint in '{folder}' is of shard {checkpoint.Identity.Shard}, not {shard}");
        }
        return (given ?? own, checkpoint.Identity.Shard);
    }

    /// <summary>
    /// Refuses a fresh run into <paramref name="folder"/> that holds another run's checkpoint: it would be overwritten at
    /// the first save and deleted at the end.
    /// </summary>
    public static void CheckFreshFolder(string folder)
    {
        if (File.Exists(Checkpoint.PathIn(folder)))
            throw new ConfigException("--out", $"'{folder}' holds the checkpoint of an unfinished run; resume it with 'gtc run --resume {folder}', or choose another folder");
    }

    /// <summary>
    /// The run <paramref name="request"/> asks for with <paramref name="resolved"/>, or the refusal: checkpoints, resume,
    /// shards and several devices only for models full and effective; checkpoints and shards need a folder; the bias
    /// check only where it applies (<see cref="BiasCheckRunner.CheckApplies"/>) and on the whole run, its size only with
    /// it; a steady-state run's shard must hold trajectories, its theory be computable, its folder have room and its
    /// plan pass <see cref="SteadyStateRunner.Preflight"/>; a probe run's sample interval must fit its step.
    /// </summary>
    public static RunPlan Plan(ResolvedConfig resolved, RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(request);
        var c = resolved.Run;
        bool steadyState = c.Model is ModelKind.Full or ModelKind.Effective;
        if (!steadyState && (request.CheckpointEvery is not null || request.Shard is not null || request.Resumes || request.SeveralDevices))
            throw new ConfigException("model", $"--checkpoint-every, --resume, --shard and several devices are for models full and effective, not {ConfigValidator.ModelName(c.Model)}");
        if (request.Folder is null && request.CheckpointEvery is not null)
            throw new ConfigException("--checkpoint-every", "needs --out (the checkpoint is saved as OUT/checkpoint)");
        if (request.Folder is null && request.Shard is { IsWhole: false })
            throw new ConfigException("--shard", "needs --out (the shard's accumulators are saved as OUT/shard.gtc for gtc merge)");
        var shard = request.Shard ?? ShardSpec.Whole;
        int? biasCheckTrajectories = null;
        if (request.BiasCheck)
        {
            BiasCheckRunner.CheckApplies(c);
            if (!shard.IsWhole)
                throw new ConfigException("--bias-check", "runs on the whole run, not a shard: check the merged run's parameters with an unsharded gtc run --bias-check");
            biasCheckTrajectories = BiasCheckRunner.Size(c, request.BiasCheckTrajectories);
        }
        else if (request.BiasCheckTrajectories is not null)
            throw new ConfigException("--bias-check-trajectories", "sizes the bias check: give --bias-check too");
        if (steadyState)
        {
            shard.CheckNotEmpty(c.Numerics.Trajectories);
            TheoryReachCheck.Check(c); // the run computes the theory (first, or alongside a run from rest): refuse one it cannot compute
            if (request.Folder is not null) FreeSpace.RequireForRun(request.Folder, resolved, shard);
            SteadyStateRunner.Preflight(resolved, shard);
        }
        if (c.Model == ModelKind.Probe)
            ProbeRunner.StepsPerSample(c); // a bad sample interval is refused before the device opens
        return new RunPlan(shard, steadyState, biasCheckTrajectories);
    }
}
