using GpuThermoChain.Kernels;
using GpuThermoChain.Simd;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

public class ReductionTests(CpuAcceleratorFixture fixture) : IClassFixture<CpuAcceleratorFixture>
{
    /// <summary>600 trajectories = blocks of 256, 256, 88: the device partials added in order equal a host sum in the same order, bit for bit.</summary>
    [Fact]
    public void ReductionEqualsHostSum()
    {
        const int M = 600;
        StepCoefficients c = TestSystems.Effective(sites: 3, rightTemperature: 1);
        HostEnsemble start = TestSystems.RandomStart(c, M);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, M, 0);
        device.Upload(start.Q, start.P, null);
        device.Advance(0, 20, 0, 20);

        double[] acc = device.DownloadAccumulators();
        EnsembleSums sums = device.ReduceAccumulators();
        AssertSums(acc, c.AccumulatorCount, M, sums);
        AssertSums(device.DownloadP(), c.Sites, M, device.ReduceMomenta());
        AssertSums(device.DownloadQ(), c.Sites, M, device.ReducePositions());
        Assert.Equal(sums.Sum, device.ReduceAccumulators().Sum);
    }

    /// <summary>
    /// The grouped reduction (one launch for all groups, as the probe runner uses it) gives, per group, exactly the
    /// bits the same trajectories give as a separate ensemble: groups of 300 (blocks 256 + 44 from the group's first
    /// trajectory, not from trajectory 0), 1, 256 and 43, on the device, the SIMD engine and the host reduction.
    /// Repeated calls (reused scratch and bounds) and a changed group layout give the same bits again.
    /// </summary>
    [Fact]
    public void GroupedReductionEqualsSeparateEnsemblesBitForBit()
    {
        int[] sizes = [300, 1, 256, 43];
        int m = sizes.Sum();
        StepCoefficients c = TestSystems.Full(sites: 2, particles: 8);
        HostEnsemble start = TestSystems.RandomStart(c, m);
        using var whole = new DeviceEnsemble(fixture.Accelerator, c, m, 0);
        using var simd = new SimdEnsemble(c, m, 0);
        whole.Upload(start.Q, start.P, start.X);
        simd.Upload(start.Q, start.P, start.X);
        whole.Advance(0, 3, 0, 3);
        simd.Advance(0, 3, 0, 3);

        int first = 0;
        var expected = new List<(EnsembleSums Q, EnsembleSums P, EnsembleSums A)>();
        foreach (int size in sizes)
        {
            using var part = new DeviceEnsemble(fixture.Accelerator, c, size, (uint)first);
            part.Upload(TestSystems.Columns(start.Q, m, first, size), TestSystems.Columns(start.P, m, first, size),
                TestSystems.Columns(start.X, m, first, size));
            part.Advance(0, 3, 0, 3);
            expected.Add((part.ReducePositions(), part.ReduceMomenta(), part.ReduceAccumulators()));
            first += size;
        }

        for (int repeat = 0; repeat < 2; repeat++)
        {
            var q = whole.ReduceRowsByGroups(EnsembleRows.Positions, sizes);
            var p = whole.ReduceRowsByGroups(EnsembleRows.Momenta, sizes);
            var a = whole.ReduceRowsByGroups(EnsembleRows.Accumulators, sizes);
            var hostQ = HostReduction.ReduceByGroups(whole.DownloadQ(), c.Sites, m, m, sizes);
            for (int g = 0; g < sizes.Length; g++)
            {
                AssertSame(expected[g].Q, q[g]);
                AssertSame(expected[g].P, p[g]);
                AssertSame(expected[g].A, a[g]);
                AssertSame(expected[g].Q, hostQ[g]);
            }
            // A different layout in between must not leave stale bounds behind.
            Assert.Equal(whole.ReducePositions().Sum, whole.ReduceRowsByGroups(EnsembleRows.Positions, [m])[0].Sum);
        }

        // The SIMD engine's grouped sums equal the same engine's separate ensembles.
        first = 0;
        var simdQ = simd.ReduceRowsByGroups(EnsembleRows.Momenta, sizes);
        for (int g = 0; g < sizes.Length; g++)
        {
            using var part = new SimdEnsemble(c, sizes[g], (uint)first);
            part.Upload(TestSystems.Columns(start.Q, m, first, sizes[g]), TestSystems.Columns(start.P, m, first, sizes[g]),
                TestSystems.Columns(start.X, m, first, sizes[g]));
            part.Advance(0, 3, 0, 3);
            AssertSame(part.ReduceMomenta(), simdQ[g]);
            first += sizes[g];
        }

        Assert.Throws<ArgumentException>(() => whole.ReduceRowsByGroups(EnsembleRows.Positions, [m - 1]));
        Assert.Throws<ArgumentException>(() => simd.ReduceRowsByGroups(EnsembleRows.Positions, [m, 0]));
    }

    private static void AssertSame(EnsembleSums expected, EnsembleSums actual)
    {
        Assert.Equal(expected.Sum.Select(BitConverter.DoubleToInt64Bits), actual.Sum.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.SumOfSquares.Select(BitConverter.DoubleToInt64Bits), actual.SumOfSquares.Select(BitConverter.DoubleToInt64Bits));
    }

    private static void AssertSums(double[] soa, int rows, int m, EnsembleSums sums)
    {
        for (int row = 0; row < rows; row++)
        {
            double sum = 0, squares = 0, naive = 0;
            for (int block = 0; block * EnsembleKernels.ReductionBlock < m; block++)
            {
                double partial = 0, partialSquares = 0;
                for (int t = block * EnsembleKernels.ReductionBlock; t < Math.Min(m, (block + 1) * EnsembleKernels.ReductionBlock); t++)
                {
                    double v = soa[row * m + t];
                    partial += v;
                    partialSquares += v * v;
                    naive += v;
                }
                sum += partial;
                squares += partialSquares;
            }
            Assert.Equal(sum, sums.Sum[row]);
            Assert.Equal(squares, sums.SumOfSquares[row]);
            Assert.True(Math.Abs(naive - sum) <= 1e-12 * soa.Skip(row * m).Take(m).Sum(Math.Abs));
        }
    }
}
