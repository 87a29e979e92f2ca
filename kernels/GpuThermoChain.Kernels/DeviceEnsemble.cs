using GpuThermoChain.Config;
using GpuThermoChain.Model;
using ILGPU;
using ILGPU.Runtime;

namespace GpuThermoChain.Kernels;

/// <summary>
/// An ensemble of M trajectories resident on one ILGPU accelerator: owns the SoA buffers (layout in
/// <see cref="EnsembleViews"/>), uploads the initial state, launches <see cref="EnsembleKernels.AdvanceKernel"/>
/// (or, for a tile layout, <see cref="TileKernels.AdvanceKernel"/>; see <see cref="KernelLayout"/>) in chunks
/// and reduces on the device. Trajectory t carries the noise id TrajectoryOffset + t, so an ensemble
/// may be split over several instances or devices without changing any trajectory.
/// </summary>
public sealed partial class DeviceEnsemble : IEnsemble
{
    private readonly Accelerator _accelerator;
    private readonly StepCoefficients _coefficients;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _q;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _p;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _x;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _accumulators;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _status;
    private readonly Action<Index1D, StepCoefficients, EnsembleViews, uint, uint, int, uint>? _advance;
    private readonly Action<KernelConfig, StepCoefficients, EnsembleViews, int, uint, uint, int, uint>? _advanceTile;
    private readonly Action<KernelConfig, StepCoefficients, EnsembleViews, uint, uint, int, uint>? _advanceOnChip;
    private readonly KernelConfig _explicitLaunch;
    private readonly Action<Index1D, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>> _reduce;
    private readonly Action<Index1D, ArrayView<double>, int, ArrayView<int>, int, ArrayView<double>, ArrayView<double>> _reduceBlocks;
    // Reduction scratch, allocated on first use and reused by every later reduction (grown, rarely, when one needs
    // more): the device partials (sums in the first half, sums of squares in the second) and their host copy.
    private MemoryBuffer1D<double, Stride1D.Dense>? _partials;
    private double[] _hostPartials = [];
    // Block bounds of the grouped reduction, uploaded once per group layout (kept while the groups stay the same).
    private MemoryBuffer1D<int, Stride1D.Dense>? _bounds;
    private int[] _boundsGroups = [];
    private int[] _blocksPerGroup = [];

