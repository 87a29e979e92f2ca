using GpuThermoChain.Model;
using ILGPU;

namespace GpuThermoChain.Kernels;

/// <summary>
/// A trajectory's state for the length of one launch with its N_b particles in registers (<see cref="RegisterParticles"/>,
/// N_b fixed at compile time by <typeparamref name="TShape"/>) and its chain, accumulators and status in the group's
/// shared memory (<see cref="SharedTrajectoryState"/>, laid out without particle rows). Why the particles: they are
/// read and written by every particle-step, the chain only once per step for N_b particle-steps; in registers they
/// cost no shared-memory instruction or address arithmetic, and the group's shared memory shrinks to the chain's
/// (216 bytes a trajectory at N = 8 against 376), so more groups fit a multiprocessor. (The chain is not in registers:
/// its site loops, <see cref="ChainMove"/>, take the site count at run time and ILGPU does not unroll them.)
/// </summary>
public struct RegisterTrajectoryState<TShape> : ITrajectoryState
    where TShape : struct, IRegisterShape
{
    private SharedTrajectoryState _chain;
    private RegisterParticles _x;

    /// <summary>Slot <paramref name="slot"/> of a group of <paramref name="stride"/> trajectories in <paramref name="shared"/> (the chain's rows only).</summary>
    public RegisterTrajectoryState(ArrayView<double> shared, in StepCoefficients c, int slot, int stride)
    {
        _chain = new SharedTrajectoryState(shared, RegisterShapes.ChainOnly(c), slot, stride);
        _x = default;
    }

    /// <summary>Copies the whole state in from global memory.</summary>
    public void Load(in DeviceTrajectoryState home, in StepCoefficients c)
    {
        _chain.LoadChain(home, c);
        _x.Load(home, default(TShape).Particles);
    }

    /// <summary>Copies the whole state back to global memory.</summary>
    public readonly void Store(in DeviceTrajectoryState home, in StepCoefficients c)
    {
        _x.Store(home, default(TShape).Particles);
        _chain.StoreChain(home, c);
    }

    /// <inheritdoc/>
    public readonly double GetQ(int site) => _chain.GetQ(site);
    /// <inheritdoc/>
    public readonly void SetQ(int site, double value) => _chain.SetQ(site, value);
    /// <inheritdoc/>
    public readonly double GetP(int site) => _chain.GetP(site);
    /// <inheritdoc/>
    public readonly void SetP(int site, double value) => _chain.SetP(site, value);
    /// <inheritdoc/>
    public readonly double GetAccumulator(int index) => _chain.GetAccumulator(index);
    /// <inheritdoc/>
    public readonly void SetAccumulator(int index, double value) => _chain.SetAccumulator(index, value);
    /// <inheritdoc/>
    public readonly float GetX(int particle) => _x.Get(particle);
    /// <inheritdoc/>
    public void SetX(int particle, float value) => _x.Set(particle, value);
    /// <inheritdoc/>
    public readonly long GetStatus() => _chain.GetStatus();
    /// <inheritdoc/>
    public void SetStatus(long value) => _chain.SetStatus(value);
}
