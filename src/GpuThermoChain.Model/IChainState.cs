namespace GpuThermoChain.Model;

/// <summary>
/// The chain's state as the chain part of a step sees it (<see cref="ChainMove"/>), with lane values
/// <typeparamref name="T"/>: one trajectory (<see cref="ITrajectoryState"/>, T = double) or a vector of trajectories
/// (the CPU SIMD engine). Indices are 0-based: site j = 0..N-1 is the model's site j + 1.
/// </summary>
public interface IChainState<T>
    where T : struct
{
    /// <summary>Position q of site <paramref name="site"/>.</summary>
    T GetQ(int site);
    /// <summary>Sets position q of site <paramref name="site"/>.</summary>
    void SetQ(int site, T value);
    /// <summary>Momentum p of site <paramref name="site"/>.</summary>
    T GetP(int site);
    /// <summary>Sets momentum p of site <paramref name="site"/>.</summary>
    void SetP(int site, T value);
    /// <summary>Accumulator slot <paramref name="index"/> (see <see cref="Accumulators"/>).</summary>
    T GetAccumulator(int index);
    /// <summary>Sets accumulator slot <paramref name="index"/>.</summary>
    void SetAccumulator(int index, T value);
}

/// <summary>
/// The normal an O-step multiplies (<see cref="ChainMove.Step{TState, T, TLanes, TNoise}"/>): the first normal of the
/// Langevin bath's keyed draw for this step and trajectory (<see cref="NoiseStreams"/>), per lane.
/// </summary>
public interface IBathNoise<T>
    where T : struct
{
    /// <summary>The O-step normal of the bath <paramref name="purpose"/> (<see cref="NoiseStreams.RightLangevinBath"/> or <see cref="NoiseStreams.LeftLangevinBath"/>).</summary>
    T Normal(uint purpose);
}

/// <summary>
/// <see cref="IBathNoise{T}"/> of one trajectory, drawn where the step asks for it (<see cref="TimeStep.BathNormal"/>:
/// the keyed normal with substep 0, group 0, first normal, refined by <see cref="StepRefinement"/> in a bias check's
/// run at half the step).
/// </summary>
public readonly struct KeyedBathNoise(in StepCoefficients c, uint trajectory, uint step) : IBathNoise<double>
{
    private readonly StepCoefficients _c = c;

    /// <inheritdoc/>
    public double Normal(uint purpose) => TimeStep.BathNormal(_c, trajectory, step, purpose);
}
