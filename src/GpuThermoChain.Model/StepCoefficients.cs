using GpuThermoChain.Config;

namespace GpuThermoChain.Model;

/// <summary>Which dynamics <see cref="TimeStep.Advance{TState}"/> runs.</summary>
public enum StepModel
{
    /// <summary>Chain + particle bath on site 1 + Langevin bath on site N (also the Fig. 2b probe).</summary>
    Full = 0,
    /// <summary>Markov effective chain: Langevin baths on site 1 (gamma_L, T_L, pinning k_eff) and site N.</summary>
    Effective = 1,
    /// <summary>Particles only, probe frozen at q_1 (Fig. 2a); accumulates the mean bath force.</summary>
    MeanForce = 2,
}

/// <summary>
/// Everything a time step needs, computed once on the host so the kernel does no double transcendentals and
/// no divisions by parameters. A plain blittable struct: it is passed to the ILGPU kernel by value.
/// Build it with <see cref="From"/>.
/// </summary>
public readonly struct StepCoefficients
{
    /// <summary>Dynamics to run.</summary>
    public StepModel Model { get; init; }
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
    public double CouplingStiffness { get; init; }
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
    /// Coefficients for a validated run configuration. Full and Probe run <see cref="StepModel.Full"/> (Probe
    /// without the right bath); Effective uses <paramref name="effectiveLeftPinning"/> (k_eff) and
    /// <paramref name="effectiveLeftFriction"/> (gamma_L) from the theory library, ignored otherwise.
    /// </summary>
    public static StepCoefficients From(RunConfig config, double effectiveLeftPinning, double effectiveLeftFriction)
    {
        ArgumentNullException.ThrowIfNull(config);
        var chain = config.Chain;
        var bath = config.ParticleBath;
        var right = config.LangevinBath;
        var numerics = config.Numerics;
        StepModel model = config.Model switch
        {
            ModelKind.Effective => StepModel.Effective,
            ModelKind.MeanForce => StepModel.MeanForce,
            _ => StepModel.Full,
        };
        double rightFriction = config.Model == ModelKind.Probe ? 0.0 : right.Friction;
        double leftFriction = model == StepModel.Effective ? effectiveLeftFriction : 0.0;
        double leftPinning = model == StepModel.Effective ? effectiveLeftPinning : chain.PinningStiffness;
        return Create(
            model, chain.Sites, chain.Mass, chain.CouplingStiffness, leftPinning, chain.PinningStiffness,
            rightFriction, right.Temperature, leftFriction, bath.Temperature,
            model == StepModel.Effective ? 0 : bath.Particles, bath.CouplingStrength, bath.Amplitude,
            bath.Localisation, bath.RingLength, bath.Friction, bath.Temperature,
            numerics.TimeStep, numerics.ParticleSubsteps, numerics.Seed, numerics.ParticleScheme);
    }

    /// <summary>
    /// Coefficients from explicit physical parameters (what <see cref="From"/> uses; tests call it directly).
    /// A friction of 0 switches that Langevin bath off.
    /// </summary>
    public static StepCoefficients Create(
        StepModel model, int sites, double mass, double couplingStiffness, double leftPinning, double rightPinning,
        double rightFriction, double rightTemperature, double leftFriction, double leftTemperature,
        int particles, double couplingStrength, double amplitude, double localisation, double ringLength,
        double particleFriction, double particleTemperature, double timeStep, int substeps, ulong seed,
        ParticleScheme scheme = ParticleScheme.EulerMaruyama)
    {
        Require(sites >= 1, "chain.sites must be >= 1");
        Require(mass > 0, "chain.mass must be > 0");
        Require(timeStep > 0 && double.IsFinite(timeStep), "numerics.timeStep must be > 0");
        Require(substeps >= 1 && substeps < NoiseStreams.MaxSubsteps, $"numerics.particleSubsteps must be in [1, {NoiseStreams.MaxSubsteps})");
        Require(Enum.IsDefined(scheme), "numerics.particleScheme is not a known scheme");
        Require(rightFriction >= 0 && leftFriction >= 0, "frictions must be >= 0");
        Require(rightTemperature >= 0 && leftTemperature >= 0, "temperatures must be >= 0");
        bool hasParticles = model != StepModel.Effective;
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
            Scheme = scheme,
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
            CouplingStiffness = couplingStiffness,
            LeftPinning = leftPinning,
            RightPinning = rightPinning,
            BondCurrentFactor = sites > 1 ? couplingStiffness / (2.0 * mass * (sites - 1)) : 0.0,
            RightBath = rightFriction > 0,
            RightDecay = cR,
            RightNoise = Math.Sqrt((1 - cR * cR) * mass * rightTemperature),
            LeftBath = model == StepModel.Effective && leftFriction > 0,
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
