namespace GpuThermoChain.Theory.Tests;

public class EffectiveChainTests
{
    private static EffectiveChainSpec Chain(int n, double gammaL, double tr = 0) =>
        new(n, 1.0, 1.0, 0.9, 1.0, gammaL, 1.0, 5.0, tr);

    [Theory]
    [InlineData(1, 0.0258735764352, 0.0)]
    [InlineData(2, 0.0258735764352, 0.0)]
    [InlineData(5, 0.0258735764352, 2.0)]
    [InlineData(20, 0.3, 0.0)]
    [InlineData(64, 0.0258735764352, 3.0)]
    [InlineData(2, 1e-6, 0.0)]
    [InlineData(5, 1e-6, 4.0)]
    [InlineData(20, 1e-6, 0.0)]
    [InlineData(64, 1e-6, 10.0)]
    public void GreenMatchesLyapunov(int n, double gammaL, double tr)
    {
        var spec = Chain(n, gammaL, tr);
        double green = EffectiveChain.CurrentGreen(spec);
        var currents = EffectiveChain.Lyapunov(spec).Currents;
        Assertions.Relative(green, currents.RightBath, 1e-9, "right bath");
        Assertions.Relative(green, currents.Bond, 1e-9, "bond");
        Assertions.Relative(green, currents.LeftBath, 1e-9, "left bath");
    }

    [Fact]
    public void WeaklyDampedBothEnds()
    {
        var spec = new EffectiveChainSpec(8, 1.0, 1.0, 0.7, 1.3, 1e-3, 2e-3, 3.0, 1.0);
        double green = EffectiveChain.CurrentGreen(spec);
        var currents = EffectiveChain.Lyapunov(spec).Currents;
        Assertions.Relative(green, currents.RightBath, 1e-9, "right bath");
        Assertions.Relative(green, currents.Bond, 1e-9, "bond");
        Assertions.Relative(green, currents.LeftBath, 1e-9, "left bath");
    }

    /// <summary>
    /// The closed form is the N -> infinity limit; for a uniform chain a finite chain differs from it only by terms
    /// exponentially small in N (at N = 5 the difference is still 2.7e-6 relative), so N = 64 must agree to rounding.
    /// </summary>
    [Theory]
    [InlineData(48)]
    [InlineData(64)]
    public void ClosedFormIsExactForLongUniformChain(int n)
    {
        var spec = new EffectiveChainSpec(n, 1.3, 0.8, 0.8, 0.8, 0.3, 1.1, 4.0, 1.0);
        double closed = EffectiveChain.ClosedForm(spec);
        Assertions.Relative(closed, EffectiveChain.CurrentGreen(spec), 1e-9, "Green");
        Assertions.Relative(closed, EffectiveChain.Lyapunov(spec).Currents.RightBath, 1e-9, "Lyapunov");
    }

    [Fact]
    public void RiederLiebLebowitz()
    {
        double k = 1.0, m = 1.0, g = 0.5, dT = 3.0;
        var spec = new EffectiveChainSpec(64, m, k, k, k, g, g, 4.0, 4.0 - dT);
        double nu = k * m / (g * g);
        double expected = k * dT / (2 * g) * (1 + nu / 2 - nu / 2 * Math.Sqrt(1 + 4 / nu));
        Assertions.Relative(expected, EffectiveChain.ClosedForm(spec), 1e-12, "closed form");
        Assertions.Relative(expected, EffectiveChain.Lyapunov(spec).Currents.RightBath, 1e-9, "Lyapunov");
        Assertions.Relative(expected, EffectiveChain.CurrentGreen(spec), 1e-9, "Green");
    }

