using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The refined noise of the time-step bias check (<see cref="StepRefinement"/>): unrefined it is the keyed normal bit for
/// bit; refined, the two fine normals of a coarse draw add up to sqrt(2) times it, are standard normal and independent;
/// the refined step runs the same on the ILGPU kernel as on the reference, and compiles for a GPU.
/// </summary>
public class StepRefinementTests(CpuAcceleratorFixture fixture) : IClassFixture<CpuAcceleratorFixture>
{
    private const uint SeedLow = 0x9E3779B9, SeedHigh = 0x7F4A7C15;

    [Fact]
    public void UnrefinedNormalsAreTheKeyedNormals()
    {
        for (uint step = 0; step < 50; step++)
            for (uint substep = 0; substep < 3; substep++)
            {
                var keyed = NoiseStreams.Normals(SeedLow, SeedHigh, 17, step, NoiseStreams.ParticleBath, substep, step % 5);
                var drawn = StepRefinement.Normals(SeedLow, SeedHigh, false, 3, 17, step, NoiseStreams.ParticleBath, substep, step % 5);
                for (int index = 0; index < 4; index++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(keyed.Get(index)), BitConverter.SingleToInt32Bits(drawn.Get(index)));
            }
    }

    /// <summary>
    /// Every coarse draw (step k, substep u) is split into the fine draws at global fine substeps 2u and 2u + 1 of fine
    /// steps 2k and 2k + 1 (g' = (k' mod 2) S + s): their sum is sqrt(2) xi, to float rounding (the two products by
    /// 1/sqrt(2) and the sum: a few ulp of |xi| + |eta|). Particles with S = 3 (so a coarse substep's pair straddles
    /// the two fine steps) and the once-per-step O-step draw (S = 1).
    /// </summary>
    [Theory]
    [InlineData(3, NoiseStreams.ParticleBath)]
    [InlineData(1, NoiseStreams.RightLangevinBath)]
    public void FineNormalsAddUpToTheCoarseNormal(int substeps, uint purpose)
    {
        for (uint k = 0; k < 40; k++)
            for (uint u = 0; u < (uint)substeps; u++)
            {
                var xi = NoiseStreams.Normals(SeedLow, SeedHigh, 5, k, purpose, u, 2);
                var eta = NoiseStreams.Normals(SeedLow, SeedHigh, 5, k, NoiseStreams.Bridge(purpose), u, 2);
                var pair = new List<Normal4>();
                for (uint g = 2 * u; g < 2 * u + 2; g++)
                {
                    uint fineStep = 2 * k + g / (uint)substeps, fineSubstep = g % (uint)substeps;
                    pair.Add(StepRefinement.Normals(SeedLow, SeedHigh, true, substeps, 5, fineStep, purpose, fineSubstep, 2));
                }
                for (int index = 0; index < 4; index++)
                {
                    float sum = pair[0].Get(index) + pair[1].Get(index);
                    double expected = Math.Sqrt(2) * xi.Get(index);
                    double rounding = 4 * 6e-8 * (Math.Abs(xi.Get(index)) + Math.Abs(eta.Get(index)));
                    Assert.True(Math.Abs(sum - expected) <= rounding, $"k {k} u {u} index {index}: {sum:R} vs sqrt(2) xi = {expected:R}");
                    Assert.NotEqual(pair[0].Get(index), pair[1].Get(index));
                }
            }
    }

    /// <summary>
    /// The fine normals are standard normal and the two of a pair uncorrelated: over 2^16 pairs (fixed key) the mean,
    /// the variance - 1 and the pair correlation each within 4 standard errors of zero (1/sqrt(n), sqrt(2/n), 1/sqrt(n)).
    /// </summary>
    [Fact]
    public void FineNormalsAreIndependentStandardNormals()
    {
        const int Pairs = 1 << 16;
        double sum = 0, squares = 0, products = 0;
        int n = 0;
        for (uint k = 0; n < 4 * Pairs; k++)
        {
            var a = StepRefinement.Normals(SeedLow, SeedHigh, true, 1, 3, 2 * k, NoiseStreams.ParticleBath, 0, 0);
            var b = StepRefinement.Normals(SeedLow, SeedHigh, true, 1, 3, 2 * k + 1, NoiseStreams.ParticleBath, 0, 0);
            for (int index = 0; index < 4; index++)
            {
                double x = a.Get(index), y = b.Get(index);
                sum += x + y;
                squares += x * x + y * y;
                products += x * y;
                n++;
            }
        }
        double count = 2.0 * n;
        double mean = sum / count, variance = squares / count - mean * mean, correlation = products / n;
        Assert.True(Math.Abs(mean) < 4 / Math.Sqrt(count), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 4 * Math.Sqrt(2 / count), $"variance {variance}");
        Assert.True(Math.Abs(correlation) < 4 / Math.Sqrt(n), $"pair correlation {correlation}");
    }

