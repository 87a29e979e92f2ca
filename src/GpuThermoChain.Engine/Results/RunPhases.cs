namespace GpuThermoChain.Engine.Results;

/// <summary>
/// Where a run's wall time went in this session: set-up (ensemble allocation, kernel loads, the initial draw), the
/// advance (the step kernels, synchronised), the blow-up checks between chunks, the reductions (burn-in windows, the
/// final sums, a shard's accumulator download) and checkpoints. The theory is evaluated before the wall clock starts.
/// The advance rate is the kernels' own: a run whose overall rate is close to it spends little on the rest.
/// </summary>
public sealed record RunPhases(double SetUpSeconds, double AdvanceSeconds, double CheckSeconds, double ReductionSeconds,
    double CheckpointSeconds, double AdvanceChainStepsPerSecond, double AdvanceParticleStepsPerSecond);
