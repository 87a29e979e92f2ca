using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Simd;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The Leimkuhler-Matthews particle step: its noise is the mean of this and the next substep's keyed normals (checked
/// by hand where the drift vanishes), and every engine runs it from the one <see cref="ParticleMove"/>, so the ILGPU
/// kernels and the SIMD engine with MathF lanes reproduce the reference loop bit for bit, across launch boundaries
/// too (the next normal is drawn again from its key, never carried).
/// </summary>
public class ParticleSchemeTests(WideWarpCpuFixture fixture) : IClassFixture<WideWarpCpuFixture>
{
    private static StepCoefficients Lm(ModelKind model) =>
        TestSystems.Full(sites: 4, rightTemperature: 0.5) with { Model = model, Scheme = ParticleScheme.LeimkuhlerMatthews };

    public static TheoryData<ParticleScheme> Schemes => new() { ParticleScheme.EulerMaruyama, ParticleScheme.LeimkuhlerMatthews };

    /// <summary>
    /// MeanForce model with the probe at q = 0: the drift is exactly 0, so one step of S = 2 substeps moves each
    /// particle by sigma times (Euler-Maruyama) its own normal, or (Leimkuhler-Matthews) the mean of its normal and the
    /// next substep's: substep 1 of step 0, then substep 0 of step 1.
    /// </summary>
    [Theory]
    [MemberData(nameof(Schemes))]
    public void TheNoiseIsTheSchemesCombinationOfKeyedNormals(ParticleScheme scheme)
    {
        var c = TestSystems.Full(particles: 6, substeps: 2) with { Model = ModelKind.MeanForce, Scheme = scheme };
        const uint Trajectory = 5, Step = 3;
        var e = TestSystems.RandomStart(c, 1);
        e.Q[0] = 0.0;
        float[] x = [.. e.X];
        ReferenceIntegrator.Advance(e, c, Trajectory, Step, 1, 0);

        float Normal(uint step, uint substep, int particle) =>
            NoiseStreams.Normals(c.SeedLow, c.SeedHigh, Trajectory, step, NoiseStreams.ParticleBath, substep, (uint)(particle / 4)).Get(particle % 4);
        for (int i = 0; i < c.Particles; i++)
        {
            float expected = x[i];
            (uint Step, uint Substep)[] keys = [(Step, 0), (Step, 1), (Step + 1, 0)];
            for (int substep = 0; substep < 2; substep++)
            {
                float current = Normal(keys[substep].Step, keys[substep].Substep, i);
                float next = Normal(keys[substep + 1].Step, keys[substep + 1].Substep, i);
                float noise = scheme == ParticleScheme.EulerMaruyama ? current : 0.5f * (current + next);
                expected = TimeStep.Wrap(expected + c.ParticleNoise * noise, c.RingLength, c.InverseRingLength);
            }
            Assert.Equal(expected, e.X[i]);
        }
    }

    /// <summary>Both schemes draw the same normals but combine them differently: the trajectories differ.</summary>
    [Fact]
    public void LeimkuhlerMatthewsIsNotEulerMaruyama()
    {
        var em = TestSystems.Full();
        var lm = em with { Scheme = ParticleScheme.LeimkuhlerMatthews };
        var a = TestSystems.RandomStart(em, 2);
        var b = TestSystems.RandomStart(lm, 2);
        ReferenceIntegrator.Advance(a, em, 0, 0, 10, 0);
        ReferenceIntegrator.Advance(b, lm, 0, 0, 10, 0);
        Assert.NotEqual(a.X, b.X);
        Assert.NotEqual(a.Q, b.Q);
    }

    /// <summary>
    /// The thread-per-trajectory kernel against the reference, full and meanForce models, in launches of 70 steps
    /// (a launch's last substep reads the normal of the next launch's first): bit-identical, as for Euler-Maruyama
    /// (KernelVsReferenceTests).
    /// </summary>
    [Theory]
    [InlineData(ModelKind.Full)]
    [InlineData(ModelKind.MeanForce)]
    public void KernelIsBitIdenticalToTheReference(ModelKind model)
    {
        var c = Lm(model);
        const int M = 3;
        var reference = TestSystems.RandomStart(c, M);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, M, trajectoryOffset: 100);
        device.Upload(reference.Q, reference.P, reference.X);

