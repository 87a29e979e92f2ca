using GpuThermoChain.Model;
using ILGPU;

namespace GpuThermoChain.Kernels;

/// <summary>
/// A trajectory's state in its group's shared memory, for the length of one launch: the on-chip layouts copy each
/// trajectory in from its <see cref="DeviceTrajectoryState"/> at the start of a launch, run every step of the launch on
/// this copy, and copy it back at the end. Why: in global memory every step reads and writes the whole state (N_b
/// particle floats and about 10N + 12 chain doubles, some 26 bytes per particle-step at the paper's parameters), which
/// past ~65536 trajectories made the kernel wait on memory traffic the step does not need (docs/benchmarks.md,
/// "GPU figures"); shared memory answers in tens of cycles instead of hundreds, and each launch moves the state once.
/// </summary>
/// <remarks>
/// Layout of the group's dynamic shared memory, for <c>stride</c> trajectories per group, element (row, slot) at
/// row * stride + slot so that consecutive slots (consecutive threads of a warp in the thread layout) touch
/// consecutive words: double rows q_0..q_(N-1), p_0..p_(N-1), the accumulator slots; then float rows x_0..x_(N_b-1).
/// The status stays in a register. Every thread touches only its own slot's words (in the tile layouts each thread
/// its own particles, rank 0 the rest), so no barrier is needed. The arithmetic of the step is the same code on the
/// same values as with the state in global memory: only where the operands live changes.
/// </remarks>
public struct SharedTrajectoryState : ITrajectoryState
{
    private readonly ArrayView<double> _doubles;
    private readonly ArrayView<float> _x;
    private readonly int _slot;
    private readonly int _stride;
    private readonly int _pRow;
    private readonly int _accumulatorRow;
    private long _status;

    /// <summary>Slot <paramref name="slot"/> of a group of <paramref name="stride"/> trajectories in <paramref name="shared"/>.</summary>
    public SharedTrajectoryState(ArrayView<double> shared, in StepCoefficients c, int slot, int stride)
    {
        int doubleRows = DoubleRows(c);
        long floatsFrom = (long)doubleRows * stride;
        _doubles = shared;
        // Without particles (the effective model) there is no float row, and a view starting at the end would be out of bounds.
        _x = c.Particles > 0 ? shared.SubView(floatsFrom, shared.Length - floatsFrom).Cast<float>() : default;
        _slot = slot;
        _stride = stride;
        _pRow = c.Sites;
        _accumulatorRow = 2 * c.Sites;
        _status = TrajectoryStatus.Healthy;
    }

    /// <summary>Double rows per trajectory: q, p and the accumulators.</summary>
    public static int DoubleRows(in StepCoefficients c) => 2 * c.Sites + c.AccumulatorCount;

    /// <summary>Bytes of shared memory one trajectory takes (its doubles, then its particles' floats).</summary>
    public static int BytesPerTrajectory(in StepCoefficients c) => 8 * DoubleRows(c) + 4 * c.Particles;

    /// <summary>Doubles of dynamic shared memory a group of <paramref name="trajectories"/> trajectories requests.</summary>
    public static int GroupDoubles(in StepCoefficients c, int trajectories) =>
        (int)(((long)BytesPerTrajectory(c) * trajectories + 7) / 8);

    /// <summary>Copies q, p, the accumulators and the status in from global memory.</summary>
    public void LoadChain(in DeviceTrajectoryState home, in StepCoefficients c)
    {
        for (int j = 0; j < c.Sites; j++)
        {
            SetQ(j, home.GetQ(j));
            SetP(j, home.GetP(j));
        }
        for (int a = 0; a < c.AccumulatorCount; a++)
        {
            SetAccumulator(a, home.GetAccumulator(a));
        }
        _status = home.GetStatus();
    }

    /// <summary>Copies q, p, the accumulators and the status back to global memory.</summary>
    public readonly void StoreChain(in DeviceTrajectoryState home, in StepCoefficients c)
    {
        for (int j = 0; j < c.Sites; j++)
        {
            home.SetQ(j, GetQ(j));
            home.SetP(j, GetP(j));
        }
        for (int a = 0; a < c.AccumulatorCount; a++)
        {
            home.SetAccumulator(a, GetAccumulator(a));
        }
        home.SetStatus(_status);
    }

    /// <summary>Copies particles <paramref name="first"/> .. first + count - 1 in from global memory.</summary>
    public void LoadParticles(in DeviceTrajectoryState home, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            SetX(i, home.GetX(i));
        }
    }

    /// <summary>Copies particles <paramref name="first"/> .. first + count - 1 back to global memory.</summary>
    public readonly void StoreParticles(in DeviceTrajectoryState home, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            home.SetX(i, GetX(i));
        }
    }

    /// <inheritdoc/>
    public readonly double GetQ(int site) => _doubles[site * _stride + _slot];
    /// <inheritdoc/>
    public readonly void SetQ(int site, double value) => _doubles[site * _stride + _slot] = value;
    /// <inheritdoc/>
    public readonly double GetP(int site) => _doubles[(_pRow + site) * _stride + _slot];
    /// <inheritdoc/>
    public readonly void SetP(int site, double value) => _doubles[(_pRow + site) * _stride + _slot] = value;
    /// <inheritdoc/>
    public readonly float GetX(int particle) => _x[particle * _stride + _slot];
    /// <inheritdoc/>
    public readonly void SetX(int particle, float value) => _x[particle * _stride + _slot] = value;
    /// <inheritdoc/>
    public readonly double GetAccumulator(int index) => _doubles[(_accumulatorRow + index) * _stride + _slot];
    /// <inheritdoc/>
    public readonly void SetAccumulator(int index, double value) => _doubles[(_accumulatorRow + index) * _stride + _slot] = value;
    /// <inheritdoc/>
    public readonly long GetStatus() => _status;
    /// <inheritdoc/>
    public void SetStatus(long value) => _status = value;
}
