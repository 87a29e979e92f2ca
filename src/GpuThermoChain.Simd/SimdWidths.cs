using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace GpuThermoChain.Simd;

// The engine's three vector widths (ISimdWidth): each member maps to the .NET vector API of its width, so the engine's
// one source compiles to AVX-512, AVX2 or 128-bit (SSE, Arm64 AdvSIMD) code. Where .NET has no single operation
// for a member on the target (the widening Philox multiply, int to double), the instruction is named.

/// <summary>512-bit vectors: 16 trajectories per block (AVX-512).</summary>
public readonly struct Simd512 : ISimdWidth<Vector512<float>, Vector512<int>, Vector512<double>>
{
    /// <inheritdoc/>
    public static string Name => "AVX-512";
    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;
    /// <inheritdoc/>
    public static int Lanes => Vector512<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Float(float value) => Vector512.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Int(int value) => Vector512.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Double(double value) => Vector512.Create(value);
    /// <inheritdoc/>
    public static Vector512<int> Indices => Vector512<int>.Indices;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Xor(Vector512<float> a, Vector512<float> b) => a ^ b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Add(Vector512<int> a, Vector512<int> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Subtract(Vector512<int> a, Vector512<int> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> And(Vector512<int> a, Vector512<int> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Or(Vector512<int> a, Vector512<int> b) => a | b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Xor(Vector512<int> a, Vector512<int> b) => a ^ b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> ShiftLeft(Vector512<int> x, int count) => x << count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> ShiftRightLogical(Vector512<int> x, int count) => x >>> count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> And(Vector512<double> a, Vector512<double> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AndNot(Vector512<double> a, Vector512<double> b) => a & ~b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Or(Vector512<double> a, Vector512<double> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FusedMultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Round(Vector512<float> x) => Vector512.Round(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Floor(Vector512<float> x) => Vector512.Floor(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> GreaterThanOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThanOrEqual(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Select(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Equal(Vector512<int> a, Vector512<int> b) => Vector512.Equals(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> ConvertToInt(Vector512<float> x) => Vector512.ConvertToInt32Native(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ConvertToFloat(Vector512<int> x) => Vector512.ConvertToSingle(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> AsInt(Vector512<float> x) => x.AsInt32();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AsFloat(Vector512<int> x) => x.AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<int> High, Vector512<int> Low) MultiplyWide(Vector512<int> a, uint m)
    {
        if (Avx512F.IsSupported)
        {
            // vpmuludq: the even 32-bit lanes multiply into 64-bit products, the odd ones after a shift.
            var multiplier = Vector512.Create(m);
            var even = Avx512F.Multiply(a.AsUInt32(), multiplier);
            var odd = Avx512F.Multiply((a.AsUInt64() >>> 32).AsUInt32(), multiplier);
            // The high words: even's shifted down into the even dwords, odd's in place in the odd dwords. vpblendmd
            // under a constant mask register is non-destructive, where the and/or of vpternlogq overwrote an operand
            // that was still needed: 48 register copies fewer per Philox block. The low words are the 32-bit product
            // itself (vpmulld): one instruction for a shift and a blend (as the 256-bit width, which says why).
            var oddWords = Vector512.Create(0xFFFFFFFF00000000UL).AsUInt32();
            return (Avx512F.BlendVariable((even >>> 32).AsUInt32(), odd.AsUInt32(), oddWords).AsInt32(),
                Avx512F.MultiplyLow(a, multiplier.AsInt32()));
        }
        var (lower, upper) = Vector512.Widen(a.AsUInt32());
        var wideM = Vector512.Create((ulong)m);
        lower *= wideM;
        upper *= wideM;
        return (Vector512.Narrow(lower >>> 32, upper >>> 32).AsInt32(), Vector512.Narrow(lower, upper).AsInt32());
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LowerToDouble(Vector512<int> x) => Avx512F.IsSupported ? Avx512F.ConvertToVector512Double(x.GetLower()) : Vector512.ConvertToDouble(Vector512.WidenLower(x));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> UpperToDouble(Vector512<int> x) => Avx512F.IsSupported ? Avx512F.ConvertToVector512Double(x.GetUpper()) : Vector512.ConvertToDouble(Vector512.WidenUpper(x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LowerToDouble(Vector512<float> x) => Vector512.WidenLower(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> UpperToDouble(Vector512<float> x) => Vector512.WidenUpper(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Narrow(Vector512<double> lower, Vector512<double> upper) => Vector512.Narrow(lower, upper);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> NarrowMask(Vector512<double> lower, Vector512<double> upper) => Vector512.Narrow(lower.AsInt64(), upper.AsInt64()).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Finite(Vector512<double> x) => Vector512.LessThanOrEqual(Vector512.Abs(x), Vector512.Create(double.MaxValue));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<double> mask) => mask.AsInt64() != Vector512<long>.Zero;
    /// <inheritdoc/>
    public static bool IsSet(Vector512<double> mask, int lane) => mask.AsInt64()[lane] != 0;
    /// <inheritdoc/>
    public static Vector512<double> Mask(ReadOnlySpan<long> lanes) => Vector512.Create(lanes).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float origin, nuint offset) => Vector512.LoadUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float origin, nuint offset) => value.StoreUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double origin, nuint offset) => Vector512.LoadUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double origin, nuint offset) => value.StoreUnsafe(ref origin, offset);
    /// <inheritdoc/>
    public static float Element(Vector512<float> x, int lane) => x[lane];
    /// <inheritdoc/>
    public static Vector512<float> Create(ReadOnlySpan<float> lanes) => Vector512.Create(lanes);
}

/// <summary>256-bit vectors: 8 trajectories per block (AVX2 on x86; elsewhere .NET runs them in software).</summary>
public readonly struct Simd256 : ISimdWidth<Vector256<float>, Vector256<int>, Vector256<double>>
{
    /// <inheritdoc/>
    public static string Name => Avx2.IsSupported ? "AVX2" : "256-bit vectors";
    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;
    /// <inheritdoc/>
    public static int Lanes => Vector256<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Float(float value) => Vector256.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Int(int value) => Vector256.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Double(double value) => Vector256.Create(value);
    /// <inheritdoc/>
    public static Vector256<int> Indices => Vector256<int>.Indices;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Xor(Vector256<float> a, Vector256<float> b) => a ^ b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Add(Vector256<int> a, Vector256<int> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Subtract(Vector256<int> a, Vector256<int> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> And(Vector256<int> a, Vector256<int> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Or(Vector256<int> a, Vector256<int> b) => a | b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Xor(Vector256<int> a, Vector256<int> b) => a ^ b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> ShiftLeft(Vector256<int> x, int count) => x << count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> ShiftRightLogical(Vector256<int> x, int count) => x >>> count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> a, Vector256<double> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AndNot(Vector256<double> a, Vector256<double> b) => a & ~b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Or(Vector256<double> a, Vector256<double> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FusedMultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Round(Vector256<float> x) => Vector256.Round(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Floor(Vector256<float> x) => Vector256.Floor(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GreaterThanOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThanOrEqual(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Select(Vector256<float> mask, Vector256<float> whenTrue, Vector256<float> whenFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(whenFalse, whenTrue, mask) : Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Equal(Vector256<int> a, Vector256<int> b) => Vector256.Equals(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> ConvertToInt(Vector256<float> x) => Vector256.ConvertToInt32Native(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ConvertToFloat(Vector256<int> x) => Vector256.ConvertToSingle(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> AsInt(Vector256<float> x) => x.AsInt32();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AsFloat(Vector256<int> x) => x.AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<int> High, Vector256<int> Low) MultiplyWide(Vector256<int> a, uint m)
    {
        if (Avx2.IsSupported)
        {
            // vpmuludq: the even 32-bit lanes multiply into 64-bit products, the odd ones after a shift.
            var multiplier = Vector256.Create(m);
            var even = Avx2.Multiply(a.AsUInt32(), multiplier);
            var odd = Avx2.Multiply((a.AsUInt64() >>> 32).AsUInt32(), multiplier);
            // The high words: even's shifted down into the even dwords, odd's in place in the odd dwords (vpblendd; a
            // blend is one instruction where and/andnot/or were three). The low words are the 32-bit product itself
            // (vpmulld), one instruction where the odd product's shift and a second blend were two: 18 fewer per Philox
            // block, and about 1.8 % off the AVX2 run on AMD EPYC (docs/benchmarks.md). On Intel cores vpmulld is two
            // micro-operations of 10 cycles' latency, as many as the shift and blend, only slower to its result: not
            // measured there.
            return (Avx2.Blend((even >>> 32).AsInt32(), odd.AsInt32(), 0b_1010_1010), Avx2.MultiplyLow(a, multiplier.AsInt32()));
        }
        var (lower, upper) = Vector256.Widen(a.AsUInt32());
        var wideM = Vector256.Create((ulong)m);
        lower *= wideM;
        upper *= wideM;
        return (Vector256.Narrow(lower >>> 32, upper >>> 32).AsInt32(), Vector256.Narrow(lower, upper).AsInt32());
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LowerToDouble(Vector256<int> x) => Avx.IsSupported ? Avx.ConvertToVector256Double(x.GetLower()) : Vector256.ConvertToDouble(Vector256.WidenLower(x));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> UpperToDouble(Vector256<int> x) => Avx.IsSupported ? Avx.ConvertToVector256Double(x.GetUpper()) : Vector256.ConvertToDouble(Vector256.WidenUpper(x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LowerToDouble(Vector256<float> x) => Vector256.WidenLower(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> UpperToDouble(Vector256<float> x) => Vector256.WidenUpper(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Narrow(Vector256<double> lower, Vector256<double> upper) => Vector256.Narrow(lower, upper);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NarrowMask(Vector256<double> lower, Vector256<double> upper) => Vector256.Narrow(lower.AsInt64(), upper.AsInt64()).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Finite(Vector256<double> x) => Vector256.LessThanOrEqual(Vector256.Abs(x), Vector256.Create(double.MaxValue));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> whenTrue, Vector256<double> whenFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(whenFalse, whenTrue, mask) : Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<double> mask) => mask.AsInt64() != Vector256<long>.Zero;
    /// <inheritdoc/>
    public static bool IsSet(Vector256<double> mask, int lane) => mask.AsInt64()[lane] != 0;
    /// <inheritdoc/>
    public static Vector256<double> Mask(ReadOnlySpan<long> lanes) => Vector256.Create(lanes).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float origin, nuint offset) => Vector256.LoadUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float origin, nuint offset) => value.StoreUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double origin, nuint offset) => Vector256.LoadUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double origin, nuint offset) => value.StoreUnsafe(ref origin, offset);
    /// <inheritdoc/>
    public static float Element(Vector256<float> x, int lane) => x[lane];
    /// <inheritdoc/>
    public static Vector256<float> Create(ReadOnlySpan<float> lanes) => Vector256.Create(lanes);
}

/// <summary>128-bit vectors: 4 trajectories per block, the portable path (Arm64 AdvSIMD, x86 without AVX2).</summary>
public readonly struct Simd128 : ISimdWidth<Vector128<float>, Vector128<int>, Vector128<double>>
{
    /// <inheritdoc/>
    public static string Name => AdvSimd.IsSupported ? "Arm64 AdvSIMD" : Sse2.IsSupported ? "SSE2" : "128-bit vectors";
    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;
    /// <inheritdoc/>
    public static int Lanes => Vector128<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Float(float value) => Vector128.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Int(int value) => Vector128.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Double(double value) => Vector128.Create(value);
    /// <inheritdoc/>
    public static Vector128<int> Indices => Vector128<int>.Indices;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Xor(Vector128<float> a, Vector128<float> b) => a ^ b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Add(Vector128<int> a, Vector128<int> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Subtract(Vector128<int> a, Vector128<int> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> And(Vector128<int> a, Vector128<int> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Or(Vector128<int> a, Vector128<int> b) => a | b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Xor(Vector128<int> a, Vector128<int> b) => a ^ b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> ShiftLeft(Vector128<int> x, int count) => x << count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> ShiftRightLogical(Vector128<int> x, int count) => x >>> count;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Subtract(Vector128<double> a, Vector128<double> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> And(Vector128<double> a, Vector128<double> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> AndNot(Vector128<double> a, Vector128<double> b) => a & ~b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Or(Vector128<double> a, Vector128<double> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> FusedMultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Round(Vector128<float> x) => Vector128.Round(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Floor(Vector128<float> x) => Vector128.Floor(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> x) => Vector128.Sqrt(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GreaterThanOrEqual(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThanOrEqual(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Select(Vector128<float> mask, Vector128<float> whenTrue, Vector128<float> whenFalse) =>
        Sse41.IsSupported ? Sse41.BlendVariable(whenFalse, whenTrue, mask) : Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Equal(Vector128<int> a, Vector128<int> b) => Vector128.Equals(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> ConvertToInt(Vector128<float> x) => Vector128.ConvertToInt32Native(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ConvertToFloat(Vector128<int> x) => Vector128.ConvertToSingle(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> AsInt(Vector128<float> x) => x.AsInt32();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AsFloat(Vector128<int> x) => x.AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<int> High, Vector128<int> Low) MultiplyWide(Vector128<int> a, uint m)
    {
        if (Sse2.IsSupported)
        {
            // pmuludq: the even 32-bit lanes multiply into 64-bit products, the odd ones after a shift.
            var multiplier = Vector128.Create(m);
            var even = Sse2.Multiply(a.AsUInt32(), multiplier);
            var odd = Sse2.Multiply((a.AsUInt64() >>> 32).AsUInt32(), multiplier);
            if (Sse41.IsSupported)
            {
                // As the 256-bit width: word blends (pblendw, 16-bit granularity: 0b11001100 = the odd dwords).
                return (Sse41.Blend((even >>> 32).AsInt16(), odd.AsInt16(), 0b_1100_1100).AsInt32(),
                    Sse41.Blend(even.AsInt16(), (odd << 32).AsInt16(), 0b_1100_1100).AsInt32());
            }
            var lowMask = Vector128.Create(0x00000000FFFFFFFFUL);
            return (((even >>> 32) | (odd & ~lowMask)).AsInt32(), ((even & lowMask) | (odd << 32)).AsInt32());
        }
        var (lower, upper) = Vector128.Widen(a.AsUInt32());
        var wideM = Vector128.Create((ulong)m);
        lower *= wideM;
        upper *= wideM;
        return (Vector128.Narrow(lower >>> 32, upper >>> 32).AsInt32(), Vector128.Narrow(lower, upper).AsInt32());
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LowerToDouble(Vector128<int> x) => Sse2.IsSupported ? Sse2.ConvertToVector128Double(x) : Vector128.ConvertToDouble(Vector128.WidenLower(x));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> UpperToDouble(Vector128<int> x) => Sse2.IsSupported ? Sse2.ConvertToVector128Double(Sse2.Shuffle(x, 0b_11_10_11_10)) : Vector128.ConvertToDouble(Vector128.WidenUpper(x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LowerToDouble(Vector128<float> x) => Vector128.WidenLower(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> UpperToDouble(Vector128<float> x) => Vector128.WidenUpper(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Narrow(Vector128<double> lower, Vector128<double> upper) => Vector128.Narrow(lower, upper);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> NarrowMask(Vector128<double> lower, Vector128<double> upper) => Vector128.Narrow(lower.AsInt64(), upper.AsInt64()).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Finite(Vector128<double> x) => Vector128.LessThanOrEqual(Vector128.Abs(x), Vector128.Create(double.MaxValue));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<double> mask, Vector128<double> whenTrue, Vector128<double> whenFalse) =>
        Sse41.IsSupported ? Sse41.BlendVariable(whenFalse, whenTrue, mask) : Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector128<double> mask) => mask.AsInt64() != Vector128<long>.Zero;
    /// <inheritdoc/>
    public static bool IsSet(Vector128<double> mask, int lane) => mask.AsInt64()[lane] != 0;
    /// <inheritdoc/>
    public static Vector128<double> Mask(ReadOnlySpan<long> lanes) => Vector128.Create(lanes).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float origin, nuint offset) => Vector128.LoadUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float origin, nuint offset) => value.StoreUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(ref double origin, nuint offset) => Vector128.LoadUnsafe(ref origin, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> value, ref double origin, nuint offset) => value.StoreUnsafe(ref origin, offset);
    /// <inheritdoc/>
    public static float Element(Vector128<float> x, int lane) => x[lane];
    /// <inheritdoc/>
    public static Vector128<float> Create(ReadOnlySpan<float> lanes) => Vector128.Create(lanes);
}
