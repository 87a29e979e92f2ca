using GpuThermoChain.Model;
using ILGPU;

namespace GpuThermoChain.Kernels;

/// <summary>
/// The set-up and check kernels of an ensemble: the initial draw on the device (the host's
/// <see cref="InitialDraws"/>, one thread per trajectory) and the reduction of the status to
/// what a blow-up check needs, so that neither set-up nor the checks between chunks pass over every trajectory on the
/// host.
/// </summary>
public static class InitialStateKernels
{
    /// <summary>Longs per block in <see cref="ReduceStatusKernel"/>'s output.</summary>
    public const int StatusPartialWidth = 4;

    /// <summary>
    /// One thread per trajectory t: its start (<see cref="InitialDraws"/>) under noise id
    /// <paramref name="trajectoryOffset"/> + t. <paramref name="gaussian"/> != 0 draws the chain from
    /// <paramref name="factor"/> (row-major 2N x 2N); otherwise site 1 is at (q1, p1) and the rest at rest. Particles
    /// are drawn when <paramref name="particles"/> &gt; 0.
    /// </summary>
    public static void InitializeKernel(
        Index1D t, EnsembleViews views, ArrayView<double> factor, int gaussian, int sites, int particles, double ringLength,
        double q1, double p1, uint seedLow, uint seedHigh, uint trajectoryOffset)
    {
        var target = new DeviceTrajectoryState(views, t);
        uint id = trajectoryOffset + (uint)t.X;
        if (gaussian != 0)
        {
            InitialDraws.Chain(ref target, new DeviceChainFactor(factor, 2 * sites), sites, seedLow, seedHigh, id);
        }
        else
        {
            InitialDraws.SiteOne(ref target, sites, q1, p1);
        }
        if (particles > 0)
        {
            InitialDraws.Particles(ref target, particles, ringLength, seedLow, seedHigh, id);
        }
    }

    /// <summary>
    /// Thread b summarises the status of trajectories [256 b, 256 b + 256): partials[4 b ..] = (trajectories not
    /// healthy, the first of them or -1, its step or -1, the earliest step among them or -1), so that a check downloads
    /// four longs per 256 trajectories instead of every status.
    /// </summary>
    public static void ReduceStatusKernel(Index1D b, ArrayView<long> status, int trajectories, ArrayView<long> partials)
    {
        int begin = b * EnsembleKernels.ReductionBlock;
        int end = begin + EnsembleKernels.ReductionBlock < trajectories ? begin + EnsembleKernels.ReductionBlock : trajectories;
        long count = 0;
        long first = -1;
        long firstStep = -1;
        long earliest = -1;
        for (int t = begin; t < end; t++)
        {
            long s = status[t];
            if (s == TrajectoryStatus.Healthy) continue;
            if (count == 0)
            {
                first = t;
                firstStep = s;
                earliest = s;
            }
            else if (s < earliest)
            {
                earliest = s;
            }
            count++;
        }
        partials[StatusPartialWidth * b] = count;
        partials[StatusPartialWidth * b + 1] = first;
        partials[StatusPartialWidth * b + 2] = firstStep;
        partials[StatusPartialWidth * b + 3] = earliest;
    }
}

/// <summary>A chain factor in a device view, row-major 2N x 2N.</summary>
public readonly struct DeviceChainFactor(ArrayView<double> values, int dimension) : IChainFactor
{
    private readonly ArrayView<double> _values = values;
    private readonly int _dimension = dimension;

    /// <inheritdoc/>
    public double Get(int row, int column) => _values[row * _dimension + column];
}
