namespace GpuThermoChain.Theory.Tests;

public class MemoryKernelTests
{
    [Theory]
    [InlineData(1, 1.0, 5.0, 0.0)]
    [InlineData(2, 1.0, 2.0, 0.0)]
    [InlineData(4, 1.0, 1.2, 0.0)]
    [InlineData(8, 0.5, 10.0, 0.0)]
    [InlineData(8, 1.0, 3.0, 10.0)]
    [InlineData(20, 1.0, 20.0, 0.0)]
    public void FrequencyDomainMatchesEmbedding(int n, double k, double tl, double tr)
    {
        var p = TheoryParameters.Paper(k, 0.1, tl, n) with { RightTemperature = tr };
        double frequency = MemoryKernel.CurrentFrequencyDomain(p);
        var currents = MemoryKernel.Embedding(p).Currents;
        Assertions.Relative(frequency, currents.RightBath, 1e-9, "right bath");
        Assertions.Relative(frequency, currents.LeftBath, 1e-9, "left bath");
        Assertions.Relative(frequency, currents.Bond, 1e-9, "bond");
    }

    [Fact]
    public void KernelReducesToMarkovAtLowFrequency()
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, 4);
        double chi0 = p.PinningConstant - BathModes.KEff(p);
        double gammaL = BathModes.GammaL(p);
        Assertions.Relative(chi0, MemoryKernel.Susceptibility(p, 0).Real, 1e-14, "chi(0) = K - k_eff");
        Assertions.Relative(gammaL, MemoryKernel.Friction(p, 0), 1e-14, "gamma_L(0) = gamma_L");
        double w = 1e-4;
        var chi = MemoryKernel.Susceptibility(p, w);
        Assertions.Relative(gammaL, chi.Imaginary / w, 1e-6, "Im chi / w");
        Assertions.Relative(gammaL, MemoryKernel.Friction(p, w), 1e-6, "gamma_L(w)");
    }

    [Fact]
    public void CurrentTendsToMarkovForShortMemory()
    {
        // Shrinking zeta shortens every tau_n (and gamma_L with it); the memory correction is O((w tau_1)^2).
        double previous = double.MaxValue;
        foreach (double zeta in new[] { 1e-2, 1e-3, 1e-4 })
        {
            var p = TheoryParameters.Paper(1, zeta, 3, 4);
            double deviation = Math.Abs(MemoryKernel.CurrentFrequencyDomain(p) / EffectiveChain.CurrentGreen(p) - 1);
            Assert.True(deviation < previous / 50, $"zeta = {zeta}: deviation {deviation}");
            previous = deviation;
        }
        Assert.True(previous < 1e-5);
    }

    [Fact]
    public void MemoryLowersTheCurrentAtModerateTemperature()
    {
        // docs/model.md, "Memory-kernel theory": the full model (and the memory-kernel theory) lies ~15 % below Markov at T_L = 5.
        var report = Verifier.Evaluate(TheoryParameters.Paper(1, 0.1, 5, 4));
        Assert.InRange(report.CurrentMemoryKernel / report.CurrentMarkov, 0.8, 0.9);
    }

    [Fact]
    public void ChainCovarianceIsSymmetricPositiveAndConsistent()
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, 4) with { RightTemperature = 1 };
        var c = Verifier.Evaluate(p).MemoryKernelChainCovariance;
        Assert.Equal(8, c.GetLength(0));
        Assert.Equal(8, c.GetLength(1));
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(c);
        Assert.True((matrix - matrix.Transpose()).FrobeniusNorm() < 1e-14 * matrix.FrobeniusNorm());
        Assert.True(matrix.Evd().EigenValues.All(z => z.Real > 0));
        var profile = MemoryKernel.Embedding(p).TemperatureProfile;
        for (int j = 0; j < 4; j++) Assert.Equal(profile[j], c[4 + j, 4 + j] / p.Mass, 14);
    }

    [Fact]
    public void EquilibriumEmbeddingIsBoltzmann()
    {
        var p = TheoryParameters.Paper(1, 0.1, 3, 4) with { RightTemperature = 3 };
        var c = Verifier.Evaluate(p).MemoryKernelChainCovariance;
        var phi = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { 1 + BathModes.KEff(p), -1, 0, 0 }, { -1, 2, -1, 0 }, { 0, -1, 2, -1 }, { 0, 0, -1, 2 },
        });
        var expected = phi.Inverse() * 3;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(3.0, c[4 + i, 4 + i], 12);
            for (int j = 0; j < 4; j++) Assert.Equal(expected[i, j], c[i, j], 12);
        }
    }
}
