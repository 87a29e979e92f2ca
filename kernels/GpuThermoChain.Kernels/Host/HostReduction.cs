namespace GpuThermoChain.Kernels.Host;

/// <summary>
/// Sums over trajectories on the host in exactly the order of <see cref="EnsembleKernels.ReduceKernel"/> plus
/// DeviceEnsemble's host pass (blocks of 256 in increasing t, then the blocks in order), so every engine gives
/// bit-identical sums for bit-identical states.
/// </summary>
public static class HostReduction
{
    /// <summary>Per row of <paramref name="source"/> (row r, trajectory t at r * stride + t, t &lt; M): sum and sum of squares.</summary>
    public static EnsembleSums Reduce(double[] source, int rows, int trajectories, int stride)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sum = new double[rows];
        var squares = new double[rows];
        for (int row = 0; row < rows; row++)
        {
            int offset = row * stride;
            for (int begin = 0; begin < trajectories; begin += EnsembleKernels.ReductionBlock)
            {
                int end = Math.Min(begin + EnsembleKernels.ReductionBlock, trajectories);
                double blockSum = 0.0;
                double blockSquares = 0.0;
                for (int t = begin; t < end; t++)
                {
                    double v = source[offset + t];
                    blockSum += v;
                    blockSquares += v * v;
                }
                sum[row] += blockSum;
                squares[row] += blockSquares;
            }
        }
        return new EnsembleSums(sum, squares);
    }
}
