using System.Runtime.Intrinsics;
using GpuThermoChain.Kernels.Host;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// Maximum errors of <see cref="PolynomialLaneMath"/> against double precision over the ranges the step feeds it
/// (the bounds its documentation states), and the exactness of the vectorised Philox and uniforms.
/// </summary>
public class LaneMathAccuracyTests
{
    private const int Samples = 1 << 20;

    [Fact]
    public void ExpIsWithin2UlpOnTheForceRange()
    {
        // rho (cos theta - 1) lies in [-2 rho, 0], rho <= 50; the result is a normal float above -87.33.
        double worst = MaxError(-87.3f, 0f, v => PolynomialLaneMath.Exp(v), Math.Exp, relative: true);
        Assert.True(worst <= 2.4e-7, $"exp relative error {worst:E3}");
        var deep = PolynomialLaneMath.Exp(Vector512.Create(-100f));
        Assert.Equal(0f, deep[0]);
    }

    [Fact]
    public void LogIsWithin2UlpOnTheUniforms()
    {
        double worst = MaxError(1.1e-10f, 1f, v => PolynomialLaneMath.Log(v), Math.Log, relative: false, scaleFloor: 1.0);
        Assert.True(worst <= 2.4e-7, $"log error {worst:E3} (absolute below |log| = 1, relative above)");
        Assert.Equal(0f, PolynomialLaneMath.Log(Vector512<float>.One)[0]);
    }

    [Fact]
    public void SinCosAreWithin2UlpOfOneOnTheCircle()
    {
        double worstSin = MaxError(0f, 6.2831855f, v => PolynomialLaneMath.SinCos(v).Sin, Math.Sin, relative: false);
        double worstCos = MaxError(0f, 6.2831855f, v => PolynomialLaneMath.SinCos(v).Cos, Math.Cos, relative: false);
        Assert.True(worstSin <= 2.4e-7, $"sin absolute error {worstSin:E3}");
        Assert.True(worstCos <= 2.4e-7, $"cos absolute error {worstCos:E3}");
    }

    [Fact]
    public void PhiloxWordsAndUniformsAreBitIdenticalToTheScalarGenerator()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 2000; trial++)
        {
            uint baseId = (uint)random.NextInt64(0, 1L << 32);
            uint step = (uint)random.NextInt64(0, 1L << 32);
            uint word2 = (uint)random.NextInt64(0, 1L << 32);
            uint group = (uint)random.Next(0, 64);
            uint k0 = (uint)random.NextInt64(0, 1L << 32);
            uint k1 = (uint)random.NextInt64(0, 1L << 32);
            var ids = Vector512.Create(baseId) + Vector512<uint>.Indices;
            var lanes = PhiloxLanes.Generate(ids, step, word2, group, k0, k1);
            var exact = PhiloxLanes.BoxMuller<ScalarLaneMath>(lanes);
            for (int lane = 0; lane < 16; lane++)
            {
                var block = Philox4x32x10.Generate(ids[lane], step, word2, group, k0, k1);
                Assert.Equal([block.X0, block.X1, block.X2, block.X3], [lanes.W0[lane], lanes.W1[lane], lanes.W2[lane], lanes.W3[lane]]);
                Assert.Equal(Philox4x32x10.Uniform(block.X1), PhiloxLanes.Uniform(lanes.W1)[lane]);
                var normals = Philox4x32x10.BoxMuller(block);
                Assert.Equal([normals.Z0, normals.Z1, normals.Z2, normals.Z3], [exact.W0[lane], exact.W1[lane], exact.W2[lane], exact.W3[lane]]);
            }
        }
        foreach (uint word in new[] { 0u, 1u, 0x00FFFFFFu, 0x01000000u, 0x7FFFFFFFu, 0xFFFFFF7Fu, 0xFFFFFF80u, uint.MaxValue })
        {
            Assert.Equal(Philox4x32x10.Uniform(word), PhiloxLanes.Uniform(Vector512.Create(word))[0]);
        }
    }

    /// <summary>
    /// Largest error over an even grid of <see cref="Samples"/> floats in [from, to]: relative, or absolute
    /// divided by max(|exact|, <paramref name="scaleFloor"/>) (absolute where the function is small).
    /// </summary>
    private static double MaxError(float from, float to, Func<Vector512<float>, Vector512<float>> approximate, Func<double, double> exact,
        bool relative, double scaleFloor = 1.0)
    {
        double worst = 0;
        Span<float> inputs = stackalloc float[16];
        for (int i = 0; i < Samples; i += 16)
        {
            for (int lane = 0; lane < 16; lane++)
            {
                inputs[lane] = from + (to - from) * ((i + lane) / (float)(Samples - 1));
            }
            var result = approximate(Vector512.Create((ReadOnlySpan<float>)inputs));
            for (int lane = 0; lane < 16; lane++)
            {
                double truth = exact(inputs[lane]);
                double scale = relative ? Math.Abs(truth) : Math.Max(Math.Abs(truth), scaleFloor);
                worst = Math.Max(worst, Math.Abs(result[lane] - truth) / scale);
            }
        }
        return worst;
    }
}
