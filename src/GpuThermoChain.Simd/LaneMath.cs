
namespace GpuThermoChain.Simd;

/// <summary>
/// The float transcendentals the particle step and Box-Muller need, on a lane vector <typeparamref name="TF"/>. A
/// static abstract interface so the engine is generic over it and the JIT specialises each use (no calls through an
/// interface at run time): <see cref="PolynomialLaneMath{TW, TF, TI, TD}"/> for speed,
/// <see cref="ScalarLaneMath{TW, TF, TI, TD}"/> for bit-identity with the reference.
/// </summary>
public interface ILaneMath<TF>
    where TF : struct
{
    /// <summary>e^x per lane.</summary>
    static abstract TF Exp(TF x);
    /// <summary>Natural logarithm per lane (x &gt; 0).</summary>
    static abstract TF Log(TF x);
    /// <summary>Sine and cosine per lane.</summary>
    static abstract (TF Sin, TF Cos) SinCos(TF x);
}

/// <summary>
/// System.MathF on every lane, one at a time: slow, but bit for bit what <see cref="GpuThermoChain.Model.TimeStep"/>
/// computes on the host, so an engine run with it must reproduce the reference loop exactly. The tests use it
/// to check everything but the approximations: noise keying, operation order, masking, accumulation.
/// </summary>
public readonly struct ScalarLaneMath<TW, TF, TI, TD> : ILaneMath<TF>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <inheritdoc/>
    public static TF Exp(TF x) => Map(x, MathF.Exp);

    /// <inheritdoc/>
    public static TF Log(TF x) => Map(x, MathF.Log);

    /// <inheritdoc/>
    public static (TF Sin, TF Cos) SinCos(TF x) => (Map(x, MathF.Sin), Map(x, MathF.Cos));

    private static TF Map(TF x, Func<float, float> f)
    {
        Span<float> lanes = stackalloc float[TW.Lanes];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = f(TW.Element(x, i));
        }
        return TW.Create(lanes);
    }
}
