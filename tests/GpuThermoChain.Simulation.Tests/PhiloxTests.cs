using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

public class PhiloxTests
{
    /// <summary>Known answers from docs/model.md, "Random numbers" (Random123's kat_vectors for philox4x32-10).</summary>
    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        PhiloxBlock b = Philox4x32x10.Generate(c0, c1, c2, c3, k0, k1);
        Assert.Equal((r0, r1, r2, r3), (b.X0, b.X1, b.X2, b.X3));
    }

    [Fact]
    public void UniformsStayInsideTheOpenInterval()
    {
        Assert.True(Philox4x32x10.Uniform(0) > 0f);
        Assert.True(Philox4x32x10.Uniform(uint.MaxValue) <= 1f);
        Assert.True(float.IsFinite(Philox4x32x10.BoxMuller(new PhiloxBlock(0, 0, uint.MaxValue, uint.MaxValue)).Z0));
    }

    /// <summary>
    /// The float form of the uniform, float(2w + 1) 2^-33, is the double form (w + 0.5) 2^-32 rounded once to
    /// float, bit for bit: every word of the form k * 65537 + offsets (all exponents, both ends, the words
    /// whose value lands on a rounding tie) and the edges. (All 2^32 words were checked once by hand.)
    /// </summary>
    [Fact]
    public void UniformIsTheDoubleFormRoundedOnce()
    {
        static float DoubleForm(uint w) => (float)((w + 0.5) * (1.0 / 4294967296.0));
        uint[] edges = [0, 1, 2, 255, 256, 257, 0x7FFFFF, 0x800000, 0xFFFFFF, 0x1000000, 0x7FFFFFFF, 0x80000000, 0xFFFFFF7F, 0xFFFFFF80, 0xFFFFFFFE, uint.MaxValue];
        foreach (uint w in edges)
        {
            Assert.Equal(DoubleForm(w), Philox4x32x10.Uniform(w));
        }
        for (ulong k = 0; k < (1UL << 32); k += 65537)
        {
            for (uint offset = 0; offset < 4; offset++)
            {
                uint w = (uint)(k + 127 * offset);
                Assert.Equal(BitConverter.SingleToUInt32Bits(DoubleForm(w)), BitConverter.SingleToUInt32Bits(Philox4x32x10.Uniform(w)));
            }
        }
    }

    /// <summary>
    /// Statistical: 2^18 normals; mean and variance each within |z| &lt; 4 (false alarm ~6e-5 per check;
    /// Var of the sample variance of a normal is 2/n).
    /// </summary>
    [Fact]
    public void BoxMullerGivesStandardNormals()
    {
        const int Blocks = 1 << 16;
        double sum = 0, squares = 0, fourth = 0;
        for (uint g = 0; g < Blocks; g++)
        {
            Normal4 z = NoiseStreams.Normals(11, 22, 3, g, NoiseStreams.ParticleBath, 0, g % 10);
            for (int index = 0; index < 4; index++)
            {
                double v = z.Get(index);
                sum += v;
                squares += v * v;
                fourth += v * v * v * v;
            }
        }
        double n = 4.0 * Blocks;
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        double zMean = mean * Math.Sqrt(n);
        double zVariance = (variance - 1) / Math.Sqrt(2 / n);
        double zKurtosis = (fourth / n - 3) / Math.Sqrt(96 / n);
        Assert.True(Math.Abs(zMean) < 4, $"statistical test: mean z = {zMean}");
        Assert.True(Math.Abs(zVariance) < 4, $"statistical test: variance z = {zVariance}");
        Assert.True(Math.Abs(zKurtosis) < 4, $"statistical test: fourth moment z = {zKurtosis}");
    }

    [Fact]
    public void EveryKeyComponentChangesTheDraw()
    {
        PhiloxBlock Draw(uint seedLow, uint seedHigh, uint traj, uint step, uint purpose, uint sub, uint group)
            => Philox4x32x10.Generate(traj, step, (purpose << NoiseStreams.SubstepBits) | sub, group, seedLow, seedHigh);
        var baseline = Draw(1, 2, 3, 4, NoiseStreams.ParticleBath, 5, 6);
        Assert.NotEqual(baseline, Draw(9, 2, 3, 4, NoiseStreams.ParticleBath, 5, 6));
        Assert.NotEqual(baseline, Draw(1, 9, 3, 4, NoiseStreams.ParticleBath, 5, 6));
        Assert.NotEqual(baseline, Draw(1, 2, 9, 4, NoiseStreams.ParticleBath, 5, 6));
        Assert.NotEqual(baseline, Draw(1, 2, 3, 9, NoiseStreams.ParticleBath, 5, 6));
        Assert.NotEqual(baseline, Draw(1, 2, 3, 4, NoiseStreams.RightLangevinBath, 5, 6));
        Assert.NotEqual(baseline, Draw(1, 2, 3, 4, NoiseStreams.ParticleBath, 9, 6));
        Assert.NotEqual(baseline, Draw(1, 2, 3, 4, NoiseStreams.ParticleBath, 5, 9));
    }

    /// <summary>I0(2) = 2.2795853023360673 (Abramowitz and Stegun table 9.8; mpmath besseli(0, 2)).</summary>
    [Fact]
    public void ForceScaleUsesI0()
    {
        Assert.Equal(2.2795853023360673, StepCoefficients.ScaledBesselI0(2) * Math.Exp(2), 14);
        Assert.Equal(1.0, StepCoefficients.ScaledBesselI0(0), 15);
        Assert.True(double.IsFinite(StepCoefficients.ScaledBesselI0(50)));
        // Large-x expansion e^-x I0(x) ~ (1 + 1/(8x) + 9/(2 (8x)^2) + 225/(6 (8x)^3)) / sqrt(2 pi x); next term 2e-8 relative.
        double asymptotic = (1 + 1 / 400.0 + 9 / (2 * 160000.0) + 225 / (6 * 64e6)) / Math.Sqrt(2 * Math.PI * 50);
        Assert.True(Math.Abs(StepCoefficients.ScaledBesselI0(50) / asymptotic - 1) < 1e-7);
    }
}
