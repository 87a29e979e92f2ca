using System.Runtime.CompilerServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>Four Philox output words (or four normals) for a vector of lanes.</summary>
public readonly record struct Block4<T>(T W0, T W1, T W2, T W3)
    where T : struct;

/// <summary>
/// <see cref="Philox4x32x10"/> and its Box-Muller transform (<see cref="NoiseStreams.Normals"/>) for a vector of
/// counters that differ only in word 0 (the trajectory id): one lane per trajectory, at any width
/// <typeparamref name="TW"/>. Integer arithmetic, so the words are bit-identical to the scalar generator; the
/// uniforms are too (exact in double, one rounding to float, as <see cref="Philox4x32x10.Uniform"/> defines them);
/// only the normals depend on the <see cref="ILaneMath{TF}"/> chosen.
/// </summary>
public static class PhiloxLanes<TW, TF, TI, TD>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <summary>Philox4x32-10 of counters (c0[lane], c1, c2, c3) under key (k0, k1): the rounds of <see cref="Philox4x32x10.Generate"/>.</summary>
    public static Block4<TI> Generate(TI c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        var keys = RoundKeys(k0, k1);
        return Generate(c0, c1, c2, c3, keys);
    }

    /// <summary>The round keys of key (k0, k1) in every lane (<see cref="PhiloxRoundKeys{TI}"/>).</summary>
    public static PhiloxRoundKeys<TI> RoundKeys(uint k0, uint k1)
    {
        var keys = default(PhiloxRoundKeys<TI>);
        for (uint round = 0; round < PhiloxRoundKeys<TI>.Rounds; round++)
        {
            keys[2 * (int)round] = TW.Int((int)unchecked(k0 + round * Philox4x32x10.W0));
            keys[2 * (int)round + 1] = TW.Int((int)unchecked(k1 + round * Philox4x32x10.W1));
        }
        return keys;
    }

    /// <summary>Philox4x32-10 of counters (c0[lane], c1, c2, c3) under the round keys <paramref name="keys"/>.</summary>
    /// <remarks>The ten rounds written out, as there: the JIT keeps a loop, whose rotation of the four words costs moves.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block4<TI> Generate(TI c0, uint c1, uint c2, uint c3, in PhiloxRoundKeys<TI> keys)
    {
        var x0 = c0;
        var x1 = TW.Int((int)c1);
        var x2 = TW.Int((int)c2);
        var x3 = TW.Int((int)c3);
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(0), keys.Key(1));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(2), keys.Key(3));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(4), keys.Key(5));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(6), keys.Key(7));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(8), keys.Key(9));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(10), keys.Key(11));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(12), keys.Key(13));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(14), keys.Key(15));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(16), keys.Key(17));
        Round(ref x0, ref x1, ref x2, ref x3, keys.Key(18), keys.Key(19));
        return new Block4<TI>(x0, x1, x2, x3);
    }

    /// <summary>One round under the round's key (k0, k1), as <see cref="Philox4x32x10"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref TI x0, ref TI x1, ref TI x2, ref TI x3, TI k0, TI k1)
    {
        var (high0, low0) = TW.MultiplyWide(x0, Philox4x32x10.M0);
        var (high1, low1) = TW.MultiplyWide(x2, Philox4x32x10.M1);
        x0 = TW.Xor(TW.Xor(high1, x1), k0);
        x1 = low1;
        x2 = TW.Xor(TW.Xor(high0, x3), k1);
        x3 = low0;
    }

    /// <summary>
    /// <see cref="Philox4x32x10.Uniform"/> per lane: (w + 0.5) 2^-32 exact in double, rounded once to float. The word
    /// minus 2^31 converts exactly as a signed int, s; then s 2^-32 + (2^31 + 0.5) 2^-32 is one fused multiply-add whose
    /// exact value, (w + 0.5) 2^-32, needs 33 significant bits, so the double it rounds to is that value itself: the
    /// same double as adding first and scaling after, in one instruction where there were two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Uniform(TI word)
    {
        var signed = TW.Xor(word, TW.Int(int.MinValue));
        var scale = TW.Double(1.0 / 4294967296.0);
        var offset = TW.Double(2147483648.5 / 4294967296.0);
        return TW.Narrow(
            TW.FusedMultiplyAdd(TW.LowerToDouble(signed), scale, offset),
            TW.FusedMultiplyAdd(TW.UpperToDouble(signed), scale, offset));
    }

    /// <summary>
    /// <see cref="Philox4x32x10.BoxMuller"/> per lane, with the same float operations in the same order; the
    /// transcendentals come from <typeparamref name="TMath"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block4<TF> BoxMuller<TMath>(Block4<TI> block)
        where TMath : ILaneMath<TF>
    {
        const float TwoPi = 6.28318530717958647692f;
        var minusTwo = TW.Float(-2f);
        var s0 = TW.Multiply(minusTwo, TMath.Log(Uniform(block.W0)));
        var s1 = TW.Multiply(minusTwo, TMath.Log(Uniform(block.W2)));
        // s > 0 ? s : 0 exactly as the scalar Box-Muller (an approximate log may be slightly positive near 1; -0 becomes +0).
        var zero = TW.Float(0f);
        var r0 = TW.Sqrt(TW.And(TW.LessThan(zero, s0), s0));
        var (sin0, cos0) = TMath.SinCos(TW.Multiply(TW.Float(TwoPi), Uniform(block.W1)));
        var r1 = TW.Sqrt(TW.And(TW.LessThan(zero, s1), s1));
        var (sin1, cos1) = TMath.SinCos(TW.Multiply(TW.Float(TwoPi), Uniform(block.W3)));
        return new Block4<TF>(TW.Multiply(r0, cos0), TW.Multiply(r0, sin0), TW.Multiply(r1, cos1), TW.Multiply(r1, sin1));
    }

    /// <summary><see cref="NoiseStreams.Normals"/> for a vector of trajectories at once, under the seed's round keys <paramref name="keys"/>.</summary>
    /// <remarks>Not inlined, so that its callers stay within the JIT's bound on inlined calls (see SimdParticles).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static Block4<TF> Normals<TMath>(in PhiloxRoundKeys<TI> keys, TI trajectories, uint step, uint purpose, uint substep, uint group)
        where TMath : ILaneMath<TF>
        => BoxMuller<TMath>(Generate(trajectories, step, (purpose << NoiseStreams.SubstepBits) | substep, group, keys));
}

/// <summary>
/// The ten round keys of a Philox key, (k0 + r W0, k1 + r W1) for r = 0..9 at elements 2r and 2r + 1, each in every
/// lane: made once per block of trajectories (the seed is the same for every draw), so that a round reads its key as a
/// memory operand instead of forming and broadcasting it, three instructions per word per round.
/// </summary>
[InlineArray(2 * Rounds)]
public struct PhiloxRoundKeys<TI>
    where TI : struct
{
    /// <summary>Philox4x32-10's rounds.</summary>
    public const int Rounds = 10;

    private TI _element;

    /// <summary>
    /// Element <paramref name="index"/> (0 &lt;= index &lt; 2 <see cref="Rounds"/>, unchecked), for reading in the rounds. Not
    /// the InlineArray indexer: compiled ahead of time (the native build), that indexer is a call into a helper that is
    /// not inlined, twenty calls per Philox block; <see cref="Unsafe.Add{T}(ref T, int)"/> is inlined by every compiler.
    /// Readonly, so that reading through an <c>in</c> parameter makes no defensive copy of the twenty vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ref readonly TI Key(int index) => ref Unsafe.Add(ref Unsafe.AsRef(in _element), index);
}
