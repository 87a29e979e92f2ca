using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels.Host;

/// <summary>
/// 16 trajectories per lane value, one per float of a 512-bit vector, with the transcendentals of
/// <typeparamref name="TMath"/>: how the SIMD engine runs <see cref="ParticleMove"/>. The wrap is
/// <see cref="TimeStep.Wrap"/> per lane (a floor reduction and two corrections), with the vector floor.
/// </summary>
public readonly struct Vector512Lanes<TMath> : IFloatLanes<Vector512<float>>
    where TMath : ILaneMath
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Constant(float value) => Vector512.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Exp(Vector512<float> x) => TMath.Exp(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> SinCos(Vector512<float> x, out Vector512<float> cos)
    {
        var (sin, c) = TMath.SinCos(x);
        cos = c;
        return sin;
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Wrap(Vector512<float> x, float ringLength, float inverseRingLength)
    {
        var ring = Vector512.Create(ringLength);
        x -= ring * Vector512.Floor(x * Vector512.Create(inverseRingLength));
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), x + ring, x);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, ring), x - ring, x);
    }
}

/// <summary>
/// <see cref="Vector512Lanes{TMath}"/> for 8 trajectories, one per float of a 256-bit vector: the engine's path where
/// 512-bit vectors are not hardware accelerated, with the same operations per lane.
/// </summary>
public readonly struct Vector256Lanes<TMath> : IFloatLanes<Vector256<float>>
    where TMath : ILaneMath
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Constant(float value) => Vector256.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Exp(Vector256<float> x) => TMath.Exp(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> SinCos(Vector256<float> x, out Vector256<float> cos)
    {
        var (sin, c) = TMath.SinCos(x);
        cos = c;
        return sin;
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Wrap(Vector256<float> x, float ringLength, float inverseRingLength)
    {
        var ring = Vector256.Create(ringLength);
        x -= ring * Vector256.Floor(x * Vector256.Create(inverseRingLength));
        x = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), x + ring, x);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, ring), x - ring, x);
    }
}
