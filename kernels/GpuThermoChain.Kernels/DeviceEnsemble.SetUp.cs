using GpuThermoChain.Model;
using ILGPU;
using ILGPU.Runtime;

namespace GpuThermoChain.Kernels;

/// <summary>
/// Set-up and blow-up checks on the device (<see cref="InitialStateKernels"/>): the initial state is drawn where it
/// lives and the status reduced there, so that neither passes over every trajectory on the host. Each kernel is
/// loaded on first use.
/// </summary>
public sealed partial class DeviceEnsemble
{
    private Action<Index1D, EnsembleViews, ArrayView<double>, int, int, int, double, double, double, uint, uint, uint>? _initialize;
    private Action<Index1D, ArrayView<long>, int, ArrayView<long>>? _reduceStatus;
    // The status partials of a check (four longs per block of 256 trajectories) and their host copy, reused by every check.
    private MemoryBuffer1D<long, Stride1D.Dense>? _statusPartials;
    private long[] _hostStatusPartials = [];

    /// <summary>
    /// Draws the start on the device, one thread per trajectory, with the host's <see cref="InitialDraws"/>: on ILGPU's
    /// CPU accelerator the same bits as <see cref="EnsembleStart.DrawOnHost"/>; on a GPU the particles are the same and
    /// the chain may differ in the last bits (see <see cref="InitialDraws"/>). Only the factor (2N x 2N doubles) is
    /// uploaded.
    /// </summary>
    public void Initialize(EnsembleStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.CheckFits(_coefficients.Sites);
        _initialize ??= _accelerator.LoadAutoGroupedStreamKernel<
            Index1D, EnsembleViews, ArrayView<double>, int, int, int, double, double, double, uint, uint, uint>(InitialStateKernels.InitializeKernel);
        bool gaussian = start.Chain == ChainStart.Gaussian;
        // A one-element buffer stands in for the factor the site-one start does not read.
        using var factor = _accelerator.Allocate1D(gaussian ? start.Factor! : [0.0]);
        _initialize(Trajectories, Views, factor.View, gaussian ? 1 : 0, _coefficients.Sites, _coefficients.Particles,
            start.RingLength, start.Q1, start.P1, start.SeedLow, start.SeedHigh, TrajectoryOffset);
        _accelerator.Synchronize();
    }

    /// <summary>
    /// The blow-ups so far from a reduction of the status on the device: four longs per 256 trajectories come back
    /// (<see cref="InitialStateKernels.ReduceStatusKernel"/>), never the whole status.
    /// </summary>
    public BlowUpSummary? FindBlowUps()
    {
        _reduceStatus ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<long>, int, ArrayView<long>>(
            InitialStateKernels.ReduceStatusKernel);
        int blocks = (Trajectories + EnsembleKernels.ReductionBlock - 1) / EnsembleKernels.ReductionBlock;
        int n = InitialStateKernels.StatusPartialWidth * blocks;
        if (_statusPartials is null)
        {
            _statusPartials = _accelerator.Allocate1D<long>(n);
            _hostStatusPartials = new long[n];
        }
        _reduceStatus(blocks, _status.View, Trajectories, _statusPartials.View);
        _accelerator.Synchronize();
        _statusPartials.View.CopyToCPU(_hostStatusPartials);
        return StatusPartials.Summarize(_hostStatusPartials, blocks);
    }

    /// <summary>
    /// Sets every trajectory healthy on the device, without a host array of M longs and without a kernel to compile at
    /// set-up: <see cref="TrajectoryStatus.Healthy"/> is -1, every byte 0xFF, so a memset writes it.
    /// </summary>
    private void SetAllHealthy()
    {
        System.Diagnostics.Debug.Assert(TrajectoryStatus.Healthy == -1L);
        _status.View.MemSet(0xFF);
        _accelerator.Synchronize();
    }

    private void DisposeSetUpBuffers() => _statusPartials?.Dispose();
}