    /// <summary>
    /// The refined step (both particle schemes, and the O-step on site N) on ILGPU's CPU accelerator against the
    /// reference: bit for bit, as the unrefined step; and refinement does change the trajectories.
    /// </summary>
    [Theory]
    [InlineData(ParticleScheme.EulerMaruyama)]
    [InlineData(ParticleScheme.LeimkuhlerMatthews)]
    public void RefinedKernelMatchesReference(ParticleScheme scheme)
    {
        var c = (TestSystems.Full(substeps: 3, rightTemperature: 0.5) with { Scheme = scheme }) with { NoiseRefinement = 1 };
        const int M = 4;
        HostEnsemble reference = TestSystems.RandomStart(c, M);
        HostEnsemble unrefined = TestSystems.RandomStart(c, M);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, M, trajectoryOffset: 10);
        device.Upload(reference.Q, reference.P, reference.X);
        device.Advance(firstStep: 0, steps: 301, firstMeasuredStep: 100, stepsPerLaunch: 64);
        ReferenceIntegrator.Advance(reference, c, 10, 0, 301, 100);
        ReferenceIntegrator.Advance(unrefined, c with { NoiseRefinement = 0 }, 10, 0, 301, 100);

        Assert.Equal(reference.Q, device.DownloadQ());
        Assert.Equal(reference.P, device.DownloadP());
        Assert.Equal(reference.X, device.DownloadX());
        Assert.Equal(reference.Accumulators, device.DownloadAccumulators());
        Assert.All(reference.Status, s => Assert.Equal(TrajectoryStatus.Healthy, s));
        Assert.NotEqual(unrefined.Q, reference.Q);
        Assert.NotEqual(unrefined.X, reference.X);
    }

    /// <summary>
    /// The refined particle group substep compiles for a GPU as straight-line code (no loop), with two Philox blocks
    /// (the coarse draw and its bridge) per normal block the scheme reads: Box-Muller's 2 logs per block, so 4 for
    /// Euler-Maruyama and 8 for Leimkuhler-Matthews (which reads the next substep's too).
    /// </summary>
    [Theory]
    [InlineData(ParticleScheme.EulerMaruyama, 2)]
    [InlineData(ParticleScheme.LeimkuhlerMatthews, 4)]
    public void RefinedGroupSubstepCompilesToPtx(ParticleScheme scheme, int philoxBlocks)
    {
        var type = scheme == ParticleScheme.EulerMaruyama ? typeof(Refined<EulerMaruyama>) : typeof(Refined<LeimkuhlerMatthews>);
        var kernel = typeof(StepRefinementTests).GetMethod(nameof(OneGroupKernel))!.MakeGenericMethod(type);
        string ptx = KernelPtx.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), CudaArchitecture.SM_90);
        Assert.Equal(2 * philoxBlocks, System.Text.RegularExpressions.Regex.Matches(ptx, @"lg2\.approx\.ftz\.f32").Count);
        PtxLocalMemory.AssertOnlyForwardedScalars(ptx);
    }

#pragma warning disable xUnit1013 // a kernel, not a test
    public static void OneGroupKernel<TScheme>(Index1D t, StepCoefficients c, EnsembleViews views, float driftScale)
        where TScheme : struct, IParticleScheme
    {
        var state = new DeviceTrajectoryState(views, t);
        views.X[t] = TimeStep.ParticleGroupSubstep<DeviceTrajectoryState, TScheme, VonMisesCoupling>(ref state, c, (uint)t.X, 7u, 0u, 0, driftScale, 0f);
    }
#pragma warning restore xUnit1013
}
