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

    /// <summary>Deviate <paramref name="lane"/> (0..3), so a loop over a group of four can index it.</summary>
    public float Get(int lane) => lane switch
    {
        0 => Z0,
        1 => Z1,
        2 => Z2,
        _ => Z3,
    };
}

/// <summary>
/// Philox4x32-10 (Salmon et al., SC'11), model.md section 6: a counter-based generator, so a draw is a pure
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
    {
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }
            ulong product0 = (ulong)M0 * c0;
            ulong product1 = (ulong)M1 * c2;
            uint n0 = (uint)(product1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)product1;
            uint n2 = (uint)(product0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)product0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }
        return new PhiloxBlock(c0, c1, c2, c3);
    }

    /// <summary>
    /// A word as a uniform in the open interval (0, 1): u = (w + 0.5) 2^-32, exact in double, then rounded to
    /// float. Never 0, so the logarithm in Box-Muller is finite (the rounding may give exactly 1, where it is 0).
    /// </summary>
    public static float Uniform(uint word) => (float)((word + 0.5) * (1.0 / 4294967296.0));

    /// <summary>
    /// Four standard normals by Box-Muller on the pairs (X0, X1) and (X2, X3), in float: the noise feeds float
    /// particle positions and O-steps whose statistics, not last bits, matter; float transcendentals run on the
    /// GPU's special-function units. Largest |z| is sqrt(2 ln 2^33) = 6.8.
    /// </summary>
    public static Normal4 BoxMuller(PhiloxBlock block)
    {
        const float TwoPi = 6.28318530717958647692f;
        // On a GPU the fast log has an absolute error near 2^-22, so for u just below 1 it can come out
        // positive; clamping keeps the square root finite (it changes nothing where the log is exact).
        float s0 = -2f * MathF.Log(Uniform(block.X0));
        float s1 = -2f * MathF.Log(Uniform(block.X2));
        float r0 = MathF.Sqrt(s0 > 0f ? s0 : 0f);
        float a0 = TwoPi * Uniform(block.X1);
        float r1 = MathF.Sqrt(s1 > 0f ? s1 : 0f);
        float a1 = TwoPi * Uniform(block.X3);
        return new Normal4(r0 * MathF.Cos(a0), r0 * MathF.Sin(a0), r1 * MathF.Cos(a1), r1 * MathF.Sin(a1));
    }
}
