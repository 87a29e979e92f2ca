using GpuThermoChain.Config;

namespace GpuThermoChain.Model;

/// <summary>
/// Everything a time step needs, computed once on the host so the kernel does no double transcendentals and
/// no divisions by parameters. A plain blittable struct: it is passed to the ILGPU kernel by value.
/// Build it with <see cref="From"/>.
/// </summary>
public readonly struct StepCoefficients
{
    /// <summary>Dynamics to run: Full, Effective or MeanForce (never Probe, which runs the full step).</summary>
    public ModelKind Model { get; init; }
    /// <summary>How the particles move over a substep; the host turns it into the step's type parameter (<see cref="ParticleSchemeDispatch"/>).</summary>
    public ParticleScheme Scheme { get; init; }
    /// <summary>
    /// 0: the run's own noise. 1: the run at half the step of another, its noise coupled to that run's
    /// (<see cref="StepRefinement"/>; the time-step bias check sets it on coefficients made for dt/2).
    /// </summary>
    public int NoiseRefinement { get; init; }
    /// <summary>N, oscillators.</summary>
    public int Sites { get; init; }
    /// <summary>N_b, bath particles per trajectory (0 for the effective model).</summary>
    public int Particles { get; init; }
    /// <summary>S, particle substeps per chain step.</summary>
    public int Substeps { get; init; }
    /// <summary>ceil(N_b / 4): Philox blocks per particle substep.</summary>
    public int ParticleGroups { get; init; }
    /// <summary>Low word of the run seed (Philox key word 0).</summary>
    public uint SeedLow { get; init; }
    /// <summary>High word of the run seed (Philox key word 1).</summary>
    public uint SeedHigh { get; init; }

    /// <summary>dt, chain time step.</summary>
    public double TimeStep { get; init; }
    /// <summary>1/dt.</summary>
    public double InverseTimeStep { get; init; }
    /// <summary>dt/2.</summary>
    public double HalfTimeStep { get; init; }
    /// <summary>dt/(2m): half-drift factor.</summary>
    public double HalfTimeStepOverMass { get; init; }
    /// <summary>1/m.</summary>
    public double InverseMass { get; init; }
    /// <summary>1/(2m).</summary>
    public double InverseTwoMass { get; init; }
    /// <summary>k, nearest-neighbour spring.</summary>
    public double SpringConstant { get; init; }
    /// <summary>Pinning of site 1: K (full model) or k_eff (effective model). For N = 1 the only pinning.</summary>
    public double LeftPinning { get; init; }
    /// <summary>Pinning of site N (K); unused for N = 1.</summary>
    public double RightPinning { get; init; }
    /// <summary>k / (2 m (N - 1)): bond current factor averaged over the N - 1 bonds (0 for N = 1).</summary>
    public double BondCurrentFactor { get; init; }

    // Flags are stored as int: bool is not blittable, and ILGPU passes this struct to kernels by value.
    private readonly int _rightBath;
    private readonly int _leftBath;

    /// <summary>Whether site N has the Langevin O-step (gamma_R &gt; 0).</summary>
    public bool RightBath { get => _rightBath != 0; init => _rightBath = value ? 1 : 0; }
    /// <summary>c_R = exp(-gamma_R dt / m).</summary>
    public double RightDecay { get; init; }
    /// <summary>sqrt((1 - c_R^2) m T_R).</summary>
    public double RightNoise { get; init; }
    /// <summary>Whether site 1 has the effective model's Langevin O-step (gamma_L &gt; 0).</summary>
    public bool LeftBath { get => _leftBath != 0; init => _leftBath = value ? 1 : 0; }
    /// <summary>c_L = exp(-gamma_L dt / m).</summary>
    public double LeftDecay { get; init; }
    /// <summary>sqrt((1 - c_L^2) m T_L).</summary>
    public double LeftNoise { get; init; }
    /// <summary>(1 - c_L^2) / (2m): the expected energy an O-step on site 1 adds is this times (m T_L - p_old^2).</summary>
    public double LeftHeatFactor { get; init; }
    /// <summary>m T_L, the O-step's equilibrium &lt;p^2&gt; on site 1.</summary>
    public double LeftThermalMomentumSquared { get; init; }

    /// <summary>h = dt / S, particle substep.</summary>
    public double SubstepTime { get; init; }
    /// <summary>eps, coupling strength.</summary>
    public double CouplingStrength { get; init; }
    /// <summary>lambda = eps A N_b, the constant force cancelling the mean bath force.</summary>
    public double MeanBathForce { get; init; }
    /// <summary>a = A e^rho / I0(rho), so F(x) = a exp(rho (cos theta - 1)) never overflows.</summary>
    public float ForceScale { get; init; }
    /// <summary>rho, localisation.</summary>
    public float Localisation { get; init; }
    /// <summary>2 pi / L: theta = x 2 pi / L.</summary>
    public float WaveNumber { get; init; }
    /// <summary>L, ring length.</summary>
    public float RingLength { get; init; }
    /// <summary>1 / L.</summary>
    public float InverseRingLength { get; init; }
    /// <summary>eps h 2 pi rho / (zeta L): the substep drift is this times q_1 sin(theta) F(x).</summary>
    public float DriftFactor { get; init; }
    /// <summary>sqrt(2 T_L h / zeta): standard deviation of the substep noise.</summary>
    public float ParticleNoise { get; init; }

    /// <summary>Accumulators per trajectory for this configuration (<see cref="Accumulators.Count"/>).</summary>
    public int AccumulatorCount => Accumulators.Count(Sites);

    /// <summary>
    /// Coefficients for a validated run configuration: its problem's system (<see cref="StepSystem.Of"/>; the effective
    /// model's <paramref name="effectiveLeftPinning"/> k_eff and <paramref name="effectiveLeftFriction"/> gamma_L come
    /// from the theory library, ignored otherwise), its step scheme and its seed.
    /// </summary>
    public static StepCoefficients From(RunConfig config, double effectiveLeftPinning, double effectiveLeftFriction)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Create(StepSystem.Of(config.Problem, effectiveLeftPinning, effectiveLeftFriction), config.Scheme, config.Ensemble.Seed);
    }

    /// <summary>The step constants of <paramref name="system"/> integrated by <paramref name="scheme"/>, noise keyed by <paramref name="seed"/>.</summary>
    public static StepCoefficients Create(StepSystem system, StepScheme scheme, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(scheme);
        var model = system.Model;
        int sites = system.Sites;
        double mass = system.Mass, springConstant = system.SpringConstant;
        double rightFriction = system.RightBath.Friction, rightTemperature = system.RightBath.Temperature;
        double leftFriction = system.LeftBath.Friction, leftTemperature = system.LeftBath.Temperature;
        double timeStep = scheme.TimeStep;
        int substeps = scheme.ParticleSubsteps;
        // No particle bath: the particle constants are those of an empty bath (ring and localisation unused).
        var bath = system.ParticleBath ?? new ParticleBathParameters(0, 0, 1, 0, 0, 1, 0);
        int particles = bath.Particles;
        double couplingStrength = bath.CouplingStrength, amplitude = bath.Amplitude, localisation = bath.Localisation;
        double ringLength = bath.RingLength, particleFriction = bath.Friction, particleTemperature = bath.Temperature;
        Require(model is ModelKind.Full or ModelKind.Effective or ModelKind.MeanForce, "the step runs the full, effective or meanForce dynamics (the probe is the full one)");
        Require(sites >= 1, "chain.sites must be >= 1");
        Require(mass > 0, "chain.mass must be > 0");
        Require(timeStep > 0 && double.IsFinite(timeStep), "numerics.timeStep must be > 0");
        Require(substeps >= 1 && substeps < NoiseStreams.MaxSubsteps, $"numerics.particleSubsteps must be in [1, {NoiseStreams.MaxSubsteps})");
        Require(Enum.IsDefined(scheme.ParticleScheme), "numerics.particleScheme is not a known scheme");
        Require(rightFriction >= 0 && leftFriction >= 0, "frictions must be >= 0");
        Require(rightTemperature >= 0 && leftTemperature >= 0, "temperatures must be >= 0");
        bool hasParticles = model != ModelKind.Effective && system.ParticleBath is not null;
        if (hasParticles)
        {
            Require(particles >= 0, "particleBath.particles must be >= 0");
            Require(ringLength > 0 && particleFriction > 0, "particleBath ringLength and friction must be > 0");
            Require(localisation >= 0 && localisation <= 50, "particleBath.rho must be in [0, 50]");
            Require(particleTemperature >= 0, "particleBath.temperature must be >= 0");
        }
        else
        {
            particles = 0;
        }

        double h = timeStep / substeps;
        double cR = Math.Exp(-rightFriction * timeStep / mass);
        double cL = Math.Exp(-leftFriction * timeStep / mass);
        return new StepCoefficients
        {
            Model = model,
            Scheme = scheme.ParticleScheme,
            Sites = sites,
            Particles = particles,
            Substeps = substeps,
            ParticleGroups = (particles + 3) / 4,
            SeedLow = (uint)seed,
            SeedHigh = (uint)(seed >> 32),
            TimeStep = timeStep,
            InverseTimeStep = 1.0 / timeStep,
            HalfTimeStep = 0.5 * timeStep,
            HalfTimeStepOverMass = 0.5 * timeStep / mass,
            InverseMass = 1.0 / mass,
            InverseTwoMass = 0.5 / mass,
            SpringConstant = springConstant,
            LeftPinning = system.LeftPinning,
            RightPinning = system.RightPinning,
            BondCurrentFactor = sites > 1 ? springConstant / (2.0 * mass * (sites - 1)) : 0.0,
            RightBath = rightFriction > 0,
            RightDecay = cR,
            RightNoise = Math.Sqrt((1 - cR * cR) * mass * rightTemperature),
            LeftBath = model == ModelKind.Effective && leftFriction > 0,
            LeftDecay = cL,
            LeftNoise = Math.Sqrt((1 - cL * cL) * mass * leftTemperature),
            LeftHeatFactor = (1 - cL * cL) * 0.5 / mass,
            LeftThermalMomentumSquared = mass * leftTemperature,
            SubstepTime = h,
            CouplingStrength = hasParticles ? couplingStrength : 0.0,
            MeanBathForce = hasParticles ? couplingStrength * amplitude * particles : 0.0,
            ForceScale = hasParticles ? (float)(amplitude / ScaledBesselI0(localisation)) : 0f,
            Localisation = (float)localisation,
            WaveNumber = hasParticles ? (float)(2 * Math.PI / ringLength) : 0f,
            RingLength = (float)ringLength,
            InverseRingLength = hasParticles ? (float)(1.0 / ringLength) : 0f,
            DriftFactor = hasParticles ? (float)(couplingStrength * h * 2 * Math.PI * localisation / (particleFriction * ringLength)) : 0f,
            ParticleNoise = hasParticles ? (float)Math.Sqrt(2 * particleTemperature * h / particleFriction) : 0f,
        };
    }

    /// <summary>
    /// e^-x I0(x) by its power series sum_k (x/2)^2k / (k!)^2, scaled at the end; terms stay finite for x &lt;= 50
    /// and the sum converges to double precision. Only the host needs it.
    /// </summary>
    public static double ScaledBesselI0(double x)
    {
        double quarterSquare = 0.25 * x * x;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 500; k++)
        {
            term *= quarterSquare / ((double)k * k);
            sum += term;
            if (term < 1e-17 * sum)
            {
                break;
            }
        }
        return sum * Math.Exp(-x);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
