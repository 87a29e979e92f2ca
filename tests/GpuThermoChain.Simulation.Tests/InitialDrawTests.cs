using GpuThermoChain.Kernels;
using GpuThermoChain.Simd;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The initial draw (<see cref="InitialDraws"/>): the host draw keeps the bits it had before it moved into the shared
/// definition, ILGPU's CPU accelerator draws exactly the host's bits in its own kernel, and a trajectory's start depends
/// on its id only (not on the ensemble's split or size); the blow-up check's device reduction finds planted blow-ups.
/// </summary>
public class InitialDrawTests(CpuAcceleratorFixture fixture) : IClassFixture<CpuAcceleratorFixture>
{
    private const int Sites = 3;          // 2N = 6: one whole block of four normals and a partial one
    private const int Particles = 10;     // two whole blocks of four uniforms and a partial one
    private const double RingLength = 25;
    private const ulong Seed = 0xDEAD_BEEF_0000_0007UL; // both key words non-zero
    private const uint SeedLow = unchecked((uint)Seed);
    private const uint SeedHigh = (uint)(Seed >> 32);
    private const uint Offset = 1000;

    /// <summary>A lower-triangular factor (Cholesky's shape) and a full one (the eigendecomposition fallback's).</summary>
    public static TheoryData<bool> Factors => new() { true, false };

    private static double[] Factor(bool lower)
    {
        int n = 2 * Sites;
        var l = new double[n * n];
        var rng = new Random(11);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                l[i * n + j] = lower && j > i ? 0.0 : rng.NextDouble() * 2 - 1;
        return l;
    }

    /// <summary>
    /// The host draw as it was written before the draw moved to a shared definition (a z array per trajectory, each x_i
    /// summed over j in a local; particles by the same formula), kept here as the reference the new code must equal bit
    /// for bit: existing results stay what they were.
    /// </summary>
    private static (double[] Q, double[] P, float[] X) PreviousHostDraw(double[] factor, int m)
    {
        int dim = 2 * Sites;
        var q = new double[Sites * m];
        var p = new double[Sites * m];
        var z = new double[dim];
        for (int t = 0; t < m; t++)
        {
            uint id = Offset + (uint)t;
            for (int g = 0; 4 * g < dim; g++)
            {
                var n = NoiseStreams.Normals(SeedLow, SeedHigh, id, 0, 0xF0, 0, (uint)g);
                double[] four = [n.Z0, n.Z1, n.Z2, n.Z3];
                for (int l = 0; l < 4 && 4 * g + l < dim; l++) z[4 * g + l] = four[l];
            }
            for (int i = 0; i < dim; i++)
            {
                double s = 0;
                for (int j = 0; j < dim; j++) s += factor[i * dim + j] * z[j];
                if (i < Sites) q[i * m + t] = s;
                else p[(i - Sites) * m + t] = s;
            }
        }
        var x = new float[Particles * m];
        for (int t = 0; t < m; t++)
        {
            uint id = Offset + (uint)t;
            for (int g = 0; 4 * g < Particles; g++)
            {
                var b = Philox4x32x10.Generate(id, 0, 0xF1u << 24, (uint)g, SeedLow, SeedHigh);
                uint[] words = [b.X0, b.X1, b.X2, b.X3];
                for (int l = 0; l < 4 && 4 * g + l < Particles; l++)
                {
                    float xi = (float)(RingLength * ((words[l] + 0.5) / 4294967296.0));
                    x[(4 * g + l) * m + t] = xi < (float)RingLength ? xi : 0f;
                }
            }
        }
        return (q, p, x);
    }

    [Theory]
    [MemberData(nameof(Factors))]
    public void HostDrawKeepsThePreviousBits(bool lower)
    {
        const int M = 300;
        var factor = Factor(lower);
        var (q, p, x) = EnsembleStart.Gaussian(factor, Sites, Seed, RingLength).DrawOnHost(Sites, Particles, M, Offset);
        var previous = PreviousHostDraw(factor, M);
        AssertBits(previous.Q, q);
        AssertBits(previous.P, p);
        AssertBits(previous.X, x!);
    }

    public static TheoryData<string> Starts => new() { "gaussian-lower", "gaussian-full", "rest", "siteOne" };

