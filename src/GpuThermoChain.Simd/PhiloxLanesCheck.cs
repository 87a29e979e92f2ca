using System.Runtime.Intrinsics;

namespace GpuThermoChain.Simd;

/// <summary>
/// One Philox4x32-10 block computed by the engine's own vector generator (<see cref="PhiloxLanes{TW, TF, TI, TD}.Generate"/>)
/// in every lane of a vector at once, so a known-answer check covers the integer code the engine runs, at the width it
/// runs (the widening multiply and the xors of <see cref="ISimdWidth{TF, TI, TD}"/>), not the scalar generator.
/// </summary>
public static class PhiloxLanesCheck
{
    /// <summary>
    /// The four words for counter (c0, c1, c2, c3) and key (k0, k1), with c0 in every lane of a <paramref name="width"/>
    /// vector: the words every lane gave, or where a lane differs from lane 0, that lane's words (so a result matches the
    /// known answer only if every lane does).
    /// </summary>
    public static uint[] Generate(SimdWidth width, IReadOnlyList<uint> counter, IReadOnlyList<uint> key)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(key);
        if (counter.Count != 4 || key.Count != 2)
            throw new ArgumentException("Philox4x32-10 takes a counter of 4 words and a key of 2");
        return (width == SimdWidth.Widest ? SimdWidths.Widest : width) switch
        {
            SimdWidth.Bits512 => Generate<Simd512, Vector512<float>, Vector512<int>, Vector512<double>>(counter, key),
            SimdWidth.Bits256 => Generate<Simd256, Vector256<float>, Vector256<int>, Vector256<double>>(counter, key),
            _ => Generate<Simd128, Vector128<float>, Vector128<int>, Vector128<double>>(counter, key),
        };
    }

    private static uint[] Generate<TW, TF, TI, TD>(IReadOnlyList<uint> counter, IReadOnlyList<uint> key)
        where TW : struct, ISimdWidth<TF, TI, TD>
        where TF : struct
        where TI : struct
        where TD : struct
    {
        var block = PhiloxLanes<TW, TF, TI, TD>.Generate(TW.Int(unchecked((int)counter[0])), counter[1], counter[2], counter[3], key[0], key[1]);
        uint[] Words(int lane) =>
        [
            Word(block.W0, lane), Word(block.W1, lane), Word(block.W2, lane), Word(block.W3, lane),
        ];
        var first = Words(0);
        for (int lane = 1; lane < TW.Lanes; lane++)
        {
            var words = Words(lane);
            if (!words.AsSpan().SequenceEqual(first)) return words;
        }
        return first;

        // The lane's 32 bits, read through the float view the width exposes (a reinterpretation, no conversion).
        static uint Word(TI x, int lane) => BitConverter.SingleToUInt32Bits(TW.Element(TW.AsFloat(x), lane));
    }
}