        device.Advance(firstStep: 0, steps: 210, firstMeasuredStep: 50, stepsPerLaunch: 70);
        ReferenceIntegrator.Advance(reference, c, trajectoryOffset: 100, firstStep: 0, steps: 210, firstMeasuredStep: 50);

        Assert.Equal(reference.X, device.DownloadX());
        Assert.Equal(reference.Q, device.DownloadQ());
        Assert.Equal(reference.P, device.DownloadP());
        Assert.Equal(reference.Accumulators, device.DownloadAccumulators());
        Assert.Contains(reference.Accumulators, v => v != 0);
    }

    /// <summary>
    /// The lanes layout, meanForce model: the particles (which the layout splits over 8 lanes) are bit-identical to the
    /// reference's; the force sums differ only by their order (LaneLayoutTests), so the accumulators are compared there.
    /// </summary>
    [Fact]
    public void LanesKernelMovesTheParticlesBitIdentically()
    {
        var c = Lm(ModelKind.MeanForce);
        const int M = 3;
        var reference = TestSystems.RandomStart(c, M);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, M, 100, KernelLayout.LanesPerTrajectory8);
        device.Upload(reference.Q, reference.P, reference.X);

        device.Advance(0, 120, 20, 40);
        ReferenceIntegrator.Advance(reference, c, 100, 0, 120, 20);

        Assert.Equal(reference.X, device.DownloadX());
    }

    /// <summary>The full and meanForce models at every vector width of the SIMD engine.</summary>
    public static TheoryData<ModelKind, SimdWidth> SimdModelsAndWidths
    {
        get
        {
            var data = new TheoryData<ModelKind, SimdWidth>();
            foreach (var model in new[] { ModelKind.Full, ModelKind.MeanForce })
                foreach (var width in SimdWidths.All)
                    data.Add(model, width);
            return data;
        }
    }

    /// <summary>
    /// The SIMD engine with MathF lanes (ScalarLaneMath), 37 trajectories (a padded block), two calls split
    /// at step 150: bit-identical to the reference for the full and meanForce models.
    /// </summary>
    [Theory]
    [MemberData(nameof(SimdModelsAndWidths))]
    public void SimdEngineIsBitIdenticalToTheReference(ModelKind model, SimdWidth width)
    {
        var c = Lm(model);
        const int M = 37;
        var reference = TestSystems.RandomStart(c, M);
        var engine = new SimdEnsemble(c, M, trajectoryOffset: 100, scalarMath: true, width: width);
        engine.Upload(reference.Q, reference.P, reference.X);

        engine.Advance(firstStep: 0, steps: 150, firstMeasuredStep: 100, stepsPerLaunch: 64);
        engine.Advance(firstStep: 150, steps: 150, firstMeasuredStep: 100, stepsPerLaunch: 64);
        ReferenceIntegrator.Advance(reference, c, trajectoryOffset: 100, firstStep: 0, steps: 300, firstMeasuredStep: 100);

        Assert.Equal(reference.X, engine.DownloadX());
        Assert.Equal(reference.Q, engine.DownloadQ());
        Assert.Equal(reference.P, engine.DownloadP());
        Assert.Equal(reference.Accumulators, engine.DownloadAccumulators());
    }

    /// <summary>The config value selects the scheme the step coefficients carry; both names round-trip.</summary>
    [Theory]
    [InlineData("eulerMaruyama", ParticleScheme.EulerMaruyama)]
    [InlineData("leimkuhlerMatthews", ParticleScheme.LeimkuhlerMatthews)]
    public void TheConfigChoosesTheScheme(string name, ParticleScheme scheme)
    {
        var run = ConfigLoader.Load(null, ["numerics.particleScheme=" + name, "numerics.particleSubsteps=8"]).Run;
        Assert.Equal(scheme, run.Numerics.ParticleScheme);
        Assert.Equal(scheme, StepCoefficients.From(run, 0, 0).Scheme);
        Assert.Equal(name, ParticleSchemes.Name(scheme));
    }
}
