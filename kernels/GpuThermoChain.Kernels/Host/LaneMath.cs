using System.Runtime.Intrinsics;

namespace GpuThermoChain.Kernels.Host;

/// <summary>
/// The float transcendentals the particle step needs, 16 lanes at a time. A static abstract interface so the
/// engine is generic over it and the JIT specialises each use (no calls through an interface at run time).
/// </summary>
public interface ILaneMath
{
    /// <summary>e^x per lane.</summary>
    static abstract Vector512<float> Exp(Vector512<float> x);
    /// <summary>Natural logarithm per lane (x &gt; 0).</summary>
    static abstract Vector512<float> Log(Vector512<float> x);
    /// <summary>Sine and cosine per lane.</summary>
    static abstract (Vector512<float> Sin, Vector512<float> Cos) SinCos(Vector512<float> x);

    /// <summary>e^x on 8 lanes, bit for bit as the 16-lane <see cref="Exp(Vector512{float})"/> does them (the engine's path without AVX-512).</summary>
    static abstract Vector256<float> Exp(Vector256<float> x);
    /// <summary>Natural logarithm on 8 lanes, bit for bit as the 16-lane version.</summary>
    static abstract Vector256<float> Log(Vector256<float> x);
    /// <summary>Sine and cosine on 8 lanes, bit for bit as the 16-lane version.</summary>
    static abstract (Vector256<float> Sin, Vector256<float> Cos) SinCos(Vector256<float> x);
}

/// <summary>
/// System.MathF on every lane, one at a time: slow, but bit for bit what <see cref="GpuThermoChain.Model.TimeStep"/>
/// computes on the host, so an engine run with it must reproduce the reference loop exactly. The tests use it
/// to check everything but the approximations: noise keying, operation order, masking, accumulation.
/// </summary>
public readonly struct ScalarLaneMath : ILaneMath
{
    /// <inheritdoc/>
    public static Vector512<float> Exp(Vector512<float> x) => Map(x, MathF.Exp);

    /// <inheritdoc/>
    public static Vector512<float> Log(Vector512<float> x) => Map(x, MathF.Log);

    /// <inheritdoc/>
    public static (Vector512<float> Sin, Vector512<float> Cos) SinCos(Vector512<float> x) => (Map(x, MathF.Sin), Map(x, MathF.Cos));

    /// <inheritdoc/>
    public static Vector256<float> Exp(Vector256<float> x) => Map(x, MathF.Exp);

    /// <inheritdoc/>
    public static Vector256<float> Log(Vector256<float> x) => Map(x, MathF.Log);

    /// <inheritdoc/>
    public static (Vector256<float> Sin, Vector256<float> Cos) SinCos(Vector256<float> x) => (Map(x, MathF.Sin), Map(x, MathF.Cos));

    private static Vector256<float> Map(Vector256<float> x, Func<float, float> f)
    {
        Span<float> lanes = stackalloc float[Vector256<float>.Count];
        x.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = f(lanes[i]);
        }
        return Vector256.Create((ReadOnlySpan<float>)lanes);
    }

    private static Vector512<float> Map(Vector512<float> x, Func<float, float> f)
    {
        Span<float> lanes = stackalloc float[Vector512<float>.Count];
        x.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = f(lanes[i]);
        }
        return Vector512.Create((ReadOnlySpan<float>)lanes);
    }
}
