using System.Runtime.CompilerServices;

namespace GpuThermoChain.Model;

/// <summary>
/// Float arithmetic on a lane value <typeparamref name="T"/>: one float for the ILGPU kernels and the reference loop
/// (<see cref="ScalarLanes"/>), a vector of floats, one trajectory per element, for the CPU SIMD engine. The particle move
/// (<see cref="ParticleMove"/>) is written once against it; implemented by structs, so every engine's compiler
/// (ILGPU, the JIT) specialises the move for its lane type and inlines each operation.
/// </summary>
public interface IFloatLanes<T>
    where T : struct
{
    /// <summary><paramref name="value"/> in every lane.</summary>
    T Constant(float value);
    /// <summary>a + b.</summary>
    T Add(T a, T b);
    /// <summary>a - b.</summary>
    T Subtract(T a, T b);
    /// <summary>a * b.</summary>
    T Multiply(T a, T b);
    /// <summary>e^x.</summary>
    T Exp(T x);
    /// <summary>sin x, with cos x in <paramref name="cos"/>.</summary>
    T SinCos(T x, out T cos);
    /// <summary>ln x.</summary>
    T Log(T x);
    /// <summary>The square root of x (x &gt;= 0).</summary>
    T Sqrt(T x);
    /// <summary>x where x &gt; 0, else +0 (NaN and -0 included).</summary>
    T PositivePart(T x);
    /// <summary>x mod L in [0, L) exactly (L = <paramref name="ringLength"/>, 1/L = <paramref name="inverseRingLength"/>).</summary>
    T Wrap(T x, float ringLength, float inverseRingLength);
}

/// <summary>
/// One float per lane, with System.MathF (on a GPU, ILGPU maps these to the special-function units): the lane
/// arithmetic of the kernels and of the reference loop.
/// </summary>
public readonly struct ScalarLanes : IFloatLanes<float>, IUniformLanes<uint, float>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Constant(float value) => value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Add(float a, float b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Subtract(float a, float b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Multiply(float a, float b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Exp(float x) => MathF.Exp(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SinCos(float x, out float cos)
    {
        cos = MathF.Cos(x);
        return MathF.Sin(x);
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Log(float x) => MathF.Log(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sqrt(float x) => MathF.Sqrt(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float PositivePart(float x) => x > 0f ? x : 0f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Uniform(uint word) => Philox4x32x10.Uniform(word);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Wrap(float x, float ringLength, float inverseRingLength) => TimeStep.Wrap(x, ringLength, inverseRingLength);
}
