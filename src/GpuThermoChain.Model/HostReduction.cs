namespace GpuThermoChain.Model;

/// <summary>
/// Sums over trajectories on the host in exactly the order of the ILGPU kernels' reduction (<c>EnsembleKernels.ReduceKernel</c>) plus
/// DeviceEnsemble's host pass (blocks of 256 in increasing t, then the blocks in order), so every engine gives
/// bit-identical sums for bit-identical states.
/// </summary>
public static class HostReduction
{
    /// <summary>Trajectories per reduction block, the same on every engine (the ILGPU kernels' group size for the reduction).</summary>
    public const int ReductionBlock = 256;

    /// <summary>Per row of <paramref name="source"/> (row r, trajectory t at r * stride + t, t &lt; M): sum and sum of squares.</summary>
    public static EnsembleSums Reduce(double[] source, int rows, int trajectories, int stride)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Reduce(source, rows, 0, trajectories, stride);
    }

    /// <summary>
    /// Per contiguous group of trajectories (group g: the next <paramref name="groupSizes"/>[g] trajectories, the
    /// sizes adding to M = <paramref name="trajectories"/>), per row: sum and sum of squares over the group, with the
    /// blocks of 256 counted from the group's first trajectory, i.e. the bits <see cref="Reduce(double[], int, int, int)"/>
    /// gives for an array holding only that group's trajectories (see <see cref="IEnsemble.ReduceRowsByGroups"/>).
    /// </summary>
    public static EnsembleSums[] ReduceByGroups(double[] source, int rows, int trajectories, int stride, IReadOnlyList<int> groupSizes)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckGroups(groupSizes, trajectories);
        var result = new EnsembleSums[groupSizes.Count];
        int first = 0;
        for (int g = 0; g < groupSizes.Count; g++)
        {
            result[g] = Reduce(source, rows, first, groupSizes[g], stride);
            first += groupSizes[g];
        }
        return result;
    }

    /// <summary>Refuses group sizes that are not all positive or do not add up to <paramref name="trajectories"/>.</summary>
    public static void CheckGroups(IReadOnlyList<int> groupSizes, int trajectories)
    {
        ArgumentNullException.ThrowIfNull(groupSizes);
        if (groupSizes.Count == 0)
        {
            throw new ArgumentException("need at least one group", nameof(groupSizes));
        }
        long total = 0;
        foreach (int size in groupSizes)
        {
            if (size < 1)
            {
                throw new ArgumentException("every group needs at least one trajectory", nameof(groupSizes));
            }
            total += size;
        }
        if (total != trajectories)
        {
            throw new ArgumentException($"the group sizes add up to {total}, not to the {trajectories} trajectories", nameof(groupSizes));
        }
    }

    /// <summary>Rows of trajectories first .. first + count - 1: blocks of 256 from first, then the blocks in order.</summary>
    private static EnsembleSums Reduce(double[] source, int rows, int first, int count, int stride)
    {
        var sum = new double[rows];
        var squares = new double[rows];
        for (int row = 0; row < rows; row++)
        {
            int offset = row * stride + first;
            for (int begin = 0; begin < count; begin += ReductionBlock)
            {
                int end = Math.Min(begin + ReductionBlock, count);
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
