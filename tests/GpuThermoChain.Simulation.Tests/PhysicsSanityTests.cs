using GpuThermoChain.Config;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// Statistical checks of the step's pieces (reference loop; the kernel is the same code). Fixed seeds; each
/// tolerance is |z| &lt; 4, a false alarm of about 6e-5 per check if the code is right.
/// </summary>
public class PhysicsSanityTests
{
    /// <summary>
    /// A free site (no springs) under the right O-step alone: after 20 relaxation times p ~ N(0, m T) exactly
    /// (the OU update is exact), so p^2/m over M independent trajectories has mean T and variance 2 T^2.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OStepGivesEquipartition(bool rightBath)
    {
        const double Mass = 1.5, Temperature = 2.0, Friction = 1.0, Dt = 0.05;
        const int M = 4000, Steps = 600;
        StepCoefficients c = StepCoefficients.Create(
            new StepSystem(ModelKind.Effective, Sites: 1, Mass: Mass, SpringConstant: 0, LeftPinning: 0, RightPinning: 0)
            {
                RightBath = new(Friction: rightBath ? Friction : 0, Temperature: Temperature),
                LeftBath = new(Friction: rightBath ? 0 : Friction, Temperature: Temperature),
            },
            new StepScheme(TimeStep: Dt, ParticleSubsteps: 1), seed: 2024);
        var e = new HostEnsemble(1, 0, c.AccumulatorCount, M);
        ReferenceIntegrator.Advance(e, c, 0, 0, Steps, Steps);

        double meanKinetic = e.P.Average(p => p * p / Mass);
        double z = (meanKinetic - Temperature) / (Temperature * Math.Sqrt(2.0 / M));
        Assert.True(Math.Abs(z) < 4, $"statistical test: <p^2>/m = {meanKinetic}, T = {Temperature}, z = {z}");
    }

    /// <summary>
    /// Heat bookkeeping: with the right bath at T_R = 0 and the left one off every O-step removes energy, so the
    /// accumulated right heat of a moving chain is positive and equals the energy the chain lost, up to the
    /// velocity-Verlet energy error, which for a harmonic chain is bounded by order (omega dt)^2 of the energy:
    /// omega_max^2 = 2.95 here (largest eigenvalue of the stiffness matrix [[k_eff + k, -k], [-k, K + k]] / m with
    /// k_eff = 0.906, K = k = m = 1), dt = 0.01, so 3e-4 of it, which the test allows (measured: 4e-6 of the energy
    /// lost, trajectory 0).
    /// </summary>
    [Fact]
    public void ColdRightBathOnlyRemovesEnergy()
    {
        StepCoefficients c = TestSystems.Effective(sites: 2) with { LeftBath = false };
        HostEnsemble e = TestSystems.RandomStart(c, 4);
        var before = Enumerable.Range(0, 4).Select(t => Energy(e, c, t)).ToArray();
        ReferenceIntegrator.Advance(e, c, 0, 0, 500, 0);
        for (int t = 0; t < 4; t++)
        {
            double heat = e.Accumulators[Accumulators.RightBathHeat * 4 + t];
            Assert.True(heat > 0);
            Assert.True(Math.Abs(heat - (before[t] - Energy(e, c, t))) < 3e-4 * before[t],
                $"trajectory {t}: heat {heat}, energy lost {before[t] - Energy(e, c, t)}");
            Assert.Equal(0.0, e.Accumulators[Accumulators.LeftBathEnergy * 4 + t]);
        }
    }

    /// <summary>The chain's energy, kinetic plus pinning and springs, of trajectory <paramref name="t"/> (two sites).</summary>
    private static double Energy(HostEnsemble e, in StepCoefficients c, int t)
    {
        int m = e.Trajectories;
        double q0 = e.Q[t], q1 = e.Q[m + t], p0 = e.P[t], p1 = e.P[m + t];
        return 0.5 * c.InverseMass * (p0 * p0 + p1 * p1) + 0.5 * c.LeftPinning * q0 * q0 + 0.5 * c.RightPinning * q1 * q1
            + 0.5 * c.SpringConstant * (q0 - q1) * (q0 - q1);
    }

