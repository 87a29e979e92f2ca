using GpuThermoChain.Model;
using ILGPU;

namespace GpuThermoChain.Kernels;

/// <summary>ILGPU entry points: the physics lives in <see cref="TimeStep"/>; these only bind a thread to a trajectory.</summary>
public static class EnsembleKernels
{
    /// <summary>Trajectories summed by one thread of <see cref="ReduceKernel"/>: the block every engine reduces in.</summary>
    public const int ReductionBlock = HostReduction.ReductionBlock;

    /// <summary>
    /// One thread per trajectory t: advance <paramref name="steps"/> steps from <paramref name="firstStep"/>;
    /// the noise id is <paramref name="trajectoryOffset"/> + t. ILGPU compiles one kernel per particle scheme and
    /// coupling (<see cref="ParticleSchemeDispatch"/>).
    /// </summary>
    public static void AdvanceKernel<TScheme, TCoupling>(
        Index1D t, StepCoefficients c, EnsembleViews views, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        var state = new DeviceTrajectoryState(views, t);
        TimeStep.Advance<DeviceTrajectoryState, TScheme, TCoupling>(ref state, c, trajectoryOffset + (uint)t.X, firstStep, steps, firstMeasuredStep);
    }

    /// <summary>
    /// <see cref="AdvanceKernel{TScheme, TCoupling}"/> with the state on chip: explicitly grouped, thread l of group g
    /// advances local trajectory g * (group size) + l in slot l of the group's dynamic shared memory
    /// (<see cref="SharedTrajectoryState"/>, which the launch sizes), copied in before the first step and out after the
    /// last. Same step, same noise, same arithmetic.
    /// </summary>
    public static void AdvanceOnChipKernel<TScheme, TCoupling>(
        StepCoefficients c, EnsembleViews views, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int slot = Group.IdxX;
        int t = Grid.IdxX * Group.DimX + slot;
        if (t >= views.Trajectories)
        {
            return;
        }
        var home = new DeviceTrajectoryState(views, t);
        var state = new SharedTrajectoryState(SharedMemory.GetDynamic<double>(), c, slot, Group.DimX);
        state.LoadChain(home, c);
        state.LoadParticles(home, 0, c.Particles);
        TimeStep.Advance<SharedTrajectoryState, TScheme, TCoupling>(ref state, c, trajectoryOffset + (uint)t, firstStep, steps, firstMeasuredStep);
        state.StoreParticles(home, 0, c.Particles);
        state.StoreChain(home, c);
    }

    /// <summary>
    /// <see cref="AdvanceOnChipKernel{TScheme, TCoupling}"/> with the particles in registers: thread l of group g advances
    /// local trajectory g * (group size) + l, its N_b = <typeparamref name="TShape"/> particles held in registers and its
    /// chain in slot l of the group's shared memory (<see cref="RegisterTrajectoryState{TShape}"/>) for the whole launch.
    /// The step is <see cref="TimeStep.Advance{TState, TScheme, TCoupling, TGroups}"/> with the groups written out
    /// (<see cref="RegisterGroups{TShape}"/>), on coefficients whose bath size is the shape's constant: same step, same
    /// noise, same arithmetic in the same order as the other thread kernels.
    /// </summary>
    public static void AdvanceRegistersKernel<TScheme, TCoupling, TShape>(
        StepCoefficients c, EnsembleViews views, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        where TShape : struct, IRegisterShape
    {
        int slot = Group.IdxX;
        int t = Grid.IdxX * Group.DimX + slot;
        if (t >= views.Trajectories)
        {
            return;
        }
        var shaped = RegisterShapes.Specialise<TShape>(c);
        var home = new DeviceTrajectoryState(views, t);
        var state = new RegisterTrajectoryState<TShape>(SharedMemory.GetDynamic<double>(), shaped, slot, Group.DimX);
        state.Load(home, shaped);
        TimeStep.Advance<RegisterTrajectoryState<TShape>, TScheme, TCoupling, RegisterGroups<TShape>>(
            ref state, shaped, trajectoryOffset + (uint)t, firstStep, steps, firstMeasuredStep);
        state.Store(home, shaped);
    }

    /// <summary>
    /// Deterministic partial sums: thread i = row * blocks + b sums <paramref name="source"/>[row * M + t] and its
    /// square over t in block b (256 trajectories) in increasing t, writing partials[i] and partialSquares[i].
    /// No atomics, so the result is bit-reproducible; the host adds the partials of a row in order of b.
    /// </summary>
    public static void ReduceKernel(
        Index1D i, ArrayView<double> source, int trajectories, int blocks, ArrayView<double> partials, ArrayView<double> partialSquares)
    {
        int row = i / blocks;
        int block = i - row * blocks;
        int begin = block * ReductionBlock;
        int end = begin + ReductionBlock < trajectories ? begin + ReductionBlock : trajectories;
        var (sum, squares) = SumBlock(source, row * trajectories, begin, end);
        partials[i] = sum;
        partialSquares[i] = squares;
    }

    /// <summary>
    /// <see cref="ReduceKernel"/> over blocks with given bounds: thread i = row * blocks + b sums
    /// <paramref name="source"/>[row * M + t] and its square over t in [bounds[2b], bounds[2b + 1]) in increasing t.
    /// With blocks of up to 256 counted from the first trajectory of each contiguous group, the partials of a group
    /// are exactly those <see cref="ReduceKernel"/> gives for an ensemble of that group alone (the grouped reduction).
    /// </summary>
    public static void ReduceBlocksKernel(
        Index1D i, ArrayView<double> source, int trajectories, ArrayView<int> bounds, int blocks,
        ArrayView<double> partials, ArrayView<double> partialSquares)
    {
        int row = i / blocks;
        int block = i - row * blocks;
        int begin = bounds[2 * block];
        int end = bounds[2 * block + 1];
        var (sum, squares) = SumBlock(source, row * trajectories, begin, end);
        partials[i] = sum;
        partialSquares[i] = squares;
    }

    /// <summary>Sum and sum of squares of source[offset + t] for t in [begin, end), in increasing t (the fixed order).</summary>
    private static (double Sum, double Squares) SumBlock(ArrayView<double> source, int offset, int begin, int end)
    {
        double sum = 0.0;
        double squares = 0.0;
        for (int t = begin; t < end; t++)
        {
            double v = source[offset + t];
            sum += v;
            squares += v * v;
        }
        return (sum, squares);
    }
}
