using GpuThermoChain.Engine.Results;
using MathNet.Numerics.Distributions;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// An automatic burn-in over fewer than 16 trajectories (one group each) says that its test is weak, with the threshold
/// against a large ensemble's; from 16 groups on, and for a fixed burn-in, it says nothing more.
/// </summary>
public class BurnInWeaknessTests
{
    private static BurnInReport Report(int groups, bool auto = true) => new(auto, 1000, 10, true, 1280, 0.01, groups, 6,
        StudentT.InvCDF(0, 1, groups - 1, 1 - 0.01 / 12), [new BurnInStage(0, 1000, 0.5, "bond", 0.7, "bond vs leftBath", true)]);

    [Theory]
    [InlineData(2, "1 degree(s) of freedom")]
    [InlineData(8, "7 degree(s) of freedom")]
    [InlineData(15, "14 degree(s) of freedom")]
    public void FewTrajectoriesAreNamed(int groups, string dof)
    {
        var r = Report(groups);
        Assert.Contains(dof, r.Weakness);
        Assert.Contains("numerics.trajectories >= 16", r.Weakness);
        Assert.Contains("WEAK TEST", r.Describe(0.01));
    }

    [Fact]
    public void EnoughTrajectoriesOrAFixedBurnInSayNothingMore()
    {
        Assert.Null(Report(16).Weakness);
        Assert.Null(Report(64).Weakness);
        Assert.Null(Report(2, auto: false).Weakness);
        Assert.DoesNotContain("WEAK", Report(16).Describe(0.01));
    }
}
