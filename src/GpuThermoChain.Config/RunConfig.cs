namespace GpuThermoChain.Config;

/// <summary>
/// Which system a run simulates (config key <c>model</c>), and which dynamics a time step runs: the step coefficients
/// hold Full, Effective or MeanForce, never Probe, which runs the full step (N = 1, k = 0, no right bath). The values
/// are fixed because the coefficients pass them to the kernels.
/// </summary>
public enum ModelKind
{
    /// <summary>Chain + overdamped particle bath on site 1 + Langevin bath on site N (docs/model.md, "The system").</summary>
    Full = 0,
    /// <summary>The Markov effective chain: Langevin baths on both ends (gamma_L, T_L, pinning k_eff on site 1), k_eff and gamma_L from theory.</summary>
    Effective = 1,
    /// <summary>Particles only, with the probe frozen at fixed positions (Fig. 2a); the step accumulates the mean bath force.</summary>
    MeanForce = 2,
    /// <summary>One free oscillator (N = 1, k = 0, no right bath) released with an initial velocity (Fig. 2b).</summary>
    Probe = 3,
}

/// <summary>How the chain starts: at rest, or drawn from the Gaussian stationary state of the theory.</summary>
public enum InitialState { Rest, Theory }

/// <summary>The harmonic chain (config section <c>chain</c>).</summary>
public sealed record ChainParameters(
    int Sites,
    double Mass,
    double SpringConstant,
    double PinningConstant);

/// <summary>The overdamped particle bath on site 1 (config section <c>particleBath</c>).</summary>
public sealed record ParticleBathParameters(
    int Particles,
    double CouplingStrength,
    double Amplitude,
    double Localisation,
    double RingLength,
    double Friction,
    double Temperature);

/// <summary>The Langevin bath on site N (config section <c>langevinBath</c>).</summary>
public sealed record LangevinBathParameters(double Friction, double Temperature);

/// <summary>
/// Integration and ensemble settings (config section <c>numerics</c>). <see cref="BurnInTime"/> is NaN for
/// <c>burnInTime = auto</c> (<see cref="AutoBurnIn"/>): the run measures its burn-in, up to <see cref="BurnInMaxTime"/>.
/// </summary>
public sealed record NumericsParameters(
    double TimeStep,
    int ParticleSubsteps,
    double BurnInTime,
    double MeasureTime,
    int Trajectories,
    ulong Seed,
    InitialState InitialState,
    int StepsPerLaunch,
    ParticleScheme ParticleScheme = ParticleScheme.EulerMaruyama,
    string KernelLayout = "auto",
    double BurnInMaxTime = 1280)
{
    /// <summary>burnInTime = auto: grown until the ensemble tests stationary.</summary>
    public bool AutoBurnIn => double.IsNaN(BurnInTime);
}

/// <summary>The probe-relaxation experiment (config section <c>probe</c>).</summary>
public sealed record ProbeParameters(double InitialVelocity, double SampleInterval);

/// <summary>The frozen-probe mean-force experiment (config section <c>meanForce</c>).</summary>
public sealed record MeanForceParameters(IReadOnlyList<double> Positions);

/// <summary>
/// A fully resolved and validated run configuration, as the config file names it. Build it with <see cref="ConfigLoader"/>.
/// It holds three separate things, which <see cref="Problem"/>, <see cref="Scheme"/> and <see cref="Ensemble"/> give
/// apart: the physics, the step algorithm, and the ensemble strategy. The numerics section mixes the last two with the
/// measurement's length (burn-in and measured time).
/// </summary>
public sealed record RunConfig(
    ModelKind Model,
    ChainParameters Chain,
    ParticleBathParameters ParticleBath,
    LangevinBathParameters LangevinBath,
    NumericsParameters Numerics,
    ProbeParameters Probe,
    MeanForceParameters MeanForce)
{
    /// <summary>The physics: model, chain, baths and the model's experiment.</summary>
    public ChainProblem Problem => new(Model, Chain, ParticleBath, LangevinBath, Probe, MeanForce);

    /// <summary>The step algorithm: dt, particle substeps, particle scheme.</summary>
    public StepScheme Scheme => new(Numerics.TimeStep, Numerics.ParticleSubsteps, Numerics.ParticleScheme);

    /// <summary>The ensemble strategy's configured part: trajectories, seed, initial state, launch size, kernel layout.</summary>
    public EnsembleStrategy Ensemble =>
        new(Numerics.Trajectories, Numerics.Seed, Numerics.InitialState, Numerics.StepsPerLaunch, Numerics.KernelLayout);

    /// <summary>lambda = eps A N_b: the constant force that cancels the mean bath force on site 1.</summary>
    public double MeanBathForce => ParticleBath.CouplingStrength * ParticleBath.Amplitude * ParticleBath.Particles;
}