    [Fact]
    public void WeakCouplingLimit()
    {
        double previous = double.MaxValue;
        foreach (double gammaL in new[] { 1e-2, 1e-4, 1e-6 })
        {
            var spec = Chain(8, gammaL);
            double ratio = EffectiveChain.CurrentGreen(spec) / EffectiveChain.WeakCoupling(spec);
            double closedRatio = EffectiveChain.ClosedForm(spec) / EffectiveChain.WeakCoupling(spec);
            Assert.True(Math.Abs(ratio - 1) < previous / 10, $"gamma_L = {gammaL}: ratio {ratio}");
            Assert.True(Math.Abs(closedRatio - 1) < 10 * gammaL, $"closed form ratio {closedRatio}");
            previous = Math.Abs(ratio - 1);
        }
        Assert.True(previous < 1e-5);
    }

    [Fact]
    public void FiniteChainConvergesToClosedForm()
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, 32);
        Assertions.Relative(EffectiveChain.ClosedForm(p), EffectiveChain.CurrentGreen(p), 1e-10, "N = 32");
    }

    [Fact]
    public void EquilibriumProfileIsFlat()
    {
        var spec = new EffectiveChainSpec(6, 1.0, 1.0, 0.9, 1.0, 0.2, 1.0, 2.5, 2.5);
        var state = EffectiveChain.Lyapunov(spec);
        Assert.All(state.TemperatureProfile, t => Assert.Equal(2.5, t, 12));
        Assert.Equal(0.0, state.Currents.RightBath, 14);
    }

    [Fact]
    public void ProfileLiesBetweenBathTemperatures()
    {
        var state = EffectiveChain.Lyapunov(TheoryParameters.Paper(1, 0.1, 5, 8) with { RightTemperature = 1 });
        Assert.Equal(8, state.TemperatureProfile.Count);
        Assert.All(state.TemperatureProfile, t => Assert.InRange(t, 1.0, 5.0));
    }

    [Fact]
    public void UnstableChainThrows()
    {
        var p = TheoryParameters.Paper(1, 0.1, 0.3, 8);
        var e = Assert.Throws<ChainUnstableException>(() => Verifier.Evaluate(p));
        Assert.Equal("particleBath.temperature", e.Parameter);
        Assert.Equal("particleBath.temperature", Assert.Throws<ChainUnstableException>(() => MemoryKernel.CurrentFrequencyDomain(p)).Parameter);
        Assert.Equal("particleBath.temperature", Assert.Throws<ChainUnstableException>(() => DiscreteScheme.Stationary(p, 0.01)).Parameter);
    }

    [Fact]
    public void NonPositivePinningBlamesPinning()
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, 4) with { PinningConstant = 0 };
        Assert.Equal("chain.pinning", Assert.Throws<ChainUnstableException>(() => Verifier.Evaluate(p)).Parameter);
        var soft = new EffectiveChainSpec(4, 1.0, 1.0, -2.0, 1.0, 0.1, 1.0, 5.0, 0.0);
        Assert.Equal("particleBath.temperature", Assert.Throws<ChainUnstableException>(() => EffectiveChain.Lyapunov(soft)).Parameter);
        var negativeCoupling = new EffectiveChainSpec(4, 1.0, -1.0, 1.0, 1.0, 0.1, 1.0, 5.0, 0.0);
        Assert.Equal("chain.coupling", Assert.Throws<ChainUnstableException>(() => EffectiveChain.CurrentGreen(negativeCoupling)).Parameter);
    }

    [Fact]
    public void SingleProbe()
    {
        var spec = new EffectiveChainSpec(1, 1.0, 0.0, 0.9, 1.0, 0.2, 1.0, 5.0, 1.0);
        double green = EffectiveChain.CurrentGreen(spec);
        // One oscillator between two Langevin baths: J = gamma_L gamma_R (T_L - T_R) / (m (gamma_L + gamma_R)).
        Assertions.Relative(0.2 * 1.0 * 4.0 / 1.2, green, 1e-10, "Green");
        var currents = EffectiveChain.Lyapunov(spec).Currents;
        Assertions.Relative(green, currents.RightBath, 1e-10, "right");
        Assertions.Relative(green, currents.LeftBath, 1e-10, "left");
    }
}
