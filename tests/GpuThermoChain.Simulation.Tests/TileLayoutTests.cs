using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// ILGPU's CPU accelerator with warps of 16 threads: its default device (<see cref="CPUDevice.Default"/>) simulates
/// warps of 4, too few for the tiles of the lanes8 and lanes16 layouts. Two warps per group keep the thread count (and
/// the barrier cost of every simulated shuffle) small.
/// </summary>
public sealed class WideWarpCpuFixture : CpuAcceleratorFixture
{
    /// <summary>Threads per simulated warp: the widest tile layout needs 16.</summary>
    public const int WarpSize = 16;

    public WideWarpCpuFixture() : base(new CPUDevice(WarpSize, numWarpsPerMultiprocessor: 2, numMultiprocessors: 1)) { }
}

/// <summary>
/// The tile-per-trajectory kernel (<see cref="TileKernels"/>) on the CPU accelerator against the reference
/// loop. Both run the same <see cref="TimeStep"/> pieces with the same Philox keys, so every particle gets the same
/// normals; the one difference is the float summation order of the substep's bath force sum_i F(x_i): sequential
/// in the reference, per-thread sums of a tile combined by a shuffle tree in the kernel.
/// </summary>
/// <remarks>
/// Tolerances. Any summation order of n non-negative floats is within gamma_(n-1) sum_i F_i of the exact sum
/// (gamma_k = k u / (1 - k u), u = 2^-24), so two orders differ by at most 2 gamma_(n-1) n a, a = max F =
/// A e^rho / I0(rho) (= ForceScale, 3.24 here). The impulse of a step, sum over S substeps of
/// (lambda - eps sum F) h, then differs by at most eps dt 2 gamma_(n-1) n a (6.0e-7 for n = 40: note the impulse
/// itself is a small difference, eps (sum F - A n), ~ 0.7 eps dt, so its relative error is ~6x that of the sum).
/// After one step only p and q differ, by about that impulse difference (two half kicks of I/2; the spring's
/// reaction to the shifted q_1 adds a relative (dt/2)^2 (K + k) ~ 5e-5); x is bit-identical, because it depends
/// on q1mid and the normals only. Measured after one step: |dp| = 5.7e-9 to 7.6e-9, two orders below the bound (rounding
/// errors add like a random walk, ~u sqrt(n) sum F, not n u sum F). Over 500 steps the chain is linear and
/// stable, so per-step differences add, as a random walk: ~sqrt(500) x 7e-9 ~ 1.6e-7; the particles see them only
/// through float(q1mid), which can move a particle's rounding by an ulp. Measured after 500 steps (N = 4, S = 2,
/// G = 4, 8, 16, N_b = 40 and 37): |dq|, |dp| &lt;= 1.03e-7, particles &lt;= 2 ulp of x (3.8e-6), accumulators
/// &lt;= 7e-8 of each slot's largest value. Asserted: q, p within 1e-6 max(1, |value|); particles within 8 ulp
/// on the ring; accumulators within 1e-6 of the slot's largest magnitude (~10x the measured differences).
/// </remarks>
public class TileLayoutTests(WideWarpCpuFixture fixture) : IClassFixture<WideWarpCpuFixture>
{
    private const int Trajectories = 3;
    private const uint Offset = 100;

    public static TheoryData<KernelLayout, int> LayoutsAndParticles => new()
    {
        { KernelLayout.TilePerTrajectory4, 40 },
        { KernelLayout.TilePerTrajectory8, 40 },
        { KernelLayout.TilePerTrajectory16, 40 },
        { KernelLayout.TilePerTrajectory4, 37 },
        { KernelLayout.TilePerTrajectory8, 37 },
        { KernelLayout.TilePerTrajectory16, 37 },
    };

    /// <summary>
    /// The first step: the particles are bit-identical (same normals, same q1mid), and q, p differ by no more than
    /// the derived bound on the impulse difference, eps dt 2 gamma_(n-1) n a.
    /// </summary>
    [Theory]
    [MemberData(nameof(LayoutsAndParticles))]
    public void FirstStepDiffersOnlyByTheForceSumOrder(KernelLayout layout, int particles)
    {
        var c = TestSystems.Full(particles: particles);
        HostEnsemble reference = TestSystems.RandomStart(c, Trajectories);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, Trajectories, Offset, layout);
        device.Upload(reference.Q, reference.P, reference.X);

