using System.Runtime.CompilerServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>
/// <see cref="Philox4x32x10"/> and its Box-Muller transform (<see cref="NoiseStreams.Normals"/>) for a vector of
/// counters that differ only in word 0 (the trajectory id): one lane per trajectory, at any width
/// <typeparamref name="TW"/>. The rounds and the transform are Philox4x32x10's own, run on vectors
/// (<see cref="VectorWords{TW, TF, TI, TD}"/>, <see cref="VectorLanes{TW, TF, TI, TD, TMath}"/>): integer arithmetic, so the
/// words are bit-identical to the scalar generator; the uniforms are too (exact in double, one rounding to float, as
/// <see cref="Philox4x32x10.Uniform"/> defines them); only the normals depend on the <see cref="ILaneMath{TF}"/> chosen.
/// </summary>
public static class PhiloxLanes<TW, TF, TI, TD>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <summary>Philox4x32-10 of counters (c0[lane], c1, c2, c3) under key (k0, k1).</summary>
    public static Block4<TI> Generate(TI c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        var keys = RoundKeys(k0, k1);
        return Generate(c0, c1, c2, c3, keys);
    }

    /// <summary>The round keys of key (k0, k1) in every lane (<see cref="PhiloxRoundKeys{TI}"/>).</summary>
    public static PhiloxRoundKeys<TI> RoundKeys(uint k0, uint k1)
    {
        var keys = default(PhiloxRoundKeys<TI>);
        var scalar = new ScalarRoundKeys(k0, k1);
        for (int round = 0; round < PhiloxRoundKeys<TI>.Rounds; round++)
        {
            keys[2 * round] = TW.Int((int)scalar.Key0(round));
            keys[2 * round + 1] = TW.Int((int)scalar.Key1(round));
        }
        return keys;
    }

    /// <summary>Philox4x32-10 of counters (c0[lane], c1, c2, c3) under the round keys <paramref name="keys"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block4<TI> Generate(TI c0, uint c1, uint c2, uint c3, in PhiloxRoundKeys<TI> keys)
    {
        var x0 = c0;
        // Round 0's keys (k0, k1) as single words: element 0 and 1's first lane, a plain load.
        uint k0 = Unsafe.As<TI, uint>(ref Unsafe.AsRef(in keys.Key(0)));
        uint k1 = Unsafe.As<TI, uint>(ref Unsafe.AsRef(in keys.Key(1)));
        Philox4x32x10.GenerateLanesOfWord0(default(VectorWords<TW, TF, TI, TD>), new VectorRoundKeys<TI>(in keys), k0, k1,
            ref x0, c1, c2, c3, out var x1, out var x2, out var x3);
        return new Block4<TI> { W0 = x0, W1 = x1, W2 = x2, W3 = x3 };
    }

    /// <summary>
    /// <see cref="Philox4x32x10.Uniform"/> per lane (<see cref="VectorLanes{TW, TF, TI, TD, TMath}.Uniform"/>, which uses no
    /// transcendental, so the lane math named here does not matter).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Uniform(TI word) => default(VectorLanes<TW, TF, TI, TD, PolynomialLaneMath<TW, TF, TI, TD>>).Uniform(word);

    /// <summary><see cref="Philox4x32x10.BoxMuller(PhiloxBlock)"/> per lane, with the transcendentals of <typeparamref name="TMath"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block4<TF> BoxMuller<TMath>(Block4<TI> block)
        where TMath : ILaneMath<TF>
    {
        return Philox4x32x10.BoxMuller<TI, TF, VectorLanes<TW, TF, TI, TD, TMath>>(default, block);
    }

    /// <summary><see cref="NoiseStreams.Normals"/> for a vector of trajectories at once, under the seed's round keys <paramref name="keys"/>.</summary>
    /// <remarks>Not inlined, so that its callers stay within the JIT's bound on inlined calls (see SimdParticles).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static Block4<TF> Normals<TMath>(in PhiloxRoundKeys<TI> keys, TI trajectories, uint step, uint purpose, uint substep, uint group)
        where TMath : ILaneMath<TF>
        => BoxMuller<TMath>(Generate(trajectories, step, (purpose << NoiseStreams.SubstepBits) | substep, group, keys));

    /// <summary>
    /// The first of <see cref="Normals{TMath}"/>'s four normals alone (an O-step uses only that one): the same inlined
    /// Philox and Box-Muller, whose other three normals the compiler drops as unused (one logarithm, one square root and
    /// one sine/cosine of the two, about a third of a Normals call), the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static TF FirstNormal<TMath>(in PhiloxRoundKeys<TI> keys, TI trajectories, uint step, uint purpose, uint substep, uint group)
        where TMath : ILaneMath<TF>
        => BoxMuller<TMath>(Generate(trajectories, step, (purpose << NoiseStreams.SubstepBits) | substep, group, keys)).W0;
}

/// <summary>Philox's word operations on a vector of words, one counter per lane (<see cref="IWordLanes{TWord}"/>).</summary>
public readonly struct VectorWords<TW, TF, TI, TD> : IWordLanes<TI>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TI Xor(TI a, TI b, TI c) => TW.Xor(TW.Xor(a, b), c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TI Xor(TI a, TI b) => TW.Xor(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TI Broadcast(uint word) => TW.Int((int)word);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WordPair<TI> MultiplyWide(TI a, uint m)
    {
        var (high, low) = TW.MultiplyWide(a, m);
        return new WordPair<TI>(high, low);
    }
}

/// <summary>A block's round keys made once (<see cref="PhiloxRoundKeys{TI}"/>), read per round as a memory operand.</summary>
public readonly ref struct VectorRoundKeys<TI>(in PhiloxRoundKeys<TI> keys) : IRoundKeys<TI>
    where TI : struct
{
    private readonly ref readonly PhiloxRoundKeys<TI> _keys = ref keys;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TI Key0(int round) => _keys.Key(2 * round);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TI Key1(int round) => _keys.Key(2 * round + 1);
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
