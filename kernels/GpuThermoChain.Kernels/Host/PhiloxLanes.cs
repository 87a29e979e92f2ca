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

/// <summary>
/// <see cref="Philox4x32x10"/> and its Box-Muller transform for 16 counters that differ only in word 0 (the
/// trajectory id): one lane per trajectory. Integer arithmetic, so the words are bit-identical to the scalar
/// generator; the uniforms are too (computed in double as there); only the normals depend on the
/// <see cref="ILaneMath"/> chosen.
/// </summary>
public static class PhiloxLanes
{
    /// <summary>Philox4x32-10 of counters (c0[lane], c1, c2, c3) under key (k0, k1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4<uint> Generate(Vector512<uint> c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
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
}
