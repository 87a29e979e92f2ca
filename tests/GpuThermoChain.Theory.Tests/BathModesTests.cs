using MathNet.Numerics;

namespace GpuThermoChain.Theory.Tests;

public class BathModesTests
{
    [Fact]
    public void VarianceAtRhoTwo()
    {
        // source: docs/model.md, "Effective Markov chain"
        Assertions.Relative(1.1749065814256272, BathModes.VarianceF(1, 2), 1e-14, "Var(F)");
        Assertions.Relative(4 * 1.1749065814256272, BathModes.VarianceF(2, 2), 1e-14, "Var(F) ~ A^2");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(5.0)]
    [InlineData(20.0)]
    public void VarianceMatchesBesselFormula(double rho)
    {
        double direct = SpecialFunctions.BesselIScaled(0, 2 * rho) / Math.Pow(SpecialFunctions.BesselIScaled(0, rho), 2) - 1;
        Assertions.Relative(direct, BathModes.VarianceF(1, rho), rho < 1 ? 1e-10 : 1e-12, "Var(F)");
    }

    [Fact]
    public void LargeRhoStaysFinite()
    {
        double v = BathModes.VarianceF(1, 50);
        double direct = SpecialFunctions.BesselIScaled(0, 100) / Math.Pow(SpecialFunctions.BesselIScaled(0, 50), 2) - 1;
        Assertions.Relative(direct, v, 1e-12, "Var(F) at rho = 50");
        var p = TheoryParameters.Paper(1, 0.1, 500, 4) with { Localisation = 50 };
        var modes = BathModes.Modes(p);
        Assert.All(modes, m => Assert.True(double.IsFinite(m.C) && m.C >= 0 && m.Tau > 0));
        Assert.True(modes.Count > 30 && modes.Count < 200, $"{modes.Count} modes");
        Assert.True(double.IsFinite(BathModes.GammaL(p)) && BathModes.GammaL(p) > 0);
    }

    [Fact]
    public void RatiosMatchMathNetBessel()
    {
        var r = BathModes.BesselRatios(2, 12);
        for (int n = 0; n <= 12; n++)
            Assertions.Relative(SpecialFunctions.BesselI(n, 2) / SpecialFunctions.BesselI0(2), r[n], 1e-12, $"I_{n}/I_0");
    }

    [Fact]
    public void ModesSumToVarianceAndGammaL()
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, 4);
        var modes = BathModes.Modes(p);
        Assertions.Relative(p.BathParticles * p.CouplingStrength * p.CouplingStrength * BathModes.VarianceF(1, 2), modes.Sum(m => m.C), 1e-14, "sum c_n");
        Assertions.Relative(0.1 * 625 / (4 * Math.PI * Math.PI * 5), BathModes.SlowestBathTime(p), 1e-15, "tau_1");
        Assertions.Relative(modes[0].Tau / 9, modes[2].Tau, 1e-15, "tau_3");
        // gamma_L written with Bessel functions directly (docs/model.md, "Effective Markov chain").
        double sum = 0;
        for (int n = 1; n < 30; n++) sum += Math.Pow(SpecialFunctions.BesselI(n, 2), 2) / (n * n);
        double expected = 40 * 0.01 * 0.1 * 625 / (2 * Math.PI * Math.PI * 25 * Math.Pow(SpecialFunctions.BesselI0(2), 2)) * sum;
        Assertions.Relative(expected, BathModes.GammaL(p), 1e-12, "gamma_L");
    }
}
