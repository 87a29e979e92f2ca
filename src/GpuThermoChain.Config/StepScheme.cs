namespace GpuThermoChain.Config;

/// <summary>
/// How one chain step is taken, the algorithm: the chain's time step dt, the particle substeps S per chain step and the
/// particle scheme (config keys numerics.timeStep, numerics.particleSubsteps, numerics.particleScheme).
/// </summary>
public sealed record StepScheme(double TimeStep, int ParticleSubsteps, ParticleScheme ParticleScheme = ParticleScheme.EulerMaruyama);
