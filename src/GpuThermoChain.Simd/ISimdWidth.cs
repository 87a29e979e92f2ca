namespace GpuThermoChain.Simd;

/// <summary>
/// One vector width of the SIMD engine: the float vector <typeparamref name="TF"/> (one trajectory per lane), the
/// int vector <typeparamref name="TI"/> of the same lanes (Philox words, exponent bits) and the double vector
/// <typeparamref name="TD"/> of half as many lanes (the chain: a block is two of them). The engine's arithmetic is
/// written once against these static members (the vector types' operators are not visible to generic code), and the JIT specialises it per width (each member
/// one instruction or a few), so 512-, 256- and 128-bit code are the same source: <see cref="Simd512"/>,
/// <see cref="Simd256"/>, <see cref="Simd128"/>. Nothing here knows the physics.
/// </summary>
public interface ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <summary>What <c>gtc devices</c> and result.json call this path, e.g. "AVX-512".</summary>
    static abstract string Name { get; }
    /// <summary>Whether the CPU runs this width in hardware (otherwise .NET runs it in software: correct, slow).</summary>
    static abstract bool IsHardwareAccelerated { get; }
    /// <summary>Float lanes per vector: trajectories per block.</summary>
    static abstract int Lanes { get; }

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TF Float(float value);
    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TI Int(int value);
    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TD Double(double value);
    /// <summary>0, 1, 2, ... per lane.</summary>
    static abstract TI Indices { get; }

    /// <summary>a + b.</summary>
    static abstract TF Add(TF a, TF b);
    /// <summary>a - b.</summary>
    static abstract TF Subtract(TF a, TF b);
    /// <summary>a * b.</summary>
    static abstract TF Multiply(TF a, TF b);
    /// <summary>a &amp; b, bitwise.</summary>
    static abstract TF And(TF a, TF b);
    /// <summary>a ^ b, bitwise.</summary>
    static abstract TF Xor(TF a, TF b);
    /// <summary>a + b.</summary>
    static abstract TI Add(TI a, TI b);
    /// <summary>a - b.</summary>
    static abstract TI Subtract(TI a, TI b);
    /// <summary>a &amp; b.</summary>
    static abstract TI And(TI a, TI b);
    /// <summary>a | b.</summary>
    static abstract TI Or(TI a, TI b);
    /// <summary>a ^ b.</summary>
    static abstract TI Xor(TI a, TI b);
    /// <summary>x &lt;&lt; count.</summary>
    static abstract TI ShiftLeft(TI x, int count);
    /// <summary>x &gt;&gt;&gt; count (zeros shifted in).</summary>
    static abstract TI ShiftRightLogical(TI x, int count);
    /// <summary>a + b.</summary>
    static abstract TD Add(TD a, TD b);
    /// <summary>a - b.</summary>
    static abstract TD Subtract(TD a, TD b);
    /// <summary>a * b.</summary>
    static abstract TD Multiply(TD a, TD b);
    /// <summary>a &amp; b, bitwise.</summary>
    static abstract TD And(TD a, TD b);
    /// <summary>a &amp; ~b, bitwise.</summary>
    static abstract TD AndNot(TD a, TD b);
    /// <summary>a | b, bitwise.</summary>
    static abstract TD Or(TD a, TD b);

    /// <summary>a * b + c with one rounding.</summary>
    static abstract TF FusedMultiplyAdd(TF a, TF b, TF c);
    /// <summary>a * b + c with one rounding.</summary>
    static abstract TD FusedMultiplyAdd(TD a, TD b, TD c);
    /// <summary>Per-lane minimum of numbers (one instruction; which operand a NaN or a signed zero gives is the CPU's).</summary>
    static abstract TF Min(TF a, TF b);
    /// <summary>Per-lane maximum of numbers (one instruction; which operand a NaN or a signed zero gives is the CPU's).</summary>
    static abstract TF Max(TF a, TF b);
    /// <summary>Round to nearest, ties to even.</summary>
    static abstract TF Round(TF x);
    /// <summary>Round towards minus infinity.</summary>
    static abstract TF Floor(TF x);
    /// <summary>Square root.</summary>
    static abstract TF Sqrt(TF x);
    /// <summary>All-ones lanes where a &lt; b.</summary>
    static abstract TF LessThan(TF a, TF b);
    /// <summary>All-ones lanes where a &gt;= b.</summary>
    static abstract TF GreaterThanOrEqual(TF a, TF b);
    /// <summary>
    /// Per lane: <paramref name="whenTrue"/> where <paramref name="mask"/> is all ones, else <paramref name="whenFalse"/>. Every mask
    /// lane must be all ones or all zeros (a comparison's result), so a width may read only its sign bit (a blend instruction).
    /// </summary>
    static abstract TF Select(TF mask, TF whenTrue, TF whenFalse);

    /// <summary>All-ones lanes where a == b.</summary>
    static abstract TI Equal(TI a, TI b);
    /// <summary>Float to int, truncating: exact for the small integers the callers convert (NaN or out of range: unspecified).</summary>
    static abstract TI ConvertToInt(TF x);
    /// <summary>Int to float, rounding to nearest.</summary>
    static abstract TF ConvertToFloat(TI x);
    /// <summary>The same bits as ints.</summary>
    static abstract TI AsInt(TF x);
    /// <summary>The same bits as floats.</summary>
    static abstract TF AsFloat(TI x);
    /// <summary>The 64-bit products a * m of the lanes as unsigned words: (high words, low words).</summary>
    static abstract (TI High, TI Low) MultiplyWide(TI a, uint m);
    /// <summary>The lower half of the int lanes as doubles (exact).</summary>
    static abstract TD LowerToDouble(TI x);
    /// <summary>The upper half of the int lanes as doubles (exact).</summary>
    static abstract TD UpperToDouble(TI x);

    /// <summary>The lower half of the float lanes as doubles (exact).</summary>
    static abstract TD LowerToDouble(TF x);
    /// <summary>The upper half of the float lanes as doubles (exact).</summary>
    static abstract TD UpperToDouble(TF x);
    /// <summary>Two halves of doubles rounded to one float vector.</summary>
    static abstract TF Narrow(TD lower, TD upper);
    /// <summary>Two halves of 64-bit masks as one 32-bit mask.</summary>
    static abstract TF NarrowMask(TD lower, TD upper);
    /// <summary>All-ones lanes where |x| &lt;= double.MaxValue (finite).</summary>
    static abstract TD Finite(TD x);
    /// <summary>
    /// Per lane: <paramref name="whenTrue"/> where <paramref name="mask"/> is all ones, else <paramref name="whenFalse"/>. Every mask
    /// lane must be all ones or all zeros (a comparison's result), so a width may read only its sign bit (a blend instruction).
    /// </summary>
    static abstract TD Select(TD mask, TD whenTrue, TD whenFalse);
    /// <summary>Whether any bit is set.</summary>
    static abstract bool Any(TD mask);
    /// <summary>Whether lane <paramref name="lane"/> of <paramref name="mask"/> is set.</summary>
    static abstract bool IsSet(TD mask, int lane);
    /// <summary>A mask from one long per lane (0 or -1).</summary>
    static abstract TD Mask(ReadOnlySpan<long> lanes);

    /// <summary>The vector at <paramref name="origin"/> + <paramref name="offset"/>.</summary>
    static abstract TF Load(ref float origin, nuint offset);
    /// <summary>Stores at <paramref name="origin"/> + <paramref name="offset"/>.</summary>
    static abstract void Store(TF value, ref float origin, nuint offset);
    /// <summary>The vector at <paramref name="origin"/> + <paramref name="offset"/>.</summary>
    static abstract TD Load(ref double origin, nuint offset);
    /// <summary>Stores at <paramref name="origin"/> + <paramref name="offset"/>.</summary>
    static abstract void Store(TD value, ref double origin, nuint offset);
    /// <summary>Lane <paramref name="lane"/>.</summary>
    static abstract float Element(TF x, int lane);
    /// <summary>A vector of <see cref="Lanes"/> floats.</summary>
    static abstract TF Create(ReadOnlySpan<float> lanes);
}
