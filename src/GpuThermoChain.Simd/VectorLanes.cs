using System.Runtime.CompilerServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>
/// One trajectory per lane of <typeparamref name="TF"/>, with the transcendentals of <typeparamref name="TMath"/>: how
/// the SIMD engine runs <see cref="ParticleMove"/>, at any width <typeparamref name="TW"/>. The wrap is
/// <see cref="TimeStep.Wrap"/> per lane (a floor reduction and two corrections), with the vector floor.
/// </summary>
public readonly struct VectorLanes<TW, TF, TI, TD, TMath> : IFloatLanes<TF>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
    where TMath : ILaneMath<TF>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF Constant(float value) => TW.Float(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF Add(TF a, TF b) => TW.Add(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF Subtract(TF a, TF b) => TW.Subtract(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF Multiply(TF a, TF b) => TW.Multiply(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF Exp(TF x) => TMath.Exp(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF SinCos(TF x, out TF cos)
    {
        var (sin, c) = TMath.SinCos(x);
        cos = c;
        return sin;
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF Wrap(TF x, float ringLength, float inverseRingLength)
    {
        var ring = TW.Float(ringLength);
        x = TW.Subtract(x, TW.Multiply(ring, TW.Floor(TW.Multiply(x, TW.Float(inverseRingLength)))));
        x = TW.Select(TW.LessThan(x, TW.Float(0f)), TW.Add(x, ring), x);
        return TW.Select(TW.GreaterThanOrEqual(x, ring), TW.Subtract(x, ring), x);
    }
}
