using GpuThermoChain.Kernels;
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
