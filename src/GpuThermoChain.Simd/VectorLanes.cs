using System.Runtime.CompilerServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>
/// One trajectory per lane of <typeparamref name="TF"/>, with the transcendentals of <typeparamref name="TMath"/>: how
/// the SIMD engine runs <see cref="ParticleMove"/>, at any width <typeparamref name="TW"/>. The wrap is
/// <see cref="TimeStep.Wrap"/> per lane (a floor reduction and two corrections), with the vector floor.
/// </summary>
public readonly struct VectorLanes<TW, TF, TI, TD, TMath> : IFloatLanes<TF>, IUniformLanes<TI, TF>
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
    public TF Log(TF x) => TMath.Log(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF Sqrt(TF x) => TW.Sqrt(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF PositivePart(TF x) => TW.And(TW.LessThan(TW.Float(0f), x), x);
    /// <summary>
    /// <see cref="Philox4x32x10.Uniform"/> per lane: (w + 0.5) 2^-32 exact in double, rounded once to float. The word
    /// minus 2^31 converts exactly as a signed int, s; then s 2^-32 + (2^31 + 0.5) 2^-32 is one fused multiply-add whose
    /// exact value, (w + 0.5) 2^-32, needs 33 significant bits, so the double it rounds to is that value itself: the
    /// same double as adding first and scaling after, in one instruction where there were two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TF Uniform(TI word)
    {
        var signed = TW.Xor(word, TW.Int(int.MinValue));
        var scale = TW.Double(1.0 / 4294967296.0);
        var offset = TW.Double(2147483648.5 / 4294967296.0);
        return TW.Narrow(
            TW.FusedMultiplyAdd(TW.LowerToDouble(signed), scale, offset),
            TW.FusedMultiplyAdd(TW.UpperToDouble(signed), scale, offset));
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
