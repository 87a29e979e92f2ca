using System.Runtime.CompilerServices;
using ILGPU.Runtime.Cuda;

namespace GpuThermoChain.Model;

/// <summary>Four 32-bit words: one Philox4x32-10 output block (or counter).</summary>
public readonly struct PhiloxBlock(uint x0, uint x1, uint x2, uint x3)
{
    /// <summary>Word 0.</summary>
    public readonly uint X0 = x0;
    /// <summary>Word 1.</summary>
    public readonly uint X1 = x1;
    /// <summary>Word 2.</summary>
    public readonly uint X2 = x2;
    /// <summary>Word 3.</summary>
    public readonly uint X3 = x3;
}

/// <summary>Four standard normal deviates from one Philox block.</summary>
public readonly struct Normal4(float z0, float z1, float z2, float z3)
{
    /// <summary>Deviate 0.</summary>
    public readonly float Z0 = z0;
    /// <summary>Deviate 1.</summary>
    public readonly float Z1 = z1;
    /// <summary>Deviate 2.</summary>
    public readonly float Z2 = z2;
    /// <summary>Deviate 3.</summary>
    public readonly float Z3 = z3;

    /// <summary>
    /// Deviate <paramref name="index"/> (0..3), for host code and tests. The step itself names Z0..Z3: compiled by
    /// ILGPU, a loop over Get(index) recomputed the whole Box-Muller for every particle (TimeStep.ParticleGroupSubstep).
    /// </summary>
    public float Get(int index) => index switch
    {
        0 => Z0,
        1 => Z1,
        2 => Z2,
        _ => Z3,
    };
}

/// <summary>
/// Philox4x32-10 (Salmon et al., SC'11), docs/model.md, "Random numbers": a counter-based generator, so a draw is a pure
/// function of (counter, key) and needs no per-thread state; that is what makes the noise independent of how
/// the ensemble is split over threads, launches and devices.
/// </summary>
public static class Philox4x32x10
{
    /// <summary>Multiplier applied to counter word 0.</summary>
    public const uint M0 = 0xD2511F53;
    /// <summary>Multiplier applied to counter word 2.</summary>
    public const uint M1 = 0xCD9E8D57;
    /// <summary>Weyl increment of key word 0 between rounds (golden ratio).</summary>
    public const uint W0 = 0x9E3779B9;
    /// <summary>Weyl increment of key word 1 between rounds (sqrt(3) - 1).</summary>
    public const uint W1 = 0xBB67AE85;
    /// <summary>Rounds; 10 is the variant that passes BigCrush with margin.</summary>
    public const int Rounds = 10;

