using System.Runtime.CompilerServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>
/// Vectorised float exp, log, sin/cos: Cody-Waite range reduction with FMA, then the minimax polynomials of
/// Cephes' expf, logf, sinf/cosf (S. Moshier), branch-free. Maximum errors against double precision over the
/// ranges the step uses, held by <c>LaneMathAccuracyTests</c> on 2^20-point grids (2.4e-7 = 2 ulp of 1):
/// exp on [-87.3, 0]: relative 2.4e-7; below e^-87.34 (no normal float) it returns 0 where MathF gives a
/// subnormal, an absolute error under 1.2e-38;
/// log on [2^-33, 1] (every Box-Muller uniform): 2.4e-7 absolute where |log x| &lt; 1, relative above;
/// sin, cos on [0, 2 pi] (every angle the step forms): 2.4e-7 absolute.
/// MathF itself is within about 1 ulp, so the two differ by a few ulp: that is the only difference between
/// this engine and the shared step.
/// </summary>
public readonly struct PolynomialLaneMath<TW, TF, TI, TD> : ILaneMath<TF>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    /// <summary>The lowest argument of <see cref="Exp"/> whose result is a normal float; below it Exp returns 0.</summary>
    public const float ExpLowest = -87.3365447505531f;
    /// <summary>The highest argument <see cref="Exp"/> evaluates; above it the result is that of ExpHighest.</summary>
    public const float ExpHighest = 88.0f;
    private const float TwoOverPi = 0.636619772367581343f;
    private const float HalfPiHigh = 1.57079637050628662f;
    private const float HalfPiLow = -4.37113900018624283e-8f;
    private const float SqrtHalf = 0.707106781186547524f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Exp(TF x) =>
        TW.Select(TW.LessThan(x, TW.Float(ExpLowest)), TW.Float(0f), ExpWithinRange(TW.Min(TW.Max(x, TW.Float(ExpLowest)), TW.Float(ExpHighest))));

    /// <summary>
    /// <see cref="Exp"/> without its guards, for x in [<see cref="ExpLowest"/>, <see cref="ExpHighest"/>], where the
    /// guards change nothing (the same bits); outside it the result is meaningless.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF ExpWithinRange(TF x)
    {
        var n = TW.Round(TW.Multiply(x, TW.Float(Log2E)));
        var r = TW.FusedMultiplyAdd(n, TW.Float(-Ln2High), x);
        r = TW.FusedMultiplyAdd(n, TW.Float(-Ln2Low), r);
        var p = TW.FusedMultiplyAdd(TW.Float(1.9875691500e-4f), r, TW.Float(1.3981999507e-3f));
        p = TW.FusedMultiplyAdd(p, r, TW.Float(8.3334519073e-3f));
        p = TW.FusedMultiplyAdd(p, r, TW.Float(4.1665795894e-2f));
        p = TW.FusedMultiplyAdd(p, r, TW.Float(1.6666665459e-1f));
        p = TW.FusedMultiplyAdd(p, r, TW.Float(5.0000001201e-1f));
        p = TW.Add(TW.FusedMultiplyAdd(p, TW.Multiply(r, r), r), TW.Float(1f));
        var scale = TW.AsFloat(TW.ShiftLeft(TW.Add(TW.ConvertToInt(n), TW.Int(127)), 23));
        return TW.Multiply(p, scale);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Log(TF x)
    {
        var bits = TW.AsInt(x);
        var exponent = TW.Subtract(TW.ShiftRightLogical(bits, 23), TW.Int(126));
        var mantissa = TW.AsFloat(TW.Or(TW.And(bits, TW.Int(0x007FFFFF)), TW.Int(0x3F000000)));
        var small = TW.LessThan(mantissa, TW.Float(SqrtHalf));
        exponent = TW.Add(exponent, TW.AsInt(small));
        var m = TW.Add(TW.Subtract(mantissa, TW.Float(1f)), TW.And(mantissa, small));
        var z = TW.Multiply(m, m);
        var p = TW.FusedMultiplyAdd(TW.Float(7.0376836292e-2f), m, TW.Float(-1.1514610310e-1f));
        p = TW.FusedMultiplyAdd(p, m, TW.Float(1.1676998740e-1f));
        p = TW.FusedMultiplyAdd(p, m, TW.Float(-1.2420140846e-1f));
        p = TW.FusedMultiplyAdd(p, m, TW.Float(1.4249322787e-1f));
        p = TW.FusedMultiplyAdd(p, m, TW.Float(-1.6668057665e-1f));
        p = TW.FusedMultiplyAdd(p, m, TW.Float(2.0000714765e-1f));
        p = TW.FusedMultiplyAdd(p, m, TW.Float(-2.4999993993e-1f));
        p = TW.FusedMultiplyAdd(p, m, TW.Float(3.3333331174e-1f));
        var e = TW.ConvertToFloat(exponent);
        var y = TW.Multiply(TW.Multiply(p, m), z);
        y = TW.FusedMultiplyAdd(e, TW.Float(Ln2Low), y);
        y = TW.FusedMultiplyAdd(z, TW.Float(-0.5f), y);
        return TW.FusedMultiplyAdd(e, TW.Float(Ln2High), TW.Add(m, y));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TF Sin, TF Cos) SinCos(TF x)
    {
        var j = TW.Round(TW.Multiply(x, TW.Float(TwoOverPi)));
        var r = TW.FusedMultiplyAdd(j, TW.Float(-HalfPiHigh), x);
        r = TW.FusedMultiplyAdd(j, TW.Float(-HalfPiLow), r);
        var z = TW.Multiply(r, r);
        var s = TW.FusedMultiplyAdd(TW.Float(-1.9515295891e-4f), z, TW.Float(8.3321608736e-3f));
        s = TW.FusedMultiplyAdd(s, z, TW.Float(-1.6666654611e-1f));
        s = TW.FusedMultiplyAdd(TW.Multiply(s, z), r, r);
        var c = TW.FusedMultiplyAdd(TW.Float(2.443315711809948e-5f), z, TW.Float(-1.388731625493765e-3f));
        c = TW.FusedMultiplyAdd(c, z, TW.Float(4.166664568298827e-2f));
        c = TW.FusedMultiplyAdd(TW.Multiply(c, z), z, TW.FusedMultiplyAdd(z, TW.Float(-0.5f), TW.Float(1f)));
        var quadrant = TW.ConvertToInt(j);
        var one = TW.Int(1);
        var swap = TW.AsFloat(TW.Equal(TW.And(quadrant, one), one));
        var sin = TW.Select(swap, c, s);
        var cos = TW.Select(swap, s, c);
        var sinSign = TW.AsFloat(TW.ShiftLeft(TW.And(quadrant, TW.Int(2)), 30));
        var cosSign = TW.AsFloat(TW.ShiftLeft(TW.And(TW.Add(quadrant, one), TW.Int(2)), 30));
        return (TW.Xor(sin, sinSign), TW.Xor(cos, cosSign));
    }
}

