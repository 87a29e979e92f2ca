namespace GpuThermoChain.Config;

/// <summary>
/// What a run simulates, physics only: the system (<see cref="Model"/>), the chain, its two baths and the model's own
/// experiment (the probe's release, the frozen probe's positions). No time step and no ensemble: the same problem is
/// solved by any <see cref="StepScheme"/> with any <see cref="EnsembleStrategy"/>, and the theory reads only this.
/// </summary>
public sealed record ChainProblem(
    ModelKind Model,
    ChainParameters Chain,
    ParticleBathParameters ParticleBath,
    LangevinBathParameters LangevinBath,
    ProbeParameters Probe,
    MeanForceParameters MeanForce);