    /// <summary>Maps counter (c0..c3) under key (k0, k1) to one output block.</summary>
    public static PhiloxBlock Generate(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
        => CudaAsm.IsSupported
            ? Generate<PtxWideMultiply>(c0, c1, c2, c3, k0, k1)
            : Generate<PortableWideMultiply>(c0, c1, c2, c3, k0, k1);

    /// <summary><see cref="Generate(uint, uint, uint, uint, uint, uint)"/> with the rounds' 64-bit products from <typeparamref name="TProduct"/>.</summary>
    private static PhiloxBlock Generate<TProduct>(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
        where TProduct : struct, IWideMultiply
    {
        Generate(default(ScalarWords<TProduct>), new ScalarRoundKeys(k0, k1), ref c0, ref c1, ref c2, ref c3);
        return new PhiloxBlock(c0, c1, c2, c3);
    }

    /// <summary>
    /// The ten rounds on counters (x0..x3) in place, for any lane type: one word (a kernel thread, the host) or a vector of
    /// words (the CPU SIMD engine, one counter per lane), under the round keys <paramref name="keys"/>.
    /// </summary>
    /// <remarks>
    /// The ten rounds are written out: ILGPU does not unroll the loop form, which then spends a counter, a compare,
    /// a branch and two selects for the key bump in every round on the GPU, about a third of Philox's integer work;
    /// the JIT keeps the loop, whose rotation of the four words costs moves.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Generate<TWord, TWords, TKeys>(in TWords words, in TKeys keys, ref TWord x0, ref TWord x1, ref TWord x2, ref TWord x3)
        where TWord : struct
        where TWords : struct, IWordLanes<TWord>
        where TKeys : struct, IRoundKeys<TWord>, allows ref struct
    {
        Round(words, keys, 0, ref x0, ref x1, ref x2, ref x3);
        Round(words, keys, 1, ref x0, ref x1, ref x2, ref x3);
        LastRounds(words, keys, ref x0, ref x1, ref x2, ref x3);
    }

    /// <summary>
    /// <see cref="Generate{TWord, TWords, TKeys}"/> for counters that differ only in word 0, one per lane (<paramref name="x0"/>:
    /// the trajectory ids), with words 1..3 (<paramref name="c1"/>, <paramref name="c2"/>, <paramref name="c3"/>) and the
    /// key (<paramref name="k0"/>, <paramref name="k1"/>; <paramref name="keys"/> its round keys in lanes) the same in
    /// every lane: the same rounds and the same bits, with what the first two rounds compute from shared words done once
    /// as single words. Round 0's product M1 c2 and round 1's M0 x0 are then one 32 x 32 -> 64-bit multiply each instead
    /// of one per lane (on vectors, two multiplies, two shifts and two blends each), and their XORs with the key are
    /// folded into one word. From round 2 on every word differs by lane.
    /// </summary>
    /// <remarks>
    /// Only the SIMD engine draws with lanes; the kernels and the host run <see cref="Generate{TWord, TWords, TKeys}"/> on
    /// one counter. PhiloxLanesCheck and the bit-identity tests hold the two to the same words.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GenerateLanesOfWord0<TWord, TWords, TKeys>(in TWords words, in TKeys keys, uint k0, uint k1,
        ref TWord x0, uint c1, uint c2, uint c3, out TWord x1, out TWord x2, out TWord x3)
        where TWord : struct
        where TWords : struct, IWordLanes<TWord>
        where TKeys : struct, IRoundKeys<TWord>, allows ref struct
    {
        var shared = new ScalarRoundKeys(k0, k1);
        // Round 0, (x0, c1, c2, c3) -> (y0, y1, v2, v3): y0 and y1 come from shared words alone.
        ulong sharedProduct = (ulong)M1 * c2;
        uint y0 = (uint)(sharedProduct >> 32) ^ c1 ^ shared.Key0(0);
        uint y1 = (uint)sharedProduct;
        var laneProduct = words.MultiplyWide(x0, M0);
        var v2 = words.Xor(laneProduct.High, words.Broadcast(c3 ^ shared.Key1(0)));
        var v3 = laneProduct.Low;
        // Round 1, (y0, y1, v2, v3) -> (x0, x1, x2, x3): M0 y0 is shared, so x3 is the same in every lane.
        sharedProduct = (ulong)M0 * y0;
        laneProduct = words.MultiplyWide(v2, M1);
        x0 = words.Xor(laneProduct.High, words.Broadcast(y1 ^ shared.Key0(1)));
        x1 = laneProduct.Low;
        x2 = words.Xor(v3, words.Broadcast((uint)(sharedProduct >> 32) ^ shared.Key1(1)));
        x3 = words.Broadcast((uint)sharedProduct);
        LastRounds(words, keys, ref x0, ref x1, ref x2, ref x3);
    }

    /// <summary>Rounds 2 to 9, written out (see <see cref="Generate{TWord, TWords, TKeys}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LastRounds<TWord, TWords, TKeys>(in TWords words, in TKeys keys, ref TWord x0, ref TWord x1, ref TWord x2, ref TWord x3)
        where TWord : struct
        where TWords : struct, IWordLanes<TWord>
        where TKeys : struct, IRoundKeys<TWord>, allows ref struct
    {
        Round(words, keys, 2, ref x0, ref x1, ref x2, ref x3);
        Round(words, keys, 3, ref x0, ref x1, ref x2, ref x3);
        Round(words, keys, 4, ref x0, ref x1, ref x2, ref x3);
        Round(words, keys, 5, ref x0, ref x1, ref x2, ref x3);
        Round(words, keys, 6, ref x0, ref x1, ref x2, ref x3);
        Round(words, keys, 7, ref x0, ref x1, ref x2, ref x3);
        Round(words, keys, 8, ref x0, ref x1, ref x2, ref x3);
        Round(words, keys, 9, ref x0, ref x1, ref x2, ref x3);
    }

    /// <summary>
    /// Round <paramref name="round"/>, under its key (k0, k1) (docs/model.md, "Random numbers"):
    /// (c0, c1, c2, c3) -> (hi(M1 c2) ^ c1 ^ k0, lo(M1 c2), hi(M0 c0) ^ c3 ^ k1, lo(M0 c0)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<TWord, TWords, TKeys>(in TWords words, in TKeys keys, int round, ref TWord c0, ref TWord c1, ref TWord c2, ref TWord c3)
        where TWord : struct
        where TWords : struct, IWordLanes<TWord>
        where TKeys : struct, IRoundKeys<TWord>, allows ref struct
    {
        var product0 = words.MultiplyWide(c0, M0);
        var product1 = words.MultiplyWide(c2, M1);
        c0 = words.Xor(product1.High, c1, keys.Key0(round));
        c1 = product1.Low;
        c2 = words.Xor(product0.High, c3, keys.Key1(round));
        c3 = product0.Low;
    }

    /// <summary>The product as a multiply of the words widened to 64 bits: every engine but a CUDA kernel.</summary>
    private readonly struct PortableWideMultiply : IWideMultiply
    {
        public ulong Wide(uint a, uint b) => (ulong)a * b;
    }

    /// <summary>
    /// The product as PTX's mul.wide.u32 (32 x 32 -> 64 bits), the same bits. Why: ILGPU writes the widened form as a
    /// 64-bit multiply, which ptxas (11.8, and the H200's CUDA 13 driver alike) compiles for sm_90 to the wide multiply
    /// plus an add of a zero high word, one wasted instruction per product, 20 per Philox block (5 per particle-step);
    /// mul.wide.u32 compiles to the wide multiply alone.
    /// </summary>
    private readonly struct PtxWideMultiply : IWideMultiply
    {
        public ulong Wide(uint a, uint b)
        {
            // Two 32-bit outputs rather than one 64-bit one: ILGPU passes each output through a local slot, which ptxas
            // turns into a register for 32-bit slots but kept in local memory (a stack frame) for a 64-bit one.
            Output<uint> low = default;
            Output<uint> high = default;
            Input<uint> left = a;
            Input<uint> right = b;
            CudaAsm.EmitRef("{ .reg .b64 product; mul.wide.u32 product, %2, %3; mov.b64 {%0, %1}, product; }", ref low, ref high, ref left, ref right);
            return ((ulong)high.Value << 32) | low.Value;
        }
    }

    /// <summary>
    /// A word as a uniform in the open interval (0, 1): u = (w + 0.5) 2^-32 rounded once to float. Never 0, so
    /// the logarithm in Box-Muller is finite (the rounding may give exactly 1, where it is 0). Computed as
    /// float(2w + 1) 2^-33: 2w + 1 &lt; 2^33 is exact in a long, its one rounding to float is the rounding of
    /// (w + 0.5) 2^-32 (scaling by a power of two commutes with rounding here), so the value is exactly that of
    /// the double form (double)(w + 0.5) * 2^-32 -> float, at one conversion instead of two plus two double
    /// operations on the GPU (conversions share the special-function units' throughput there).
    /// </summary>
    public static float Uniform(uint word) => (float)(2L * word + 1L) * (1f / 8589934592f);

    /// <summary>
    /// Four standard normals by Box-Muller on the pairs (X0, X1) and (X2, X3), in float: the noise feeds float
    /// particle positions and O-steps whose statistics, not last bits, matter; float transcendentals run on the
    /// GPU's special-function units. Largest |z| is sqrt(2 ln 2^33) = 6.8.
    /// </summary>
    public static Normal4 BoxMuller(PhiloxBlock block)
    {
        var z = BoxMuller<uint, float, ScalarLanes>(default, new Block4<uint> { W0 = block.X0, W1 = block.X1, W2 = block.X2, W3 = block.X3 });
        return new Normal4(z.W0, z.W1, z.W2, z.W3);
    }

    /// <summary>
    /// <see cref="BoxMuller(PhiloxBlock)"/> for any lane type: one word and float (kernels, host) or a vector of each
    /// (the CPU SIMD engine), with the lanes' own transcendentals and uniform (<see cref="IUniformLanes{TWord, TFloat}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block4<TFloat> BoxMuller<TWord, TFloat, TLanes>(in TLanes lanes, Block4<TWord> words)
        where TWord : struct
        where TFloat : struct
        where TLanes : struct, IFloatLanes<TFloat>, IUniformLanes<TWord, TFloat>
    {
        const float TwoPi = 6.28318530717958647692f;
        var minusTwo = lanes.Constant(-2f);
        // On a GPU the fast log has an absolute error near 2^-22 (a polynomial log on the CPU, a few ulp), so for u just
        // below 1 it can come out positive; clamping keeps the square root finite (it changes nothing where the log is exact).
        TFloat s0 = lanes.Multiply(minusTwo, lanes.Log(lanes.Uniform(words.W0)));
        TFloat s1 = lanes.Multiply(minusTwo, lanes.Log(lanes.Uniform(words.W2)));
        TFloat r0 = lanes.Sqrt(lanes.PositivePart(s0));
        TFloat sin0 = lanes.SinCos(lanes.Multiply(lanes.Constant(TwoPi), lanes.Uniform(words.W1)), out TFloat cos0);
        TFloat r1 = lanes.Sqrt(lanes.PositivePart(s1));
        TFloat sin1 = lanes.SinCos(lanes.Multiply(lanes.Constant(TwoPi), lanes.Uniform(words.W3)), out TFloat cos1);
        return new Block4<TFloat>
        {
            W0 = lanes.Multiply(r0, cos0),
            W1 = lanes.Multiply(r0, sin0),
            W2 = lanes.Multiply(r1, cos1),
            W3 = lanes.Multiply(r1, sin1),
        };
    }
}
