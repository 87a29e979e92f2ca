using GpuThermoChain.Config;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The step is exactly the documented splitting (the discrete-time theory is written for it): checked against
/// hand-written updates with the noise switched off (zero temperatures), where the step is deterministic.
/// </summary>
public class SchemeTests
{
    private static double Force(double[] q, int j, double k, double k1, double kn)
    {
        int n = q.Length;
        if (n == 1) return -k1 * q[0];
        if (j == 0) return -k1 * q[0] - k * (q[0] - q[1]);
        if (j == n - 1) return -kn * q[j] - k * (q[j] - q[j - 1]);
        return k * (q[j - 1] - 2 * q[j] + q[j + 1]);
    }

    /// <summary>Effective model, N = 3, T = 0: B(dt/2) A(dt/2) O_L O_R A(dt/2) B(dt/2), with the heats of both O-steps.</summary>
    [Fact]
    public void EffectiveStepIsBAOOAB()
    {
        const double m = 1.3, k = 0.7, k1 = 0.9, kn = 1.1, gL = 0.4, gR = 0.6, dt = 0.02;
        StepCoefficients c = StepCoefficients.Create(
            new StepSystem(ModelKind.Effective, Sites: 3, Mass: m, SpringConstant: k, LeftPinning: k1, RightPinning: kn)
            {
                RightBath = new(Friction: gR, Temperature: 0),
                LeftBath = new(Friction: gL, Temperature: 0),
            },
            new StepScheme(TimeStep: dt, ParticleSubsteps: 1), seed: 5);
        var e = new HostEnsemble(3, 0, c.AccumulatorCount, 1);
        double[] q = [0.3, -0.2, 0.5];
        double[] p = [0.1, 0.4, -0.3];
        q.CopyTo(e.Q, 0);
        p.CopyTo(e.P, 0);
        ReferenceIntegrator.Advance(e, c, 0, 0, 1, 0);

        double[] f = [.. Enumerable.Range(0, 3).Select(j => Force(q, j, k, k1, kn))];
        for (int j = 0; j < 3; j++) p[j] += dt / 2 * f[j];
        for (int j = 0; j < 3; j++) q[j] += dt / 2 * p[j] / m;
        double p1 = p[0];
        p[0] *= Math.Exp(-gL * dt / m);
        double leftEnergy = (p[0] * p[0] - p1 * p1) / (2 * m);
        double pN = p[2];
        p[2] *= Math.Exp(-gR * dt / m);
        double rightHeat = (pN * pN - p[2] * p[2]) / (2 * m);
        for (int j = 0; j < 3; j++) q[j] += dt / 2 * p[j] / m;
        f = [.. Enumerable.Range(0, 3).Select(j => Force(q, j, k, k1, kn))];
        for (int j = 0; j < 3; j++) p[j] += dt / 2 * f[j];

        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(q[j], e.Q[j], 14);
            Assert.Equal(p[j], e.P[j], 14);
            Assert.Equal(p[j] * p[j] / m, e.Accumulators[Accumulators.Kinetic + j], 14);
        }
        Assert.Equal(leftEnergy, e.Accumulators[Accumulators.LeftBathEnergy], 15);
        Assert.Equal(rightHeat, e.Accumulators[Accumulators.RightBathHeat], 15);
        double bonds = k / (2 * m) * ((q[0] - q[1]) * (p[0] + p[1]) + (q[1] - q[2]) * (p[1] + p[2])) / 2;
        Assert.Equal(bonds, e.Accumulators[Accumulators.BondCurrent], 15);
    }

    /// <summary>
    /// Full model, one particle, S = 2, T_L = 0: the particle moves in the field of the probe frozen at the
    /// predictor q1mid = q_1 + (dt/2) p_1/m, the impulse is the left-point force times h summed over substeps,
    /// and the left work is I (q_1,new - q_1,old) / dt.
    /// </summary>
    [Fact]
    public void FullStepUsesTheMidpointProbeAndLeftPointForce()
    {
        const double m = 1, k = 1, K = 1, eps = 0.3, A = 1.2, rho = 2, L = 25, zeta = 0.2, dt = 0.05;
        StepCoefficients c = StepCoefficients.Create(
            new StepSystem(ModelKind.Full, Sites: 2, Mass: m, SpringConstant: k, LeftPinning: K, RightPinning: K)
            {
                ParticleBath = new(Particles: 1, CouplingStrength: eps, Amplitude: A, Localisation: rho, RingLength: L, Friction: zeta, Temperature: 0),
            },
            new StepScheme(TimeStep: dt, ParticleSubsteps: 2), seed: 5);
        var e = new HostEnsemble(2, 1, c.AccumulatorCount, 1);
        double[] q = [0.8, -0.1];
        double[] p = [1.5, 0.2];
        q.CopyTo(e.Q, 0);
        p.CopyTo(e.P, 0);
        e.X[0] = 3.0f;
        ReferenceIntegrator.Advance(e, c, 0, 0, 1, 0);

        double q1Mid = q[0] + dt / 2 * p[0] / m;
        double h = dt / 2, lambda = eps * A, impulse = 0, x = 3.0;
        double i0 = StepCoefficients.ScaledBesselI0(rho) * Math.Exp(rho);
        for (int s = 0; s < 2; s++)
        {
            double theta = 2 * Math.PI * x / L;
            double fx = A / i0 * Math.Exp(rho * Math.Cos(theta));
            double dF = -(2 * Math.PI * rho / L) * Math.Sin(theta) * fx;
            impulse += (-eps * fx + lambda) * h;
            x += -(eps * q1Mid / zeta) * dF * h;
        }
        double q1Old = q[0];
        double[] f = [Force(q, 0, k, K, K), Force(q, 1, k, K, K)];
        p[0] += dt / 2 * f[0] + impulse / 2;
        p[1] += dt / 2 * f[1];
        for (int j = 0; j < 2; j++) q[j] += dt * p[j] / m;
        f = [Force(q, 0, k, K, K), Force(q, 1, k, K, K)];
        p[0] += dt / 2 * f[0] + impulse / 2;
        p[1] += dt / 2 * f[1];

        // Float particle arithmetic: positions to ~1e-6 absolute, forces to ~1e-7 relative.
        Assert.Equal(x, e.X[0], 5);
        Assert.True(Math.Abs(impulse - 0.0) > 1e-4, "the test must exercise a non-zero impulse");
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(q[j], e.Q[j], 8);
            Assert.Equal(p[j], e.P[j], 8);
        }
        Assert.Equal(impulse * (q[0] - q1Old) / dt, e.Accumulators[Accumulators.LeftBathEnergy], 8);
    }

    [Fact]
    public void FromMapsTheRunConfig()
    {
        RunConfig Config(ModelKind kind) => new(
            kind,
            new ChainParameters(4, 1.0, 0.5, 1.5),
            new ParticleBathParameters(40, 0.1, 1.0, 2.0, 25.0, 0.1, 5.0),
            new LangevinBathParameters(2.0, 3.0),
            new NumericsParameters(0.01, 3, 10, 100, 64, 0xABCDEF0123456789UL, InitialState.Rest, 500),
            new ProbeParameters(50, 0.1),
            new MeanForceParameters([0.0]));

        StepCoefficients full = StepCoefficients.From(Config(ModelKind.Full), double.NaN, double.NaN);
        Assert.Equal(ModelKind.Full, full.Model);
        Assert.Equal(1.5, full.LeftPinning);
        Assert.Equal(40, full.Particles);
        Assert.Equal(10, full.ParticleGroups);
        Assert.Equal(3, full.Substeps);
        Assert.Equal(0x23456789u, full.SeedLow);
        Assert.Equal(0xABCDEF01u, full.SeedHigh);
        Assert.True(full.RightBath);
        Assert.False(full.LeftBath);
        Assert.Equal(Math.Exp(-0.02), full.RightDecay, 15);
        Assert.Equal(Math.Sqrt((1 - Math.Exp(-0.04)) * 3.0), full.RightNoise, 13);
        Assert.Equal(Config(ModelKind.Full).MeanBathForce, full.MeanBathForce, 15);

        StepCoefficients effective = StepCoefficients.From(Config(ModelKind.Effective), 0.9, 0.05);
        Assert.Equal(ModelKind.Effective, effective.Model);
        Assert.Equal(0.9, effective.LeftPinning);
        Assert.Equal(1.5, effective.RightPinning);
        Assert.Equal(0, effective.Particles);
        Assert.True(effective.LeftBath);
        Assert.Equal(Math.Exp(-0.0005), effective.LeftDecay, 15);
        Assert.Equal(Math.Sqrt((1 - Math.Exp(-0.001)) * 5.0), effective.LeftNoise, 13);

        Assert.False(StepCoefficients.From(Config(ModelKind.Probe), double.NaN, double.NaN).RightBath);
        Assert.Equal(ModelKind.MeanForce, StepCoefficients.From(Config(ModelKind.MeanForce), double.NaN, double.NaN).Model);
        Assert.Throws<ArgumentException>(() => StepCoefficients.From(Config(ModelKind.Full) with
        {
            Numerics = new NumericsParameters(0.01, NoiseStreams.MaxSubsteps, 10, 100, 64, 1, InitialState.Rest, 500),
        }, 0, 0));
    }
}
