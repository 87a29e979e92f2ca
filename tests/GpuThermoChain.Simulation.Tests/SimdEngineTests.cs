using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Simd;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The host SIMD engine against the shared step, draw for draw. With MathF per lane
/// (<see cref="ScalarLaneMath{TW, TF, TI, TD}"/>) it must reproduce <see cref="ReferenceIntegrator"/> bit for bit: that checks
/// the noise keying, the operation order, the padding and blow-up masks and the reductions, everything but the
/// approximations. With the polynomials it may differ only by their rounding (tolerances derived below), and
/// its heat current must agree statistically with the ILGPU kernel's.
/// </summary>
public class SimdEngineTests(CpuAcceleratorFixture fixture) : IClassFixture<CpuAcceleratorFixture>
{
    public static TheoryData<string> Models => new() { "full", "effective", "meanForce" };

    /// <summary>Every model at every vector width (the widths this CPU lacks run in .NET's software fallback).</summary>
    public static TheoryData<string, SimdWidth> ModelsAndWidths
    {
        get
        {
            var data = new TheoryData<string, SimdWidth>();
            foreach (var model in new[] { "full", "effective", "meanForce" })
                foreach (var width in SimdWidths.All)
                    data.Add(model, width);
            return data;
        }
    }

    private static StepCoefficients Model(string name) => name switch
    {
        "full" => TestSystems.Full(sites: 8, rightTemperature: 0.5),
        "effective" => TestSystems.Effective(rightTemperature: 0.5),
        _ => TestSystems.Full() with { Model = ModelKind.MeanForce },
    };

    /// <summary>37 trajectories: full blocks and a padded one at every width; ids from 100; measured from step 100.</summary>
    [Theory]
    [MemberData(nameof(ModelsAndWidths))]
    public void WithMathFItIsBitIdenticalToTheReference(string model, SimdWidth width)
    {
        var c = Model(model);
        const int M = 37;
        HostEnsemble reference = TestSystems.RandomStart(c, M);
        var engine = new SimdEnsemble(c, M, trajectoryOffset: 100, scalarMath: true, width: width);
        engine.Upload(reference.Q, reference.P, c.Particles > 0 ? reference.X : null);

        engine.Advance(firstStep: 0, steps: 150, firstMeasuredStep: 100, stepsPerLaunch: 64);
        engine.Advance(firstStep: 150, steps: 150, firstMeasuredStep: 100, stepsPerLaunch: 64);
        ReferenceIntegrator.Advance(reference, c, trajectoryOffset: 100, firstStep: 0, steps: 300, firstMeasuredStep: 100);

        Assert.Equal(reference.Q, engine.DownloadQ());
        Assert.Equal(reference.P, engine.DownloadP());
        Assert.Equal(c.Particles > 0 ? reference.X : [], engine.DownloadX());
        Assert.Equal(reference.Accumulators, engine.DownloadAccumulators());
        Assert.Equal(reference.Status, engine.DownloadStatus());
        Assert.Equal(200, engine.MeasuredSteps);
        var sums = engine.ReduceAccumulators();
        var expected = HostReduction.Reduce(reference.Accumulators, c.AccumulatorCount, M, M);
        Assert.Equal(expected.Sum, sums.Sum);
        Assert.Equal(expected.SumOfSquares, sums.SumOfSquares);
    }

    /// <summary>An unstable chain overflows; the engine records the reference's first bad step and freezes the lane.</summary>
    [Fact]
    public void BlowUpIsRecordedWithTheReferenceStep()
    {
        var c = TestSystems.UnstableEffective();
        HostEnsemble reference = TestSystems.RandomStart(c, 20);
        var engine = new SimdEnsemble(c, 20, 0);
        engine.Upload(reference.Q, reference.P, null);
        engine.Advance(0, 2000, 0, 64);
        ReferenceIntegrator.Advance(reference, c, 0, 0, 2000, 0);

        Assert.Equal(reference.Status, engine.DownloadStatus());
        Assert.All(reference.Status, s => Assert.InRange(s, 1, 1999));
        Assert.Equal(reference.Q, engine.DownloadQ());
    }

