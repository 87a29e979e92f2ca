namespace GpuThermoChain.Config;

/// <summary>
/// How the ensemble is run: how many trajectories, the seed their noise is keyed by, how they start, how many steps a
/// launch takes and the GPU kernel layout (config keys numerics.trajectories, numerics.seed, numerics.initialState,
/// numerics.stepsPerLaunch, numerics.kernelLayout). The rest of the strategy is chosen per invocation, not configured:
/// the shard and the checkpoints (the Engine's SteadyStateOptions) and the devices (its DeviceSet).
/// </summary>
public sealed record EnsembleStrategy(int Trajectories, ulong Seed, InitialState InitialState, int StepsPerLaunch, string KernelLayout);