    private static EnsembleStart Start(string name) => name switch
    {
        "gaussian-lower" => EnsembleStart.Gaussian(Factor(true), Sites, Seed, RingLength),
        "gaussian-full" => EnsembleStart.Gaussian(Factor(false), Sites, Seed, RingLength),
        "rest" => EnsembleStart.Rest(Seed, RingLength),
        _ => EnsembleStart.SiteOne(0.75, -1.25, Seed, RingLength),
    };

    /// <summary>
    /// 300 trajectories (not a whole number of groups): the device kernel on ILGPU's CPU accelerator (IEEE double,
    /// .NET's MathF, no contraction) writes exactly the host's bits; so does the SIMD engine's default (host draw, upload).
    /// </summary>
    [Theory]
    [MemberData(nameof(Starts))]
    public void DeviceDrawEqualsHostDrawBitForBit(string name)
    {
        const int M = 300;
        var start = Start(name);
        var c = TestSystems.Full(sites: Sites, particles: Particles);
        var (q, p, x) = start.DrawOnHost(Sites, Particles, M, Offset);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, M, Offset);
        device.Initialize(start);
        AssertBits(q, device.DownloadQ());
        AssertBits(p, device.DownloadP());
        AssertBits(x!, device.DownloadX());
        using IEnsemble simd = new SimdEnsemble(c, M, Offset);
        simd.Initialize(start);
        AssertBits(q, simd.DownloadQ());
        AssertBits(p, simd.DownloadP());
        AssertBits(x!, simd.DownloadX());
    }

    /// <summary>A trajectory starts the same in an ensemble of 300 and in parts of 100 and 200 holding its id.</summary>
    [Fact]
    public void StartDependsOnTheTrajectoryIdOnly()
    {
        var start = Start("gaussian-full");
        var c = TestSystems.Full(sites: Sites, particles: Particles);
        using var whole = new DeviceEnsemble(fixture.Accelerator, c, 300, Offset);
        using var first = new DeviceEnsemble(fixture.Accelerator, c, 100, Offset);
        using var second = new DeviceEnsemble(fixture.Accelerator, c, 200, Offset + 100);
        foreach (IEnsemble e in new IEnsemble[] { whole, first, second }) e.Initialize(start);
        double[] q = whole.DownloadQ(), p = whole.DownloadP();
        float[] x = whole.DownloadX();
        AssertBits(TestSystems.Columns(q, 300, 0, 100), first.DownloadQ());
        AssertBits(TestSystems.Columns(p, 300, 100, 200), second.DownloadP());
        AssertBits(TestSystems.Columns(x, 300, 100, 200), second.DownloadX());
        // And the draw is a draw: the particles spread over the ring, the chain is not at rest.
        Assert.InRange(x.Average(), 0.4 * RingLength, 0.6 * RingLength);
        Assert.Contains(q, v => v != 0);
    }

    /// <summary>
    /// Blow-ups planted in an ensemble of 600 (blocks of 256, 256, 88): trajectory 555 (third block) made non-finite
    /// before step 40, trajectory 300 (second block) before step 47. The check must name trajectory 300 (the first in
    /// order) at step 47, count two, and give 40 as the earliest step: on the device (the status reduced there) and on
    /// the SIMD engine (the default host scan), the same as a scan of the downloaded status.
    /// </summary>
    [Fact]
    public void BlowUpCheckFindsPlantedBlowUpsAtTheirSteps()
    {
        const int M = 600;
        var c = TestSystems.Effective(sites: 3, rightTemperature: 1);
        HostEnsemble start = TestSystems.RandomStart(c, M);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, M, 0);
        using var simd = new SimdEnsemble(c, M, 0);
        foreach (IEnsemble e in new IEnsemble[] { device, simd })
        {
            e.Upload(start.Q, start.P, null);
            e.Advance(0, 40, 0, 40);
            Assert.Null(e.FindBlowUps());
            Plant(e, 555);
            e.Advance(40, 7, 0, 40);
            Plant(e, 300);
            e.Advance(47, 5, 0, 40);
            var found = e.FindBlowUps();
            Assert.Equal(new BlowUpSummary(2, 300, 47, 40), found);
            Assert.Equal(BlowUpSummary.FromStatus(e.DownloadStatus()), found);
        }
    }

    /// <summary>Makes trajectory t's momentum at site 1 NaN, so that its next step ends non-finite.</summary>
    private static void Plant(IEnsemble e, int t)
    {
        var q = e.DownloadQ();
        var p = e.DownloadP();
        p[t] = double.NaN;
        e.Upload(q, p, null);
    }

    private static void AssertBits(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    private static void AssertBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
