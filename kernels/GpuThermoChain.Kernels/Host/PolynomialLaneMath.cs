using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GpuThermoChain.Kernels.Host;

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
public readonly struct PolynomialLaneMath : ILaneMath
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float ExpLowest = -87.3365447505531f;
    private const float ExpHighest = 88.0f;
    private const float TwoOverPi = 0.636619772367581343f;
    private const float HalfPiHigh = 1.57079637050628662f;
    private const float HalfPiLow = -4.37113900018624283e-8f;
    private const float SqrtHalf = 0.707106781186547524f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return Halves.Exp(x);
        }
        var clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpLowest)), Vector512.Create(ExpHighest));
        var n = Vector512.Round(clamped * Log2E);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1.9875691500e-4f), r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
        var scale = ((Vector512.ConvertToInt32(n) + Vector512.Create(127)) << 23).AsSingle();
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(ExpLowest)), Vector512<float>.Zero, p * scale);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return Halves.Log(x);
        }
        var bits = x.AsInt32();
        var exponent = (bits >>> 23) - Vector512.Create(126);
        var mantissa = ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F000000)).AsSingle();
        var small = Vector512.LessThan(mantissa, Vector512.Create(SqrtHalf));
        exponent += small.AsInt32();
        var m = mantissa - Vector512<float>.One + (mantissa & small);
        var z = m * m;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(7.0376836292e-2f), m, Vector512.Create(-1.1514610310e-1f));
        p = Vector512.FusedMultiplyAdd(p, m, Vector512.Create(1.1676998740e-1f));
        p = Vector512.FusedMultiplyAdd(p, m, Vector512.Create(-1.2420140846e-1f));
        p = Vector512.FusedMultiplyAdd(p, m, Vector512.Create(1.4249322787e-1f));
        p = Vector512.FusedMultiplyAdd(p, m, Vector512.Create(-1.6668057665e-1f));
        p = Vector512.FusedMultiplyAdd(p, m, Vector512.Create(2.0000714765e-1f));
        p = Vector512.FusedMultiplyAdd(p, m, Vector512.Create(-2.4999993993e-1f));
        p = Vector512.FusedMultiplyAdd(p, m, Vector512.Create(3.3333331174e-1f));
        var e = Vector512.ConvertToSingle(exponent);
        var y = p * m * z;
        y = Vector512.FusedMultiplyAdd(e, Vector512.Create(Ln2Low), y);
        y = Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), y);
        return Vector512.FusedMultiplyAdd(e, Vector512.Create(Ln2High), m + y);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<float> Sin, Vector512<float> Cos) SinCos(Vector512<float> x)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return Halves.SinCos(x);
        }
        var j = Vector512.Round(x * TwoOverPi);
        var r = Vector512.FusedMultiplyAdd(j, Vector512.Create(-HalfPiHigh), x);
        r = Vector512.FusedMultiplyAdd(j, Vector512.Create(-HalfPiLow), r);
        var z = r * r;
        var s = Vector512.FusedMultiplyAdd(Vector512.Create(-1.9515295891e-4f), z, Vector512.Create(8.3321608736e-3f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(-1.6666654611e-1f));
        s = Vector512.FusedMultiplyAdd(s * z, r, r);
        var c = Vector512.FusedMultiplyAdd(Vector512.Create(2.443315711809948e-5f), z, Vector512.Create(-1.388731625493765e-3f));
        c = Vector512.FusedMultiplyAdd(c, z, Vector512.Create(4.166664568298827e-2f));
        c = Vector512.FusedMultiplyAdd(c * z, z, Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), Vector512<float>.One));
        var quadrant = Vector512.ConvertToInt32(j);
        var swap = Vector512.Equals(quadrant & Vector512<int>.One, Vector512<int>.One).AsSingle();
        var sin = Vector512.ConditionalSelect(swap, c, s);
        var cos = Vector512.ConditionalSelect(swap, s, c);
        var sinSign = ((quadrant & Vector512.Create(2)) << 30).AsSingle();
        var cosSign = (((quadrant + Vector512<int>.One) & Vector512.Create(2)) << 30).AsSingle();
        return (sin ^ sinSign, cos ^ cosSign);
    }

    /// <summary>The same operations on 8 lanes: bit for bit the lanes of the 16-lane version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpLowest)), Vector256.Create(ExpHighest));
        var n = Vector256.Round(clamped * Log2E);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(1.9875691500e-4f), r, Vector256.Create(1.3981999507e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var scale = ((Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23).AsSingle();
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(ExpLowest)), Vector256<float>.Zero, p * scale);
    }

    /// <summary>The same operations on 8 lanes: bit for bit the lanes of the 16-lane version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var exponent = (bits >>> 23) - Vector256.Create(126);
        var mantissa = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F000000)).AsSingle();
        var small = Vector256.LessThan(mantissa, Vector256.Create(SqrtHalf));
        exponent += small.AsInt32();
        var m = mantissa - Vector256<float>.One + (mantissa & small);
        var z = m * m;
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(7.0376836292e-2f), m, Vector256.Create(-1.1514610310e-1f));
        p = Vector256.FusedMultiplyAdd(p, m, Vector256.Create(1.1676998740e-1f));
        p = Vector256.FusedMultiplyAdd(p, m, Vector256.Create(-1.2420140846e-1f));
        p = Vector256.FusedMultiplyAdd(p, m, Vector256.Create(1.4249322787e-1f));
        p = Vector256.FusedMultiplyAdd(p, m, Vector256.Create(-1.6668057665e-1f));
        p = Vector256.FusedMultiplyAdd(p, m, Vector256.Create(2.0000714765e-1f));
        p = Vector256.FusedMultiplyAdd(p, m, Vector256.Create(-2.4999993993e-1f));
        p = Vector256.FusedMultiplyAdd(p, m, Vector256.Create(3.3333331174e-1f));
        var e = Vector256.ConvertToSingle(exponent);
        var y = p * m * z;
        y = Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2Low), y);
        y = Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5f), y);
        return Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2High), m + y);
    }

    /// <summary>The same operations on 8 lanes: bit for bit the lanes of the 16-lane version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> Sin, Vector256<float> Cos) SinCos(Vector256<float> x)
    {
        var j = Vector256.Round(x * TwoOverPi);
        var r = Vector256.FusedMultiplyAdd(j, Vector256.Create(-HalfPiHigh), x);
        r = Vector256.FusedMultiplyAdd(j, Vector256.Create(-HalfPiLow), r);
        var z = r * r;
        var s = Vector256.FusedMultiplyAdd(Vector256.Create(-1.9515295891e-4f), z, Vector256.Create(8.3321608736e-3f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(-1.6666654611e-1f));
        s = Vector256.FusedMultiplyAdd(s * z, r, r);
        var c = Vector256.FusedMultiplyAdd(Vector256.Create(2.443315711809948e-5f), z, Vector256.Create(-1.388731625493765e-3f));
        c = Vector256.FusedMultiplyAdd(c, z, Vector256.Create(4.166664568298827e-2f));
        c = Vector256.FusedMultiplyAdd(c * z, z, Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5f), Vector256<float>.One));
        var quadrant = Vector256.ConvertToInt32(j);
        var swap = Vector256.Equals(quadrant & Vector256<int>.One, Vector256<int>.One).AsSingle();
        var sin = Vector256.ConditionalSelect(swap, c, s);
        var cos = Vector256.ConditionalSelect(swap, s, c);
        var sinSign = ((quadrant & Vector256.Create(2)) << 30).AsSingle();
        var cosSign = (((quadrant + Vector256<int>.One) & Vector256.Create(2)) << 30).AsSingle();
        return (sin ^ sinSign, cos ^ cosSign);
    }

    /// <summary>
    /// The 16-lane functions as two 8-lane halves, for when 512-bit vectors are not hardware accelerated: .NET
    /// then runs every Vector512 operation as a call into its software fallback, which is many times slower
    /// than the explicit Vector256 code (same lanes, same operations, same bits).
    /// </summary>
    private static class Halves
    {
        public static Vector512<float> Exp(Vector512<float> x) => Vector512.Create(PolynomialLaneMath.Exp(x.GetLower()), PolynomialLaneMath.Exp(x.GetUpper()));

        public static Vector512<float> Log(Vector512<float> x) => Vector512.Create(PolynomialLaneMath.Log(x.GetLower()), PolynomialLaneMath.Log(x.GetUpper()));

        public static (Vector512<float> Sin, Vector512<float> Cos) SinCos(Vector512<float> x)
        {
            var (sinLow, cosLow) = PolynomialLaneMath.SinCos(x.GetLower());
            var (sinHigh, cosHigh) = PolynomialLaneMath.SinCos(x.GetUpper());
            return (Vector512.Create(sinLow, sinHigh), Vector512.Create(cosLow, cosHigh));
        }
    }
}
