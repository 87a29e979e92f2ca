using GpuThermoChain.Model;
using ILGPU;

namespace GpuThermoChain.Kernels;

/// <summary>
/// Device buffers of an ensemble of M trajectories, structure of arrays: element (j, t) at j * M + t, so the
/// threads of a warp (consecutive t) load consecutive addresses.
/// </summary>
public readonly struct EnsembleViews(
    ArrayView<double> q, ArrayView<double> p, ArrayView<float> x, ArrayView<double> accumulators, ArrayView<long> status, int trajectories)
{
    /// <summary>Positions [site * M + t].</summary>
    public readonly ArrayView<double> Q = q;
    /// <summary>Momenta [site * M + t].</summary>
    public readonly ArrayView<double> P = p;
    /// <summary>Particle positions [particle * M + t].</summary>
    public readonly ArrayView<float> X = x;
    /// <summary>Accumulators [slot * M + t].</summary>
    public readonly ArrayView<double> Accumulators = accumulators;
    /// <summary>Status [t].</summary>
    public readonly ArrayView<long> Status = status;
    /// <summary>M.</summary>
    public readonly int Trajectories = trajectories;
}

/// <summary>
/// Device-backed <see cref="ITrajectoryState"/>: trajectory <c>t</c> of an <see cref="EnsembleViews"/>; also the target
/// of the device's initial draw (<see cref="IInitialStateTarget"/>).
/// </summary>
public readonly struct DeviceTrajectoryState(EnsembleViews views, int t) : ITrajectoryState, IInitialStateTarget
{
    private readonly EnsembleViews _v = views;
    private readonly int _t = t;

    /// <inheritdoc/>
    public double GetQ(int site) => _v.Q[site * _v.Trajectories + _t];
    /// <inheritdoc/>
    public void SetQ(int site, double value) => _v.Q[site * _v.Trajectories + _t] = value;
    /// <inheritdoc/>
    public double GetP(int site) => _v.P[site * _v.Trajectories + _t];
    /// <inheritdoc/>
    public void SetP(int site, double value) => _v.P[site * _v.Trajectories + _t] = value;
    /// <inheritdoc/>
    public float GetX(int particle) => _v.X[particle * _v.Trajectories + _t];
    /// <inheritdoc/>
    public void SetX(int particle, float value) => _v.X[particle * _v.Trajectories + _t] = value;
    /// <inheritdoc/>
    public double GetAccumulator(int index) => _v.Accumulators[index * _v.Trajectories + _t];
    /// <inheritdoc/>
    public void SetAccumulator(int index, double value) => _v.Accumulators[index * _v.Trajectories + _t] = value;
    /// <inheritdoc/>
    public long GetStatus() => _v.Status[_t];
    /// <inheritdoc/>
    public void SetStatus(long value) => _v.Status[_t] = value;
}