    /// <summary>
    /// With the polynomials, after 100 steps every value stays close to the reference. Why these tolerances:
    /// the noise words and uniforms are bit-identical, and each exp, log, sin, cos differs from MathF by at most
    /// a few 1e-7 relative (<see cref="LaneMathAccuracyTests"/>), so each substep moves a particle by an amount
    /// that differs by ~1e-7 of the step (~1e-7 of ParticleNoise * 7 &lt; 1e-7 absolute) plus one float rounding
    /// of x (1.9e-6 at L = 25). These differences add up like a random walk over 100 substeps (~2e-5) and are not
    /// amplified much (the drift changes x by eps h rho q sin F ~ 1e-3 per substep). q and p feel them only
    /// through the impulse eps sum F h, a relative ~1e-6 change of a small term: 1e-6 relative to their scale.
    /// The tolerances leave a factor of ~10 over what was measured (x 1e-5, q 2e-7, accumulators 3e-5 relative).
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelsAndWidths))]
    public void WithPolynomialsItTracksTheReference(string model, SimdWidth width)
    {
        var c = Model(model);
        const int M = 48;
        HostEnsemble reference = TestSystems.RandomStart(c, M);
        var engine = new SimdEnsemble(c, M, trajectoryOffset: 7, width: width);
        engine.Upload(reference.Q, reference.P, c.Particles > 0 ? reference.X : null);
        engine.Advance(0, 100, 20, 100);
        ReferenceIntegrator.Advance(reference, c, 7, 0, 100, 20);

        AssertClose(reference.Q, engine.DownloadQ(), 1e-5, "q");
        AssertClose(reference.P, engine.DownloadP(), 1e-5, "p");
        AssertClose(reference.Accumulators, engine.DownloadAccumulators(), 1e-3, "accumulators");
        float[] x = engine.DownloadX();
        for (int i = 0; i < x.Length; i++)
        {
            double d = Math.Abs(x[i] - reference.X[i]);
            Assert.True(Math.Min(d, c.RingLength - d) <= 2e-4, $"x[{i}]: reference {reference.X[i]:R}, engine {x[i]:R}");
        }
    }

    /// <summary>
    /// The heat current (bond form) and right-bath heat of the SIMD engine and of the ILGPU kernel, each from an
    /// independent seed, agree within 4 combined standard errors: the approximations do not bias the physics.
    /// </summary>
    [Fact]
    public void HeatCurrentAgreesWithTheKernelStatistically()
    {
        const int M = 128;
        const int Steps = 4000;
        var simdCoefficients = TestSystems.Full(sites: 4, substeps: 1, seed: 1, rightTemperature: 0);
        var kernelCoefficients = TestSystems.Full(sites: 4, substeps: 1, seed: 2, rightTemperature: 0);
        HostEnsemble start = TestSystems.RandomStart(simdCoefficients, M);

        var simd = new SimdEnsemble(simdCoefficients, M, 0);
        simd.Upload(start.Q, start.P, start.X);
        simd.Advance(0, Steps, 1000, 1000);
        using var kernel = new DeviceEnsemble(fixture.Accelerator, kernelCoefficients, M, 0);
        kernel.Upload(start.Q, start.P, start.X);
        kernel.Advance(0, Steps, 1000, 1000);

        foreach (int slot in new[] { Accumulators.BondCurrent, Accumulators.RightBathHeat })
        {
            var (meanA, errorA) = MeanAndError(simd.ReduceAccumulators(), slot, M);
            var (meanB, errorB) = MeanAndError(kernel.ReduceAccumulators(), slot, M);
            double z = (meanA - meanB) / Math.Sqrt(errorA * errorA + errorB * errorB);
            Assert.True(Math.Abs(z) < 4, $"slot {slot}: SIMD {meanA:E4} +- {errorA:E2}, kernel {meanB:E4} +- {errorB:E2}, z = {z:F2}");
            Assert.True(meanA > 0 && meanA > 3 * errorA, $"slot {slot}: no current resolved ({meanA:E3} +- {errorA:E2})");
        }
    }

    private static (double Mean, double Error) MeanAndError(EnsembleSums sums, int slot, int m)
    {
        double mean = sums.Sum[slot] / m;
        double variance = (sums.SumOfSquares[slot] / m - mean * mean) * m / (m - 1);
        return (mean, Math.Sqrt(variance / m));
    }

    /// <summary>|a - e| &lt;= tolerance * (|e| + mean |e| of the array): relative, with the array's scale as floor.</summary>
    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double floor = expected.Length == 0 ? 0 : expected.Average(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (Math.Abs(expected[i]) + floor),
                $"{what}[{i}]: reference {expected[i]:R}, engine {actual[i]:R}");
        }
    }
}
