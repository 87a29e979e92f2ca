namespace GpuThermoChain.Theory.Tests;

public class DiscreteSchemeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    public void TendsToContinuousWithSecondOrderError(int n)
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, n) with { RightTemperature = 1 };
        var continuous = EffectiveChain.Lyapunov(p);
        double exact = continuous.Currents.RightBath;
        var errors = new[] { 0.1, 0.05, 0.025 }.Select(dt =>
        {
            var d = DiscreteScheme.Stationary(p, dt);
            return (Right: Math.Abs(d.RightBath / exact - 1), Left: Math.Abs(d.LeftBath / exact - 1),
                Profile: d.TemperatureProfile.Zip(continuous.TemperatureProfile, (a, b) => Math.Abs(a - b)).Max());
        }).ToArray();
        for (int i = 1; i < errors.Length; i++)
        {
            Assert.InRange(errors[i - 1].Right / errors[i].Right, 3.5, 4.5);
            Assert.InRange(errors[i - 1].Left / errors[i].Left, 3.5, 4.5);
        }
        // The ratios above are the real check (second order); this only confirms that the errors are also small
        // in absolute terms at the finest step, where (omega dt)^2 ~ 2.5e-3 sets their scale.
        Assert.True(errors[^1].Right < 1e-2 && errors[^1].Profile < 1e-2, $"errors at dt = 0.025: {errors[^1]}");
    }

    [Theory]
    [InlineData(1, 0.05)]
    [InlineData(4, 0.05)]
    [InlineData(8, 0.2)]
    public void LeftEqualsRightInTheDiscreteStationaryState(int n, double dt)
    {
        var d = DiscreteScheme.Stationary(TheoryParameters.Paper(1, 0.1, 5, n) with { RightTemperature = 2 }, dt);
        Assertions.Relative(d.RightBath, d.LeftBath, 1e-10, "left vs right");
    }

    [Fact]
    public void EquilibriumCarriesNoCurrent()
    {
        var spec = new EffectiveChainSpec(5, 1.0, 1.0, 0.9, 1.0, 0.3, 1.0, 2.0, 2.0);
        var d = DiscreteScheme.Stationary(spec, 0.05);
        Assert.Equal(0.0, d.RightBath, 12);
        Assert.Equal(0.0, d.LeftBath, 12);
    }

    [Fact]
    public void WeakLeftCouplingStaysPrecise()
    {
        var spec = new EffectiveChainSpec(8, 1.0, 1.0, 0.9, 1.0, 1e-6, 1.0, 5.0, 0.0);
        var d = DiscreteScheme.Stationary(spec, 0.01);
        double exact = EffectiveChain.Lyapunov(spec).Currents.RightBath;
        Assert.InRange(d.RightBath / exact, 0.999, 1.001);
        Assertions.Relative(d.RightBath, d.LeftBath, 1e-8, "left vs right");
    }
}