    /// <summary>
    /// eps = 0: particles diffuse freely; after one chain step of S substeps the displacement is N(0, 2 T_L dt / zeta).
    /// Start mid-ring so the 0.28-sigma increments never wrap. Checks mean and variance at |z| &lt; 4
    /// (Var of a sample variance is 2 sigma^4 / n).
    /// </summary>
    [Fact]
    public void FreeParticlesDiffuseWithTheEinsteinVariance()
    {
        const double Temperature = 2.0, Friction = 0.5, Dt = 0.01, L = 25;
        const int M = 500, Particles = 40;
        StepCoefficients c = StepCoefficients.Create(
            new StepSystem(ModelKind.MeanForce, Sites: 1, Mass: 1, SpringConstant: 0, LeftPinning: 0, RightPinning: 0)
            {
                ParticleBath = new(Particles, CouplingStrength: 0, Amplitude: 1, Localisation: 2, RingLength: L, Friction: Friction, Temperature: Temperature),
            },
            new StepScheme(TimeStep: Dt, ParticleSubsteps: 4), seed: 77);
        var e = new HostEnsemble(1, Particles, c.AccumulatorCount, M);
        Array.Fill(e.X, (float)(L / 2));
        ReferenceIntegrator.Advance(e, c, 0, 0, 1, 0);

        double expectedVariance = 2 * Temperature * Dt / Friction;
        double[] dx = e.X.Select(x => x - L / 2).ToArray();
        int n = dx.Length;
        double mean = dx.Average();
        double variance = dx.Sum(d => d * d) / n;
        double zMean = mean / Math.Sqrt(expectedVariance / n);
        double zVariance = (variance - expectedVariance) / (expectedVariance * Math.Sqrt(2.0 / n));
        Assert.True(Math.Abs(zMean) < 4, $"statistical test: mean displacement z = {zMean}");
        Assert.True(Math.Abs(zVariance) < 4, $"statistical test: variance {variance} vs {expectedVariance}, z = {zVariance}");
    }

    /// <summary>The frozen-probe bath force at q = 0 has mean lambda - eps N_b A = 0 (the ring average of F is A).</summary>
    [Fact]
    public void MeanBathForceVanishesAtZeroProbe()
    {
        StepCoefficients c = TestSystems.Full() with { Model = ModelKind.MeanForce };
        const int M = 64;
        HostEnsemble e = TestSystems.RandomStart(c, M);
        Array.Clear(e.Q);
        ReferenceIntegrator.Advance(e, c, 0, 0, 200, 0);
        double[] perTrajectory = Enumerable.Range(0, M).Select(t => e.Accumulators[t] / 200).ToArray();
        double mean = perTrajectory.Average();
        double sd = Math.Sqrt(perTrajectory.Sum(v => (v - mean) * (v - mean)) / (M - 1));
        double z = mean / (sd / Math.Sqrt(M));
        Assert.True(Math.Abs(z) < 4, $"statistical test: mean bath force {mean} +- {sd / Math.Sqrt(M)}, z = {z}");
    }

    [Theory]
    [InlineData(-1e-8f)]
    [InlineData(-25f)]
    [InlineData(24.9999981f)]
    [InlineData(25f)]
    [InlineData(73.3f)]
    [InlineData(-0.7f)]
    public void WrapLandsInsideTheRing(float x)
    {
        float w = TimeStep.Wrap(x, 25f, 1f / 25f);
        Assert.InRange(w, 0f, 25f);
        Assert.True(w < 25f);
        double reduced = ((x % 25.0) + 25.0) % 25.0;
        Assert.True(Math.Abs(w - reduced) < 1e-5 || Math.Abs(Math.Abs(w - reduced) - 25) < 1e-5);
    }

    /// <summary>
    /// The GPU's float floor (<see cref="TimeStep.ShiftFloor"/>) equals MathF.Floor bit for bit on every 4099th float bit pattern (all exponents and
    /// signs, NaNs included) and at the edges of its shift (2^23, halves just below it, -0) and of an earlier form's (2^22).
    /// (All 2^32 patterns were checked once by hand.)
    /// </summary>
    [Fact]
    public void FloorIsMathFFloorExactly()
    {
        float[] edges =
        [
            0f, -0f, 0.5f, -0.5f, 1f, -1f, 1.5f, -1.5f, 2.5f, -2.5f, 0.49999997f, -0.49999997f, 1e-45f, -1e-45f,
            4194303.5f, -4194303.5f, 4194304f, -4194304f, 4194304.5f, -4194304.5f, 8388607.5f, -8388607.5f,
            8388608f, -8388608f, 8388609f, 16777217f, 3e38f, -3e38f, float.PositiveInfinity, float.NegativeInfinity,
            float.NaN, float.Epsilon, -float.Epsilon, 24.999998f, -24.999998f,
        ];
        foreach (float y in edges)
        {
            Assert.Equal(BitConverter.SingleToUInt32Bits(MathF.Floor(y)), BitConverter.SingleToUInt32Bits(TimeStep.ShiftFloor(y)));
        }
        for (ulong bits = 0; bits < (1UL << 32); bits += 4099)
        {
            float y = BitConverter.UInt32BitsToSingle((uint)bits);
            float expected = MathF.Floor(y);
            float got = TimeStep.ShiftFloor(y);
            Assert.True(BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(got) || (float.IsNaN(expected) && float.IsNaN(got)),
                $"Floor({y:R}) = {got:R}, MathF.Floor = {expected:R}");
        }
    }
}