        device.Advance(0, 1, 0, 1);
        ReferenceIntegrator.Advance(reference, c, Offset, 0, 1, 0);

        Assert.Equal(reference.X, device.DownloadX());
        double u = Math.Pow(2, -24);
        double gamma = (particles - 1) * u / (1 - (particles - 1) * u);
        double impulseBound = c.CouplingStrength * c.TimeStep * 2 * gamma * particles * c.ForceScale;
        LayoutTolerances.AssertWithin(reference.Q, device.DownloadQ(), 1.01 * impulseBound, "q");
        LayoutTolerances.AssertWithin(reference.P, device.DownloadP(), 1.01 * impulseBound, "p");
        Assert.NotEqual(reference.P, device.DownloadP());
    }

    /// <summary>500 steps (N = 4, S = 2), chunked launches, measuring from step 100: within the tolerances derived above.</summary>
    [Theory]
    [MemberData(nameof(LayoutsAndParticles))]
    public void TilesMatchReferenceAfter500Steps(KernelLayout layout, int particles)
    {
        var c = TestSystems.Full(particles: particles);
        HostEnsemble reference = TestSystems.RandomStart(c, Trajectories);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, Trajectories, Offset, layout);
        device.Upload(reference.Q, reference.P, reference.X);

        device.Advance(firstStep: 0, steps: 500, firstMeasuredStep: 100, stepsPerLaunch: 125);
        ReferenceIntegrator.Advance(reference, c, Offset, firstStep: 0, steps: 500, firstMeasuredStep: 100);

        LayoutTolerances.AssertChainClose(reference.Q, device.DownloadQ(), "q");
        LayoutTolerances.AssertChainClose(reference.P, device.DownloadP(), "p");
        LayoutTolerances.AssertParticlesClose(reference.X, device.DownloadX(), c.RingLength);
        LayoutTolerances.AssertAccumulatorsClose(reference.Accumulators, device.DownloadAccumulators(), c.AccumulatorCount);
        Assert.Equal(reference.Status, device.DownloadStatus());
        Assert.All(reference.Status, s => Assert.Equal(TrajectoryStatus.Healthy, s));
        Assert.Equal(400, device.MeasuredSteps);
    }

    /// <summary>
    /// MeanForce model: the probe is frozen, so q1mid and hence every particle is bit-identical for all steps; the
    /// accumulated mean force differs only by the summation order.
    /// </summary>
    [Fact]
    public void MeanForceParticlesAreBitIdentical()
    {
        var c = TestSystems.Full() with { Model = ModelKind.MeanForce };
        HostEnsemble reference = TestSystems.RandomStart(c, Trajectories);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, Trajectories, Offset, KernelLayout.TilePerTrajectory8);
        device.Upload(reference.Q, reference.P, reference.X);

        device.Advance(0, 300, 50, 100);
        ReferenceIntegrator.Advance(reference, c, Offset, 0, 300, 50);

        Assert.Equal(reference.X, device.DownloadX());
        Assert.Equal(reference.Q, device.DownloadQ());
        LayoutTolerances.AssertAccumulatorsClose(reference.Accumulators, device.DownloadAccumulators(), c.AccumulatorCount);
        Assert.Contains(reference.Accumulators, v => v != 0);
    }

    /// <summary>A tile layout itself does not depend on how the steps are split into launches: bit-identical.</summary>
    [Theory]
    [InlineData(KernelLayout.TilePerTrajectory4)]
    [InlineData(KernelLayout.TilePerTrajectory16)]
    public void ChunkedLaunchesAreBitIdentical(KernelLayout layout)
    {
        var c = TestSystems.Full(particles: 37, rightTemperature: 1.0);
        HostEnsemble start = TestSystems.RandomStart(c, Trajectories);
        using var whole = new DeviceEnsemble(fixture.Accelerator, c, Trajectories, Offset, layout);
        using var chunked = new DeviceEnsemble(fixture.Accelerator, c, Trajectories, Offset, layout);
        whole.Upload(start.Q, start.P, start.X);
        chunked.Upload(start.Q, start.P, start.X);

        whole.Advance(0, 200, 50, 200);
        chunked.Advance(0, 200, 50, 37);

        TestSystems.AssertSameState(whole, chunked);
    }

    /// <summary>
    /// An unstable chain (dt omega = 5 &gt; 2, full model with particles) overflows: the tile kernel records the same
    /// first bad step as the reference, and a later launch leaves a blown-up trajectory untouched.
    /// </summary>
    [Fact]
    public void BlowUpIsRecordedWithItsStep()
    {
        StepCoefficients c = StepCoefficients.Create(
            new StepSystem(ModelKind.Full, Sites: 2, Mass: 1, SpringConstant: 1, LeftPinning: 1e4, RightPinning: 1)
            {
                ParticleBath = new(Particles: 37, CouplingStrength: 0.1, Amplitude: 1, Localisation: 2, RingLength: 25, Friction: 0.1, Temperature: 5),
            },
            new StepScheme(TimeStep: 0.05, ParticleSubsteps: 1), seed: 1);
        HostEnsemble reference = TestSystems.RandomStart(c, Trajectories);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, Trajectories, 0, KernelLayout.TilePerTrajectory8);
        device.Upload(reference.Q, reference.P, reference.X);
        device.Advance(0, 600, 0, 64);
        ReferenceIntegrator.Advance(reference, c, 0, 0, 600, 0);

        long[] status = device.DownloadStatus();
        Assert.Equal(reference.Status, status);
        Assert.All(status, s => Assert.InRange(s, 1, 599));

        double[] q = device.DownloadQ();
        double[] p = device.DownloadP();
        float[] x = device.DownloadX();
        device.Advance(600, 50, 0, 50);
        Assert.Equal(q, device.DownloadQ());
        Assert.Equal(p, device.DownloadP());
        Assert.Equal(x, device.DownloadX());
        Assert.Equal(status, device.DownloadStatus());
    }

    /// <summary>
    /// ILGPU's default CPU device has 4-lane warps: lanes4 runs there, lanes8 is refused (its lanes would straddle
    /// warps and the shuffles would mix trajectories).
    /// </summary>
    [Fact]
    public void TilesWiderThanTheWarpAreRefused()
    {
        using var context = Context.Create(builder => builder.DefaultCPU().EnableThermoChainKernels());
        using var accelerator = context.CreateCPUAccelerator(0);
        Assert.Equal(4, accelerator.WarpSize);
        var c = TestSystems.Full();
        using (new DeviceEnsemble(accelerator, c, 2, 0, KernelLayout.TilePerTrajectory4))
        {
        }
        var e = Assert.Throws<ArgumentException>(() => new DeviceEnsemble(accelerator, c, 2, 0, KernelLayout.TilePerTrajectory8));
        Assert.Contains("warp size is 4", e.Message);
    }

    [Fact]
    public void LayoutNamesRoundTrip()
    {
        foreach (var layout in KernelLayouts.All)
        {
            Assert.True(KernelLayouts.TryParse(layout.Name(), out var parsed));
            Assert.Equal(layout, parsed);
        }
        Assert.Equal(["thread", "lanes4", "lanes8", "lanes16"], KernelLayouts.All.Select(l => l.Name()));
        Assert.False(KernelLayouts.TryParse("lanes32", out _));
    }

    /// <summary>
    /// Launch shape on an H100 (132 multiprocessors, warp 32, 1024 threads per group at most): at least two groups per
    /// multiprocessor where the ensemble allows, in whole warps, at most 256 threads per group.
    /// </summary>
    [Theory]
    [InlineData(1024L, 32)]       // 32 groups: too few trajectories to fill the GPU at any size; the smallest group
    [InlineData(16384L, 32)]      // 512 groups (ILGPU's occupancy choice, 640, gave 26)
    [InlineData(65536L, 128)]     // 512 groups
    [InlineData(262144L, 256)]    // 1024 groups; also lanes16 x 16384 trajectories
    [InlineData(10_000_000L, 256)]
    public void GroupSizeSpreadsTheEnsembleOverEveryMultiprocessor(long threads, int expected)
    {
        int size = DeviceEnsemble.GroupSize(threads, warpSize: 32, multiprocessors: 132, maxThreadsPerGroup: 1024);
        Assert.Equal(expected, size);
        Assert.Equal(0, size % 32);
        Assert.True((threads + size - 1) / size >= 264 || size == 32);
    }
}
