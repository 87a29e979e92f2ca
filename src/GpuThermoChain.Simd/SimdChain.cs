using GpuThermoChain.Config;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>
/// The chain part of a step for half a block, one trajectory per lane of the double vector <typeparamref name="TD"/>:
/// <see cref="ChainMove"/>, the kernels' own chain step, run on <see cref="SimdChainState{TW, TF, TI, TD}"/> with
/// <see cref="DoubleVectorLanes{TW, TF, TI, TD}"/>, so given the same impulse and O-step normals every lane is bit for bit
/// the scalar step. Lanes whose bit in the mask is clear keep their state, as a blown-up trajectory does in
/// <see cref="TimeStep.Advance{TState}"/>.
/// </summary>
public static class SimdChain<TW, TF, TI, TD>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <summary>q_1 as the particles see it (<see cref="ChainMove.ProbePosition{TState, T, TLanes}"/>) for the lanes from <paramref name="first"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD ProbePosition(HostEnsemble state, in StepCoefficients c, int first)
    {
        var lanes = new SimdChainState<TW, TF, TI, TD>(state, first, TW.Double(0.0));
        return ChainMove.ProbePosition<SimdChainState<TW, TF, TI, TD>, TD, DoubleVectorLanes<TW, TF, TI, TD>>(ref lanes, default, c);
    }

    /// <summary>
    /// <see cref="ChainMove.Step{TState, T, TLanes, TNoise}"/> for the lanes from <paramref name="first"/> on, with the
    /// O-steps' normals given (unused where that bath is off). q_1 at the step's start is the stored one: the particles,
    /// which ran first, do not move the chain.
    /// </summary>
    /// <remarks>Not inlined: the JIT inlines a bounded number of calls into one method (see SimdParticles.Group).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Step(HostEnsemble state, in StepCoefficients c, int first, bool measure, TD impulse, TD rightNormal, TD leftNormal, TD active)
    {
        var lanes = new SimdChainState<TW, TF, TI, TD>(state, first, active);
        var q1Old = lanes.GetQ(0);
        ChainMove.Step<SimdChainState<TW, TF, TI, TD>, TD, DoubleVectorLanes<TW, TF, TI, TD>, VectorBathNoise<TD>>(
            ref lanes, default, c, new VectorBathNoise<TD>(rightNormal, leftNormal), measure, q1Old, impulse);
    }

    /// <summary><see cref="ChainMove.AccumulateMeanForce{TState, T, TLanes}"/> for the lanes from <paramref name="first"/> on.</summary>
    public static void AccumulateMeanForce(HostEnsemble state, in StepCoefficients c, int first, TD impulse, TD active)
    {
        var lanes = new SimdChainState<TW, TF, TI, TD>(state, first, active);
        ChainMove.AccumulateMeanForce<SimdChainState<TW, TF, TI, TD>, TD, DoubleVectorLanes<TW, TF, TI, TD>>(ref lanes, default, c, impulse);
    }

    /// <summary>Lanes whose q_1, p_1 and p_N are all finite (<see cref="TimeStep.CheckFinite{TState}"/>), as a mask.</summary>
    public static TD Finite(HostEnsemble state, in StepCoefficients c, int first)
    {
        var lanes = new SimdChainState<TW, TF, TI, TD>(state, first, TW.Double(0.0));
        return TW.And(TW.And(TW.Finite(lanes.GetQ(0)), TW.Finite(lanes.GetP(0))), TW.Finite(lanes.GetP(c.Sites - 1)));
    }
}

/// <summary>
/// The chain state of the trajectories first .. first + lanes - 1 of a <see cref="HostEnsemble"/> (row r at
/// r * M + first), as <see cref="IChainState{T}"/>: stores keep the lanes whose bit in the mask is clear.
/// </summary>
public readonly struct SimdChainState<TW, TF, TI, TD>(HostEnsemble state, int first, TD active) : IChainState<TD>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    private readonly double[] _q = state.Q;
    private readonly double[] _p = state.P;
    private readonly double[] _accumulators = state.Accumulators;
    private readonly int _stride = state.Trajectories;
    private readonly int _first = first;
    private readonly TD _active = active;

    /// <inheritdoc/>
    public TD GetQ(int site) => Load(_q, site);
    /// <inheritdoc/>
    public void SetQ(int site, TD value) => Store(_q, site, value);
    /// <inheritdoc/>
    public TD GetP(int site) => Load(_p, site);
    /// <inheritdoc/>
    public void SetP(int site, TD value) => Store(_p, site, value);
    /// <inheritdoc/>
    public TD GetAccumulator(int index) => Load(_accumulators, index);
    /// <inheritdoc/>
    public void SetAccumulator(int index, TD value) => Store(_accumulators, index, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TD Load(double[] array, int row)
        => TW.Load(ref MemoryMarshal.GetArrayDataReference(array), (nuint)(row * _stride + _first));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(double[] array, int row, TD value)
    {
        ref double origin = ref MemoryMarshal.GetArrayDataReference(array);
        nuint offset = (nuint)(row * _stride + _first);
        TW.Store(TW.Select(_active, value, TW.Load(ref origin, offset)), ref origin, offset);
    }
}

/// <summary>The O-step normals of half a block, drawn before the chain step (<see cref="IBathNoise{T}"/>).</summary>
public readonly struct VectorBathNoise<TD>(TD right, TD left) : IBathNoise<TD>
    where TD : struct
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD Normal(uint purpose) => purpose == NoiseStreams.LeftLangevinBath ? left : right;
}

/// <summary>One trajectory per lane of a double vector: how the SIMD engine runs <see cref="ChainMove"/>.</summary>
public readonly struct DoubleVectorLanes<TW, TF, TI, TD> : IDoubleLanes<TD>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD Constant(double value) => TW.Double(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD Add(TD a, TD b) => TW.Add(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD Subtract(TD a, TD b) => TW.Subtract(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD Multiply(TD a, TD b) => TW.Multiply(a, b);
}
