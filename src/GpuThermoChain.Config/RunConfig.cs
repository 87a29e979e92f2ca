namespace GpuThermoChain.Config;

/// <summary>Which system a run simulates (config key <c>model</c>).</summary>
public enum ModelKind
{
    /// <summary>Chain + overdamped particle bath on site 1 + Langevin bath on site N (docs/model.md, "The system").</summary>
    Full,
    /// <summary>The Markov effective chain: Langevin baths on both ends, k_eff and gamma_L from theory.</summary>
    Effective,
    /// <summary>One free oscillator (N = 1, k = 0, no right bath) released with an initial velocity (Fig. 2b).</summary>
    Probe,
    /// <summary>Particles only, with the probe frozen at fixed positions (Fig. 2a).</summary>
    MeanForce,
}

/// <summary>How the chain starts: at rest, or drawn from the Gaussian stationary state of the theory.</summary>
public enum InitialState { Rest, Theory }

/// <summary>The harmonic chain (config section <c>chain</c>).</summary>
public sealed record ChainParameters(
    int Sites,
    double Mass,
    double CouplingStiffness,
    double PinningStiffness);

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

/// <summary>Integration and ensemble settings (config section <c>numerics</c>).</summary>
public sealed record NumericsParameters(
    double TimeStep,
    int ParticleSubsteps,
    double BurnInTime,
    double MeasureTime,
    int Trajectories,
    ulong Seed,
    InitialState InitialState,
    int StepsPerLaunch);

/// <summary>The probe-relaxation experiment (config section <c>probe</c>).</summary>
public sealed record ProbeParameters(double InitialVelocity, double SampleInterval);

/// <summary>The frozen-probe mean-force experiment (config section <c>meanForce</c>).</summary>
public sealed record MeanForceParameters(IReadOnlyList<double> Positions);

/// <summary>A fully resolved and validated run configuration. Build it with <see cref="ConfigLoader"/>.</summary>
public sealed record RunConfig(
    ModelKind Model,
    ChainParameters Chain,
    ParticleBathParameters ParticleBath,
    LangevinBathParameters LangevinBath,
    NumericsParameters Numerics,
    ProbeParameters Probe,
    MeanForceParameters MeanForce)
{
    /// <summary>lambda = eps A N_b: the constant force that cancels the mean bath force on site 1.</summary>
    public double MeanBathForce => ParticleBath.CouplingStrength * ParticleBath.Amplitude * ParticleBath.Particles;
}
