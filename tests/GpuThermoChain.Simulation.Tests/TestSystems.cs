using GpuThermoChain.Config;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>Paper parameters (docs/model.md, "Reference values") and initial states shared by the tests.</summary>
internal static class TestSystems
{
    /// <summary>k_eff at k = 1, zeta = 0.1, T_L = 5 (docs/model.md, "Reference values").</summary>
    public const double EffectivePinning = 0.906007473486;
    /// <summary>gamma_L at the same point (docs/model.md, "Reference values").</summary>
    public const double EffectiveFriction = 0.0258735764352;

    public static StepCoefficients Full(int sites = 4, int particles = 40, int substeps = 2, ulong seed = 0x1234_5678_9ABC_DEF0UL, double rightTemperature = 0.0)
        => StepCoefficients.Create(
            new StepSystem(ModelKind.Full, sites, Mass: 1, SpringConstant: 1, LeftPinning: 1, RightPinning: 1)
            {
                RightBath = new(Friction: 1, Temperature: rightTemperature),
                ParticleBath = new(particles, CouplingStrength: 0.1, Amplitude: 1, Localisation: 2, RingLength: 25, Friction: 0.1, Temperature: 5),
            },
            new StepScheme(TimeStep: 0.01, ParticleSubsteps: substeps), seed);

    public static StepCoefficients Effective(int sites = 4, ulong seed = 0x0F0E_0D0C_0B0A_0908UL, double rightTemperature = 0.0)
        => StepCoefficients.Create(
            new StepSystem(ModelKind.Effective, sites, Mass: 1, SpringConstant: 1, LeftPinning: EffectivePinning, RightPinning: 1)
            {
                RightBath = new(Friction: 1, Temperature: rightTemperature),
                LeftBath = new(Friction: EffectiveFriction, Temperature: 5),
            },
            new StepScheme(TimeStep: 0.01, ParticleSubsteps: 1), seed);

    /// <summary>
    /// An effective chain that blows up: leftPinning 1e4 gives omega dt = 100 * 0.05 = 5 &gt; 2, beyond velocity
    /// Verlet's stability limit, so the state overflows within a few hundred steps (blow-up tests).
    /// </summary>
    public static StepCoefficients UnstableEffective()
        => StepCoefficients.Create(
            new StepSystem(ModelKind.Effective, Sites: 2, Mass: 1, SpringConstant: 1, LeftPinning: 1e4, RightPinning: 1),
            new StepScheme(TimeStep: 0.05, ParticleSubsteps: 1), seed: 1);

    /// <summary>A reproducible non-trivial start: q, p of order 1, particles uniform on the ring.</summary>
    public static HostEnsemble RandomStart(in StepCoefficients c, int trajectories, int seed = 7)
    {
        var e = new HostEnsemble(c.Sites, c.Particles, c.AccumulatorCount, trajectories);
        var random = new Random(seed);
        for (int i = 0; i < e.Q.Length; i++)
        {
            e.Q[i] = random.NextDouble() - 0.5;
            e.P[i] = 2 * random.NextDouble() - 1;
        }
        for (int i = 0; i < e.X.Length; i++)
        {
            e.X[i] = (float)(random.NextDouble() * c.RingLength);
        }
        return e;
    }

    /// <summary>Columns [start, start + count) of a SoA array with <paramref name="m"/> trajectories per row.</summary>
    public static T[] Columns<T>(T[] soa, int m, int start, int count)
    {
        int rows = soa.Length / m;
        var result = new T[rows * count];
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(soa, r * m + start, result, r * count, count);
        }
        return result;
    }

    /// <summary>Two ensembles hold the same state bit for bit: q, p, particles, accumulators and status.</summary>
    public static void AssertSameState(IEnsemble expected, IEnsemble actual)
    {
        Assert.Equal(expected.DownloadQ(), actual.DownloadQ());
        Assert.Equal(expected.DownloadP(), actual.DownloadP());
        Assert.Equal(expected.DownloadX(), actual.DownloadX());
        Assert.Equal(expected.DownloadAccumulators(), actual.DownloadAccumulators());
        Assert.Equal(expected.DownloadStatus(), actual.DownloadStatus());
    }
}
