using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels.Host;

/// <summary>Four Philox output words (or normals) for 16 lanes.</summary>
public readonly record struct Lanes4<T>(Vector512<T> W0, Vector512<T> W1, Vector512<T> W2, Vector512<T> W3)
{
    /// <summary>Word <paramref name="index"/> (0..3), so a loop over a group of four particles can index it.</summary>
    public Vector512<T> Get(int index) => index switch
    {
        0 => W0,
        1 => W1,
        2 => W2,
        _ => W3,
    };
}

/// <summary>Four Philox output words (or normals) for 8 lanes: one half of a <see cref="Lanes4{T}"/>.</summary>
public readonly record struct HalfLanes4<T>(Vector256<T> W0, Vector256<T> W1, Vector256<T> W2, Vector256<T> W3)
{
    /// <summary>Word <paramref name="index"/> (0..3), so a loop over a group of four particles can index it.</summary>
    public Vector256<T> Get(int index) => index switch
    {
        0 => W0,
        1 => W1,
        2 => W2,
        _ => W3,
    };
}

/// <summary>
/// <see cref="Philox4x32x10"/> and its Box-Muller transform for 16 counters that differ only in word 0 (the
/// trajectory id): one lane per trajectory. Integer arithmetic, so the words are bit-identical to the scalar
/// generator; the uniforms are too (computed in double as there); only the normals depend on the
/// <see cref="ILaneMath"/> chosen. Each 16-lane function has an 8-lane overload with the same operations per
/// lane; where 512-bit vectors are not hardware accelerated the 16-lane ones run as two such halves, since
/// .NET's software fallback for Vector512 (a call per operation) is many times slower.
/// </summary>
public static class PhiloxLanes
{
    /// <summary>Philox4x32-10 of counters (c0[lane], c1, c2, c3) under key (k0, k1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4<uint> Generate(Vector512<uint> c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return Halves.Generate(c0, c1, c2, c3, k0, k1);
        }
        var x0 = c0;
        var x1 = Vector512.Create(c1);
        var x2 = Vector512.Create(c2);
        var x3 = Vector512.Create(c3);
        for (int round = 0; round < Philox4x32x10.Rounds; round++)
        {
            if (round > 0)
            {
                k0 += Philox4x32x10.W0;
                k1 += Philox4x32x10.W1;
            }
            var (high0, low0) = MultiplyWide(x0, Philox4x32x10.M0);
            var (high1, low1) = MultiplyWide(x2, Philox4x32x10.M1);
            x0 = high1 ^ x1 ^ Vector512.Create(k0);
            x1 = low1;
            x2 = high0 ^ x3 ^ Vector512.Create(k1);
            x3 = low0;
        }
        return new Lanes4<uint>(x0, x1, x2, x3);
    }

    /// <summary>The full 64-bit products a * m per lane as (high word, low word).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<uint> High, Vector512<uint> Low) MultiplyWide(Vector512<uint> a, uint m)
    {
        if (Avx512F.IsSupported)
        {
            // vpmuludq multiplies the even 32-bit lanes into 64-bit products; the odd lanes go through a shift.
            var multiplier = Vector512.Create(m);
            var even = Avx512F.Multiply(a, multiplier);
            var odd = Avx512F.Multiply((a.AsUInt64() >>> 32).AsUInt32(), multiplier);
            var lowMask = Vector512.Create(0x00000000FFFFFFFFUL);
            var high = (even >>> 32) | (odd & ~lowMask);
            var low = (even & lowMask) | (odd << 32);
            return (high.AsUInt32(), low.AsUInt32());
        }
        var (lower, upper) = Vector512.Widen(a);
        var wideM = Vector512.Create((ulong)m);
        lower *= wideM;
        upper *= wideM;
        return (Vector512.Narrow(lower >>> 32, upper >>> 32), Vector512.Narrow(lower, upper));
    }

    /// <summary><see cref="Philox4x32x10.Uniform"/> per lane: (w + 0.5) 2^-32 exact in double, rounded to float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Uniform(Vector512<uint> word)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return Vector512.Create(Uniform(word.GetLower()), Uniform(word.GetUpper()));
        }
        var (lower, upper) = Vector512.Widen(word);
        var half = Vector512.Create(0.5);
        var scale = Vector512.Create(1.0 / 4294967296.0);
        var low = (Vector512.ConvertToDouble(lower) + half) * scale;
        var high = (Vector512.ConvertToDouble(upper) + half) * scale;
        return Vector512.Narrow(low, high);
    }

    /// <summary>
    /// <see cref="Philox4x32x10.BoxMuller"/> per lane, with the same float operations in the same order; the
    /// transcendentals come from <typeparamref name="TMath"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4<float> BoxMuller<TMath>(Lanes4<uint> block)
        where TMath : ILaneMath
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return Halves.BoxMuller<TMath>(block);
        }
        const float TwoPi = 6.28318530717958647692f;
        var minusTwo = Vector512.Create(-2f);
        // Clamped at 0 exactly as the scalar Box-Muller does (an approximate log may be slightly positive near 1).
        var r0 = Vector512.Sqrt(Vector512.Max(Vector512<float>.Zero, minusTwo * TMath.Log(Uniform(block.W0))));
        var (s0, c0) = TMath.SinCos(TwoPi * Uniform(block.W1));
        var r1 = Vector512.Sqrt(Vector512.Max(Vector512<float>.Zero, minusTwo * TMath.Log(Uniform(block.W2))));
        var (s1, c1) = TMath.SinCos(TwoPi * Uniform(block.W3));
        return new Lanes4<float>(r0 * c0, r0 * s0, r1 * c1, r1 * s1);
    }

    /// <summary><see cref="NoiseStreams.Normals"/> for 16 trajectories at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4<float> Normals<TMath>(uint seedLow, uint seedHigh, Vector512<uint> trajectories, uint step, uint purpose, uint substep, uint group)
        where TMath : ILaneMath
        => BoxMuller<TMath>(Generate(trajectories, step, (purpose << NoiseStreams.SubstepBits) | substep, group, seedLow, seedHigh));

    /// <summary>8-lane <see cref="Generate(Vector512{uint}, uint, uint, uint, uint, uint)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfLanes4<uint> Generate(Vector256<uint> c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        var x0 = c0;
        var x1 = Vector256.Create(c1);
        var x2 = Vector256.Create(c2);
        var x3 = Vector256.Create(c3);
        for (int round = 0; round < Philox4x32x10.Rounds; round++)
        {
            if (round > 0)
            {
                k0 += Philox4x32x10.W0;
                k1 += Philox4x32x10.W1;
            }
            var (high0, low0) = MultiplyWide(x0, Philox4x32x10.M0);
            var (high1, low1) = MultiplyWide(x2, Philox4x32x10.M1);
            x0 = high1 ^ x1 ^ Vector256.Create(k0);
            x1 = low1;
            x2 = high0 ^ x3 ^ Vector256.Create(k1);
            x3 = low0;
        }
        return new HalfLanes4<uint>(x0, x1, x2, x3);
    }

    /// <summary>8-lane <see cref="MultiplyWide(Vector512{uint}, uint)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<uint> High, Vector256<uint> Low) MultiplyWide(Vector256<uint> a, uint m)
    {
        if (Avx2.IsSupported)
        {
            var multiplier = Vector256.Create(m);
            var even = Avx2.Multiply(a, multiplier);
            var odd = Avx2.Multiply((a.AsUInt64() >>> 32).AsUInt32(), multiplier);
            var lowMask = Vector256.Create(0x00000000FFFFFFFFUL);
            var high = (even >>> 32) | (odd & ~lowMask);
            var low = (even & lowMask) | (odd << 32);
            return (high.AsUInt32(), low.AsUInt32());
        }
        var (lower, upper) = Vector256.Widen(a);
        var wideM = Vector256.Create((ulong)m);
        lower *= wideM;
        upper *= wideM;
        return (Vector256.Narrow(lower >>> 32, upper >>> 32), Vector256.Narrow(lower, upper));
    }

    /// <summary>8-lane <see cref="Uniform(Vector512{uint})"/>, the same doubles and the same rounding to float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Uniform(Vector256<uint> word)
    {
        var scale = Vector256.Create(1.0 / 4294967296.0);
        if (Avx.IsSupported)
        {
            // AVX2 has no unsigned 32-bit to double conversion: w - 2^31 converts exactly as a signed int, and
            // adding 2^31 + 0.5 gives w + 0.5 exactly (33 bits), the double the 16-lane version forms.
            var signed = (word ^ Vector256.Create(0x80000000u)).AsInt32();
            var offset = Vector256.Create(2147483648.5);
            var lowWords = (Avx.ConvertToVector256Double(signed.GetLower()) + offset) * scale;
            var highWords = (Avx.ConvertToVector256Double(signed.GetUpper()) + offset) * scale;
            return Vector256.Narrow(lowWords, highWords);
        }
        var (lower, upper) = Vector256.Widen(word);
        var half = Vector256.Create(0.5);
        var low = (Vector256.ConvertToDouble(lower) + half) * scale;
        var high = (Vector256.ConvertToDouble(upper) + half) * scale;
        return Vector256.Narrow(low, high);
    }

    /// <summary>8-lane <see cref="BoxMuller{TMath}(Lanes4{uint})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfLanes4<float> BoxMuller<TMath>(HalfLanes4<uint> block)
        where TMath : ILaneMath
    {
        const float TwoPi = 6.28318530717958647692f;
        var minusTwo = Vector256.Create(-2f);
        var r0 = Vector256.Sqrt(Vector256.Max(Vector256<float>.Zero, minusTwo * TMath.Log(Uniform(block.W0))));
        var (s0, c0) = TMath.SinCos(TwoPi * Uniform(block.W1));
        var r1 = Vector256.Sqrt(Vector256.Max(Vector256<float>.Zero, minusTwo * TMath.Log(Uniform(block.W2))));
        var (s1, c1) = TMath.SinCos(TwoPi * Uniform(block.W3));
        return new HalfLanes4<float>(r0 * c0, r0 * s0, r1 * c1, r1 * s1);
    }

    /// <summary>8-lane <see cref="Normals{TMath}(uint, uint, Vector512{uint}, uint, uint, uint, uint)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfLanes4<float> Normals<TMath>(uint seedLow, uint seedHigh, Vector256<uint> trajectories, uint step, uint purpose, uint substep, uint group)
        where TMath : ILaneMath
        => BoxMuller<TMath>(Generate(trajectories, step, (purpose << NoiseStreams.SubstepBits) | substep, group, seedLow, seedHigh));

    /// <summary>The 16-lane functions as two 8-lane halves (see the class remarks).</summary>
    private static class Halves
    {
        public static Lanes4<uint> Generate(Vector512<uint> c0, uint c1, uint c2, uint c3, uint k0, uint k1)
            => Join(PhiloxLanes.Generate(c0.GetLower(), c1, c2, c3, k0, k1), PhiloxLanes.Generate(c0.GetUpper(), c1, c2, c3, k0, k1));

        public static Lanes4<float> BoxMuller<TMath>(Lanes4<uint> block)
            where TMath : ILaneMath
            => Join(
                PhiloxLanes.BoxMuller<TMath>(new HalfLanes4<uint>(block.W0.GetLower(), block.W1.GetLower(), block.W2.GetLower(), block.W3.GetLower())),
                PhiloxLanes.BoxMuller<TMath>(new HalfLanes4<uint>(block.W0.GetUpper(), block.W1.GetUpper(), block.W2.GetUpper(), block.W3.GetUpper())));

        private static Lanes4<T> Join<T>(HalfLanes4<T> low, HalfLanes4<T> high)
            => new(Vector512.Create(low.W0, high.W0), Vector512.Create(low.W1, high.W1), Vector512.Create(low.W2, high.W2), Vector512.Create(low.W3, high.W3));
    }
}
