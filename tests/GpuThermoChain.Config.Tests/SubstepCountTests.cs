using GpuThermoChain.Config;

namespace GpuThermoChain.Config.Tests;

/// <summary>The one rounding rule for substep counts (<see cref="SubstepCount"/>).</summary>
public class SubstepCountTests
{
    [Theory]
    [InlineData(0.07, 0.01, 7)]        // an exact multiple in decimal: 0.07 / 0.01 = 7.000000000000001 in binary
    [InlineData(0.3, 0.1, 3)]          // 0.3 / 0.1 = 2.9999999999999996: the ceiling is 3, not 2
    [InlineData(0.01, 0.00101, 10)]
    [InlineData(0.01, 0.00099, 11)]
    [InlineData(0.01, 1.0, 1)]         // a step far below the limit still takes one substep
    public void NeededIsTheFewestSubstepsThatFit(double timeStep, double limit, double expected)
    {
        Assert.Equal(expected, SubstepCount.Needed(timeStep, limit));
        // What it returns fits (up to the slack), and one fewer does not.
        Assert.True(timeStep / expected <= limit * (1 + 2 * SubstepCount.RoundingSlack));
        if (expected > 1)
            Assert.True(timeStep / (expected - 1) > limit);
    }
}
