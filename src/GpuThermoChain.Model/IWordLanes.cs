using System.Runtime.CompilerServices;

namespace GpuThermoChain.Model;

/// <summary>
/// The word operations of <see cref="Philox4x32x10"/> on a lane value <typeparamref name="TWord"/>: one 32-bit word for a
/// kernel thread and the host (<see cref="ScalarWords{TProduct}"/>), a vector of words, one counter per element, for the
/// CPU SIMD engine. The rounds are written once against it (<see cref="Philox4x32x10.Generate{TWord, TWords, TKeys}"/>).
/// </summary>
public interface IWordLanes<TWord>
    where TWord : struct
{
    /// <summary>a XOR b XOR c (one instruction, vpternlogd, where AVX-512 has it).</summary>
    TWord Xor(TWord a, TWord b, TWord c);

    /// <summary>a XOR b.</summary>
    TWord Xor(TWord a, TWord b);

    /// <summary>One word in every lane.</summary>
    TWord Broadcast(uint word);

    /// <summary>The 64-bit products m a per lane, as their high and low words.</summary>
    WordPair<TWord> MultiplyWide(TWord a, uint m);
}

/// <summary>A Philox key's round keys, (k0 + r W0, k1 + r W1) for round r, in the words' lane type.</summary>
public interface IRoundKeys<TWord>
    where TWord : struct
{
    /// <summary>k0 + r W0.</summary>
    TWord Key0(int round);

    /// <summary>k1 + r W1.</summary>
    TWord Key1(int round);
}

/// <summary>
/// The uniform of a Philox word per lane (<see cref="Philox4x32x10.Uniform"/>: (w + 0.5) 2^-32 rounded once to float),
/// for the Box-Muller transform written once (<see cref="Philox4x32x10.BoxMuller{TWord, TFloat, TLanes}"/>). Each lane
/// type computes that one value its own exact way.
/// </summary>
public interface IUniformLanes<TWord, TFloat>
    where TWord : struct
    where TFloat : struct
{
    /// <summary>(w + 0.5) 2^-32 rounded once to float, per lane.</summary>
    TFloat Uniform(TWord word);
}

/// <summary>One word: the rounds' products from <typeparamref name="TProduct"/> (a kernel thread, the host).</summary>
public readonly struct ScalarWords<TProduct> : IWordLanes<uint>
    where TProduct : struct, IWideMultiply
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Xor(uint a, uint b, uint c) => a ^ b ^ c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Xor(uint a, uint b) => a ^ b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Broadcast(uint word) => word;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WordPair<uint> MultiplyWide(uint a, uint m)
    {
        ulong product = default(TProduct).Wide(m, a);
        return new WordPair<uint>((uint)(product >> 32), (uint)product);
    }
}

/// <summary>A key's round keys formed as they are used: after inlining, each a constant offset from the key.</summary>
public readonly struct ScalarRoundKeys(uint k0, uint k1) : IRoundKeys<uint>
{
    private readonly uint _k0 = k0;
    private readonly uint _k1 = k1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Key0(int round) => unchecked(_k0 + (uint)round * Philox4x32x10.W0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Key1(int round) => unchecked(_k1 + (uint)round * Philox4x32x10.W1);
}

/// <summary>The 64-bit product of two words (a round's M c, whose high and low words it uses).</summary>
public interface IWideMultiply
{
    /// <summary>a b as 64 bits.</summary>
    ulong Wide(uint a, uint b);
}
