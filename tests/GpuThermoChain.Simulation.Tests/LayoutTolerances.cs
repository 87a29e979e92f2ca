namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// How far two kernel layouts may differ: only the float summation order of the bath force differs between them,
/// and these tolerances are derived from that in <c>TileLayoutTests</c> (remarks: about 10x the differences
/// measured after 500 steps at N = 4, S = 2). Shared with the tests of the layout choice (GpuThermoChain.Physics.Tests
/// compiles this file too), so both hold layouts to the same documented bound.
/// </summary>
internal static class LayoutTolerances
{
    /// <summary>q and p: within this of max(1, |value|).</summary>
    public const double ChainTolerance = 1e-6;
    /// <summary>Accumulators: within this of the slot's largest magnitude.</summary>
    public const double AccumulatorTolerance = 1e-6;
    /// <summary>Particles: within this many ulps of the ring length.</summary>
    public const int ParticleUlps = 8;

    public static void AssertWithin(double[] expected, double[] actual, double bound, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"{what}[{i}]: reference {expected[i]:R}, tile {actual[i]:R}, bound {bound:E2}");
        }
    }

    public static void AssertChainClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double bound = ChainTolerance * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"{what}[{i}]: reference {expected[i]:R}, tile {actual[i]:R}");
        }
    }

    /// <summary>Ring distance within <c>ParticleUlps</c> ulps of the largest x (a particle may wrap on one side only).</summary>
    public static void AssertParticlesClose(float[] expected, float[] actual, float ringLength)
    {
        Assert.Equal(expected.Length, actual.Length);
        double ulp = MathF.BitIncrement(ringLength) - ringLength;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs((double)expected[i] - actual[i]);
            d = Math.Min(d, ringLength - d);
            Assert.True(d <= ParticleUlps * ulp, $"x[{i}]: reference {expected[i]:R}, tile {actual[i]:R}");
        }
    }

    public static void AssertAccumulatorsClose(double[] expected, double[] actual, int slots)
    {
        Assert.Equal(expected.Length, actual.Length);
        int m = expected.Length / slots;
        for (int slot = 0; slot < slots; slot++)
        {
            double scale = Enumerable.Range(0, m).Max(t => Math.Abs(expected[slot * m + t]));
            for (int t = 0; t < m; t++)
            {
                int i = slot * m + t;
                Assert.True(Math.Abs(expected[i] - actual[i]) <= AccumulatorTolerance * scale,
                    $"accumulator slot {slot}, trajectory {t}: reference {expected[i]:R}, tile {actual[i]:R}");
            }
        }
    }
}
