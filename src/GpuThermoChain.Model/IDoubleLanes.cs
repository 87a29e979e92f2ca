using System.Runtime.CompilerServices;

namespace GpuThermoChain.Model;

/// <summary>
/// Double arithmetic on a lane value <typeparamref name="T"/>: one double for the ILGPU kernels and the reference loop
/// (<see cref="ScalarDoubleLanes"/>), a vector of doubles, one trajectory per element, for the CPU SIMD engine. The chain
/// part of the step (<see cref="ChainMove"/>) is written once against it, as the particle move is against
/// <see cref="IFloatLanes{T}"/>; implemented by structs, so every engine's compiler specialises and inlines it.
/// </summary>
public interface IDoubleLanes<T>
    where T : struct
{
    /// <summary><paramref name="value"/> in every lane.</summary>
    T Constant(double value);
    /// <summary>a + b.</summary>
    T Add(T a, T b);
    /// <summary>a - b.</summary>
    T Subtract(T a, T b);
    /// <summary>a * b.</summary>
    T Multiply(T a, T b);
}

/// <summary>One double per lane: the chain arithmetic of the kernels and of the reference loop.</summary>
public readonly struct ScalarDoubleLanes : IDoubleLanes<double>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Constant(double value) => value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Add(double a, double b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Subtract(double a, double b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Multiply(double a, double b) => a * b;
}