/// <summary>
/// <see cref="PolynomialLaneMath{TW, TF, TI, TD}"/> for a step whose every exponential argument is known to lie within
/// [<see cref="PolynomialLaneMath{TW, TF, TI, TD}.ExpLowest"/>, <see cref="PolynomialLaneMath{TW, TF, TI, TD}.ExpHighest"/>]
/// (<see cref="IParticleCoupling.ExpArgumentBound"/>; the paper's coupling, rho (cos theta - 1) in [-2 rho, 0], for
/// rho up to about 40): Exp without the clamps and the select that only act outside that range, the same bits. Those
/// three operations sit at the head and the tail of the particle move's longest dependency chain (angle, cosine,
/// exponential, force, drift, wrap): without them a run took 0.975 of the time with AVX2 and 0.954 with AVX-512
/// (docs/benchmarks.md).
/// </summary>
public readonly struct PolynomialLaneMathWithinRange<TW, TF, TI, TD> : ILaneMath<TF>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <summary>
    /// Whether the step under <paramref name="c"/> with coupling <typeparamref name="TCoupling"/> keeps every exponential
    /// argument within range, with a tenth of the range to spare for the float rounding of the argument.
    /// </summary>
    public static bool Covers<TCoupling>(in StepCoefficients c)
        where TCoupling : struct, IParticleCoupling
    {
        float bound = default(TCoupling).ExpArgumentBound(c);
        return bound <= 0.9f * Math.Min(-PolynomialLaneMath<TW, TF, TI, TD>.ExpLowest, PolynomialLaneMath<TW, TF, TI, TD>.ExpHighest);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Exp(TF x) => PolynomialLaneMath<TW, TF, TI, TD>.ExpWithinRange(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Log(TF x) => PolynomialLaneMath<TW, TF, TI, TD>.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TF Sin, TF Cos) SinCos(TF x) => PolynomialLaneMath<TW, TF, TI, TD>.SinCos(x);
}