    /// <summary>
    /// Allocates a zeroed ensemble (healthy status) of <paramref name="trajectories"/> trajectories, advanced with
    /// the kernel of <paramref name="layout"/> (a tile layout needs an accelerator whose warp size G divides).
    /// </summary>
    public DeviceEnsemble(
        Accelerator accelerator, in StepCoefficients coefficients, int trajectories, uint trajectoryOffset,
        KernelLayout layout = KernelLayout.ThreadPerTrajectory)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        if (trajectories < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectories), "need at least one trajectory");
        }
        if ((ulong)trajectoryOffset + (ulong)trajectories > NoiseStreams.MaxTrajectories)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectoryOffset), "trajectory ids must stay below 2^32");
        }
        int widest = Math.Max(Math.Max(coefficients.Sites, coefficients.Particles), coefficients.AccumulatorCount);
        if ((long)widest * trajectories > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectories), "rows * trajectories must fit in a 32-bit index");
        }
        int tileSize = layout.TileSize();
        if (tileSize > 1 && (accelerator.WarpSize < tileSize || accelerator.WarpSize % tileSize != 0))
        {
            throw new ArgumentException(
                $"layout {layout.Name()} needs a tile of {tileSize} threads of one warp per trajectory; this accelerator's warp size is {accelerator.WarpSize}",
                nameof(layout));
        }
        if ((long)tileSize * trajectories > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectories), "tile size * trajectories must fit in a 32-bit thread index");
        }
        _accelerator = accelerator;
        _coefficients = coefficients;
        Trajectories = trajectories;
        TrajectoryOffset = trajectoryOffset;
        string where = $"{accelerator.Name} ({EnsembleSize.Bytes(accelerator.MemorySize)})";
        if ((double)EnsembleMemory.BytesPerTrajectory(coefficients) * trajectories > accelerator.MemorySize)
        {
            throw EnsembleMemory.OutOfMemory(coefficients, trajectories, where, null);
        }
        try
        {
            _q = accelerator.Allocate1D<double>(coefficients.Sites * trajectories);
            _p = accelerator.Allocate1D<double>(coefficients.Sites * trajectories);
            _x = accelerator.Allocate1D<float>(Math.Max(1, coefficients.Particles * trajectories));
            _accumulators = accelerator.Allocate1D<double>(coefficients.AccumulatorCount * trajectories);
            _status = accelerator.Allocate1D<long>(trajectories);
        }
        catch (Exception e) when (DeviceMemory.IsOutOfDeviceMemory(e) || e is OutOfMemoryException)
        {
            _q?.Dispose();
            _p?.Dispose();
            _x?.Dispose();
            _accumulators?.Dispose();
            throw EnsembleMemory.OutOfMemory(coefficients, trajectories, where, e);
        }
        // Whatever fails from here on (a kernel the driver refuses, say) must not leave the buffers allocated: the
        // bench goes on to the next layout on the same device.
        try
        {
            _q.MemSetToZero();
            _p.MemSetToZero();
            _x.MemSetToZero();
            ResetAccumulators();
            SetAllHealthy();
            (layout, ThreadsPerGroup) = LaunchPlan(accelerator, coefficients, trajectories, layout);
            tileSize = layout.TileSize();
            Layout = layout;
            var load = new KernelLoader(accelerator, coefficients, layout, ThreadsPerGroup);
            ParticleSchemeDispatch.Run(coefficients, ref load);
            _advance = load.Advance;
            _advanceTile = load.AdvanceTile;
            _advanceOnChip = load.AdvanceOnChip;
            int groups = (int)(((long)tileSize * trajectories + ThreadsPerGroup - 1) / ThreadsPerGroup);
            _explicitLaunch = layout.StateOnChip()
                ? new KernelConfig(groups, ThreadsPerGroup,
                    SharedMemoryConfig.RequestDynamic<double>(SharedTrajectoryState.GroupDoubles(InSharedMemory(layout, coefficients), ThreadsPerGroup / tileSize)))
                : new KernelConfig(groups, ThreadsPerGroup);
            _reduce = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>>(
                EnsembleKernels.ReduceKernel);
            _reduceBlocks = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, ArrayView<int>, int, ArrayView<double>, ArrayView<double>>(
                EnsembleKernels.ReduceBlocksKernel);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads the advance kernel of the layout, compiled for the particle scheme the coefficients name: the one choice of
    /// scheme for the ensemble's lifetime, so each launch runs a kernel with nothing to decide about it.
    /// </summary>
    private struct KernelLoader(Accelerator accelerator, StepCoefficients coefficients, KernelLayout layout, int threadsPerGroup) : IParticleStepUser
    {
        public Action<Index1D, StepCoefficients, EnsembleViews, uint, uint, int, uint>? Advance;
        public Action<KernelConfig, StepCoefficients, EnsembleViews, int, uint, uint, int, uint>? AdvanceTile;
        public Action<KernelConfig, StepCoefficients, EnsembleViews, uint, uint, int, uint>? AdvanceOnChip;

        public void Run<TScheme, TCoupling>()
            where TScheme : struct, IParticleScheme
            where TCoupling : struct, IParticleCoupling
        {
            bool onChip = layout.StateOnChip();
            if (layout.ParticlesInRegisters())
            {
                // LaunchPlan only keeps this layout for a bath size the register kernel is compiled for.
                var shaped = new RegisterKernelLoader<TScheme, TCoupling>(accelerator);
                if (!RegisterShapes.TryRun(coefficients, ref shaped))
                {
                    throw new InvalidOperationException($"no register kernel for N_b = {coefficients.Particles}");
                }
                AdvanceOnChip = shaped.Kernel;
            }
            else if (layout.TileSize() == 1 && onChip)
            {
                AdvanceOnChip = accelerator.LoadStreamKernel<StepCoefficients, EnsembleViews, uint, uint, int, uint>(
                    EnsembleKernels.AdvanceOnChipKernel<TScheme, TCoupling>);
            }
            else if (layout.TileSize() == 1)
            {
                Advance = accelerator.LoadImplicitlyGroupedStreamKernel<Index1D, StepCoefficients, EnsembleViews, uint, uint, int, uint>(
                    EnsembleKernels.AdvanceKernel<TScheme, TCoupling>, threadsPerGroup);
            }
            else
            {
                AdvanceTile = accelerator.LoadStreamKernel<StepCoefficients, EnsembleViews, int, uint, uint, int, uint>(
                    onChip ? TileKernels.AdvanceOnChipKernel<TScheme, TCoupling> : TileKernels.AdvanceKernel<TScheme, TCoupling>);
            }
        }
    }

    /// <summary>Loads <see cref="EnsembleKernels.AdvanceRegistersKernel"/> for the scheme, coupling and bath size.</summary>
    private struct RegisterKernelLoader<TScheme, TCoupling>(Accelerator accelerator) : IRegisterShapeUser
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        public Action<KernelConfig, StepCoefficients, EnsembleViews, uint, uint, int, uint>? Kernel;

        public void Run<TShape>()
            where TShape : struct, IRegisterShape
            => Kernel = accelerator.LoadStreamKernel<StepCoefficients, EnsembleViews, uint, uint, int, uint>(
                EnsembleKernels.AdvanceRegistersKernel<TScheme, TCoupling, TShape>);
    }

    /// <summary>
    /// The layout that runs when <paramref name="requested"/> is asked for, and its threads per group, on
    /// <paramref name="accelerator"/>: the register layout becomes <c>thread</c> for a bath size it is not compiled for
    /// (<see cref="RegisterShapes"/>); an on-chip layout whose one warp of trajectories does not fit a group's shared
    /// memory becomes its <c>-global</c> variant (<see cref="OnChipGroupSize"/>). What a result records as the layout is
    /// this one, not the one asked for.
    /// </summary>
    public static (KernelLayout Layout, int ThreadsPerGroup) LaunchPlan(Accelerator accelerator, in StepCoefficients c, long trajectories, KernelLayout requested)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return LaunchPlan(c, trajectories, requested, accelerator.WarpSize, accelerator.NumMultiprocessors,
            accelerator.MaxNumThreadsPerGroup, accelerator.MaxSharedMemoryPerGroup);
    }

    /// <summary><see cref="LaunchPlan(Accelerator, in StepCoefficients, long, KernelLayout)"/> for an accelerator of the given shape.</summary>
    public static (KernelLayout Layout, int ThreadsPerGroup) LaunchPlan(
        in StepCoefficients c, long trajectories, KernelLayout requested, int warpSize, int multiprocessors, int maxThreadsPerGroup, int maxSharedBytesPerGroup)
    {
        var layout = requested;
        if (layout.ParticlesInRegisters() && !RegisterShapes.Supports(c))
        {
            layout = KernelLayout.ThreadPerTrajectory;
        }
        int tileSize = layout.TileSize();
        int threads = GroupSize(tileSize * trajectories, warpSize, multiprocessors, maxThreadsPerGroup);
        if (!layout.StateOnChip())
        {
            return (layout, threads);
        }
        int? onChip = OnChipGroupSize(threads, tileSize, SharedTrajectoryState.BytesPerTrajectory(InSharedMemory(layout, c)), warpSize, maxSharedBytesPerGroup);
        return onChip is { } size ? (layout, size) : (layout.InGlobalMemory(), threads);
    }

    /// <summary>What of a trajectory a launch of <paramref name="layout"/> keeps in shared memory: all of it, or for the register layout the chain alone.</summary>
    private static StepCoefficients InSharedMemory(KernelLayout layout, in StepCoefficients c) =>
        layout.ParticlesInRegisters() ? RegisterShapes.ChainOnly(c) : c;

    /// <summary>
    /// Threads per group for an on-chip layout, or null where even one warp's trajectories do not fit in a group's shared
    /// memory (then the state stays in global memory). Starts from the <see cref="GroupSize(Accelerator, long)"/> choice
    /// and halves it (down to the warp) until the group's trajectories take at most half of
    /// <paramref name="maxSharedBytesPerGroup"/>: several small groups per multiprocessor pack its shared memory better
    /// than one or two large ones (on an H100 a multiprocessor holds 228 KB, a group at most 48 KB without opt-in).
    /// </summary>
    public static int? OnChipGroupSize(int threadsPerGroup, int tileSize, int bytesPerTrajectory, int warpSize, int maxSharedBytesPerGroup)
    {
        int warp = Math.Max(1, warpSize);
        long Bytes(int threads) => (long)(threads / tileSize) * bytesPerTrajectory;
        int size = threadsPerGroup;
        while (size > warp && Bytes(size) > maxSharedBytesPerGroup / 2)
        {
            size /= 2;
        }
        return Bytes(size) <= maxSharedBytesPerGroup ? size : null;
    }

    /// <summary>Threads per group of the advance kernel (<see cref="GroupSize"/>).</summary>
    public int ThreadsPerGroup { get; }

    /// <inheritdoc />
    public string LaunchShape =>
        $"{ThreadsPerGroup} threads x {((long)Layout.TileSize() * Trajectories + ThreadsPerGroup - 1) / ThreadsPerGroup} groups";

    /// <summary>M, trajectories in this ensemble.</summary>
    public int Trajectories { get; }
    /// <summary>Which kernel advances the trajectories.</summary>
    public KernelLayout Layout { get; }
    /// <summary>Noise id of local trajectory 0.</summary>
    public uint TrajectoryOffset { get; }
    /// <summary>The step coefficients every launch uses.</summary>
    public StepCoefficients Coefficients => _coefficients;
    /// <summary>Steps accumulated since the last <see cref="ResetAccumulators"/> (counted by <see cref="Advance"/>).</summary>
    public long MeasuredSteps { get; private set; }

    private EnsembleViews Views => new(_q.View, _p.View, _x.View, _accumulators.View, _status.View, Trajectories);

    /// <summary>
    /// Uploads a state in SoA layout: q and p [site * M + t], x [particle * M + t] (x within [0, L)).
    /// Pass null for x when there are no particles.
    /// </summary>
    public void Upload(double[] q, double[] p, float[]? x)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(p);
        RequireLength(q.Length, _coefficients.Sites, nameof(q));
        RequireLength(p.Length, _coefficients.Sites, nameof(p));
        _q.View.CopyFromCPU(q);
        _p.View.CopyFromCPU(p);
        if (_coefficients.Particles > 0)
        {
            ArgumentNullException.ThrowIfNull(x);
            RequireLength(x.Length, _coefficients.Particles, nameof(x));
            _x.View.CopyFromCPU(x);
        }
    }

    /// <summary>Zeroes every accumulator and <see cref="MeasuredSteps"/>.</summary>
    public void ResetAccumulators()
    {
        _accumulators.MemSetToZero();
        MeasuredSteps = 0;
    }

    /// <inheritdoc/>
    public void RestoreAccumulators(double[] accumulators, long measuredSteps)
    {
        ArgumentNullException.ThrowIfNull(accumulators);
        RequireLength(accumulators.Length, _coefficients.AccumulatorCount, nameof(accumulators));
        _accumulators.View.CopyFromCPU(accumulators);
        MeasuredSteps = measuredSteps;
    }

    /// <summary>
    /// Advances every trajectory by <paramref name="steps"/> steps numbered from <paramref name="firstStep"/>,
    /// <paramref name="stepsPerLaunch"/> per kernel launch (short launches keep GPU watchdogs quiet; the result
    /// does not depend on the split). Steps numbered &gt;= <paramref name="firstMeasuredStep"/> accumulate.
    /// Blocks until the device is done.
    /// </summary>
    public void Advance(long firstStep, long steps, long firstMeasuredStep, int stepsPerLaunch)
    {
        uint measuredFrom = AdvanceArguments.Check(firstStep, steps, firstMeasuredStep, stepsPerLaunch);
        var views = Views;
        for (long done = 0; done < steps; done += stepsPerLaunch)
        {
            int chunk = (int)Math.Min(stepsPerLaunch, steps - done);
            if (_advance is not null)
            {
                _advance(Trajectories, _coefficients, views, TrajectoryOffset, (uint)(firstStep + done), chunk, measuredFrom);
            }
            else if (_advanceOnChip is not null)
            {
                _advanceOnChip(_explicitLaunch, _coefficients, views, TrajectoryOffset, (uint)(firstStep + done), chunk, measuredFrom);
            }
            else
            {
                _advanceTile!(_explicitLaunch, _coefficients, views, Layout.TileSize(), TrajectoryOffset, (uint)(firstStep + done), chunk, measuredFrom);
            }
        }
        _accelerator.Synchronize();
        long end = firstStep + steps;
        long begin = Math.Max(firstStep, firstMeasuredStep);
        MeasuredSteps += Math.Max(0, end - begin);
    }

    /// <summary>Sum and sum of squares over trajectories of every accumulator slot (bit-reproducible).</summary>
    public EnsembleSums ReduceAccumulators() => Reduce(_accumulators.View, _coefficients.AccumulatorCount);

    /// <summary>Sum and sum of squares over trajectories of p_j, per site (e.g. the probe's mean velocity).</summary>
    public EnsembleSums ReduceMomenta() => Reduce(_p.View, _coefficients.Sites);

    /// <summary>Sum and sum of squares over trajectories of q_j, per site.</summary>
    public EnsembleSums ReducePositions() => Reduce(_q.View, _coefficients.Sites);

    /// <summary>
    /// Sums per contiguous group of trajectories in one launch (<see cref="EnsembleKernels.ReduceBlocksKernel"/>,
    /// blocks of 256 from each group's first trajectory), then the host adds each group's partials in order: the bits
    /// of <see cref="ReducePositions"/> and its kin on a separate ensemble of that group.
    /// </summary>
    public EnsembleSums[] ReduceRowsByGroups(EnsembleRows source, IReadOnlyList<int> groupSizes)
    {
        var (view, rows) = source switch
        {
            EnsembleRows.Positions => (_q.View, _coefficients.Sites),
            EnsembleRows.Momenta => (_p.View, _coefficients.Sites),
            EnsembleRows.Accumulators => (_accumulators.View, _coefficients.AccumulatorCount),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
        int blocks = GroupBounds(groupSizes);
        int n = rows * blocks;
        var partials = Scratch(n);
        _reduceBlocks(n, view, Trajectories, _bounds!.View, blocks, partials.SubView(0, n), partials.SubView(n, n));
        double[] p = Download(partials, n);
        var result = new EnsembleSums[groupSizes.Count];
        int firstBlock = 0;
        for (int g = 0; g < result.Length; g++)
        {
            var sum = new double[rows];
            var squares = new double[rows];
            for (int row = 0; row < rows; row++)
            {
                for (int b = firstBlock; b < firstBlock + _blocksPerGroup[g]; b++)
                {
                    sum[row] += p[row * blocks + b];
                    squares[row] += p[n + row * blocks + b];
                }
            }
            result[g] = new EnsembleSums(sum, squares);
            firstBlock += _blocksPerGroup[g];
        }
        return result;
    }

    /// <summary>Positions, SoA [site * M + t].</summary>
    public double[] DownloadQ() => _q.GetAsArray1D();
    /// <summary>Momenta, SoA [site * M + t].</summary>
    public double[] DownloadP() => _p.GetAsArray1D();
    /// <summary>Particle positions, SoA [particle * M + t] (empty without particles).</summary>
    public float[] DownloadX() => _coefficients.Particles > 0 ? _x.GetAsArray1D() : [];
    /// <summary>Accumulators, SoA [slot * M + t] (layout in <see cref="Accumulators"/>).</summary>
    public double[] DownloadAccumulators() => _accumulators.GetAsArray1D();
    /// <summary>Per trajectory: <see cref="TrajectoryStatus.Healthy"/> or the first step whose end state was not finite.</summary>
    public long[] DownloadStatus() => _status.GetAsArray1D();

    /// <inheritdoc/>
    public void Dispose()
    {
        _q.Dispose();
        _p.Dispose();
        _x.Dispose();
        _accumulators.Dispose();
        _status.Dispose();
        _partials?.Dispose();
        _bounds?.Dispose();
        DisposeSetUpBuffers();
    }

    /// <summary>
    /// Threads per group for <paramref name="threads"/> threads: the largest power of two from 256 down to the warp
    /// size that still gives at least two groups per multiprocessor, else the warp size. Why not the occupancy API's
    /// choice (ILGPU's auto-grouping): for this register-light kernel it picks large groups (640 threads for sm_90 at
    /// 42 registers, by CUDA's occupancy calculator), so an ensemble of 16384 trajectories would make 26 groups for an
    /// H100's 132 multiprocessors. The launch shapes this rule gives are recorded with the H200's measured rates in
    /// docs/benchmarks.md (GPU figures). Small groups spread
    /// the same threads over every multiprocessor; a whole number of warps keeps a tile layout's trajectory inside
    /// one warp (the surplus threads of a tile launch's last group have no trajectory and only take part in the
    /// shuffles).
    /// </summary>
    public static int GroupSize(Accelerator accelerator, long threads)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return GroupSize(threads, accelerator.WarpSize, accelerator.NumMultiprocessors, accelerator.MaxNumThreadsPerGroup);
    }

    /// <summary><see cref="GroupSize(Accelerator, long)"/> for an accelerator of the given shape.</summary>
    public static int GroupSize(long threads, int warpSize, int multiprocessors, int maxThreadsPerGroup)
    {
        int warp = Math.Max(1, warpSize);
        long wanted = 2L * Math.Max(1, multiprocessors);
        int largest = Math.Min(256, maxThreadsPerGroup);
        for (int size = largest; size >= warp; size /= 2)
        {
            if (size % warp == 0 && (threads + size - 1) / size >= wanted)
            {
                return size;
            }
        }
        return warp;
    }

    private EnsembleSums Reduce(ArrayView<double> source, int rows)
    {
        int blocks = (Trajectories + EnsembleKernels.ReductionBlock - 1) / EnsembleKernels.ReductionBlock;
        int n = rows * blocks;
        var partials = Scratch(n);
        _reduce(n, source, Trajectories, blocks, partials.SubView(0, n), partials.SubView(n, n));
        double[] p = Download(partials, n);
        var sum = new double[rows];
        var squares = new double[rows];
        for (int row = 0; row < rows; row++)
        {
            for (int b = 0; b < blocks; b++)
            {
                sum[row] += p[row * blocks + b];
                squares[row] += p[n + row * blocks + b];
            }
        }
        return new EnsembleSums(sum, squares);
    }

    /// <summary>The reused device scratch for n partials and n partial squares (allocated when first too small).</summary>
    private ArrayView<double> Scratch(int n)
    {
        if (_partials is null || _partials.Length < 2L * n)
        {
            _partials?.Dispose();
            _partials = _accelerator.Allocate1D<double>(2L * n);
            _hostPartials = new double[2 * n];
        }
        return _partials.View;
    }

    /// <summary>Waits for the reduction and copies its 2n partials into the reused host array (one transfer).</summary>
    private double[] Download(ArrayView<double> partials, int n)
    {
        _accelerator.Synchronize();
        partials.SubView(0, 2 * n).CopyToCPU(_hostPartials.AsSpan(0, 2 * n));
        return _hostPartials;
    }

    /// <summary>
    /// Uploads (only when the groups differ from the last call's) the bounds of blocks of up to 256 trajectories,
    /// counted from each group's first trajectory; returns the number of blocks.
    /// </summary>
    private int GroupBounds(IReadOnlyList<int> groupSizes)
    {
        HostReduction.CheckGroups(groupSizes, Trajectories);
        if (_bounds is not null && groupSizes.SequenceEqual(_boundsGroups))
        {
            return _blocksPerGroup.Sum();
        }
        var bounds = new List<int>();
        var perGroup = new int[groupSizes.Count];
        int first = 0;
        for (int g = 0; g < groupSizes.Count; g++)
        {
            int end = first + groupSizes[g];
            for (int begin = first; begin < end; begin += EnsembleKernels.ReductionBlock)
            {
                bounds.Add(begin);
                bounds.Add(Math.Min(begin + EnsembleKernels.ReductionBlock, end));
                perGroup[g]++;
            }
            first = end;
        }
        _bounds?.Dispose();
        _bounds = null;
        _bounds = _accelerator.Allocate1D(bounds.ToArray());
        _boundsGroups = groupSizes.ToArray();
        _blocksPerGroup = perGroup;
        return bounds.Count / 2;
    }

    private void RequireLength(int length, int rows, string name)
    {
        if (length != rows * Trajectories)
        {
            throw new ArgumentException($"{name} must have {rows} * {Trajectories} elements in SoA layout", name);
        }
    }
}
