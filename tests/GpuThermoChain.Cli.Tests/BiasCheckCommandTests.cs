namespace GpuThermoChain.Cli.Tests;

/// <summary>gtc run --bias-check: what result.json and the summary carry, on both engines that run it, and the refusals.</summary>
public class BiasCheckCommandTests
{
    private static readonly string[] Small =
    [
        "--quiet", "--set", "chain.sites=3", "--set", "particleBath.particles=8", "--set", "particleBath.epsilon=0.2236",
        "--set", "numerics.trajectories=16", "--set", "numerics.burnInTime=1", "--set", "numerics.measureTime=2",
    ];

    private static CliHarness.Outcome Run(params string[] extra) => CliHarness.Run(["run", .. Small, .. extra]);

    /// <summary>
    /// The check in result.json: its size (8 of 16 trajectories), the halved steps, every estimator's coarse, fine and
    /// paired difference with z = difference / stdErr, a verdict and its meaning; on <c>--device cpu</c> it runs on the
    /// reference integrator, on <c>ilgpu-cpu</c> on the device itself, and the two agree (the same step, the same noise).
    /// </summary>
    [Fact]
    public void ResultCarriesTheCheckOnEitherEngine()
    {
        var cpu = Run("--device", "cpu", "--json", "--bias-check", "--bias-check-trajectories", "8");
        var ilgpu = Run("--device", "ilgpu-cpu", "--json", "--bias-check", "--bias-check-trajectories", "8");
        Assert.True(cpu.ExitCode == 0, cpu.Err);
        Assert.True(ilgpu.ExitCode == 0, ilgpu.Err);
        var a = cpu.Json.GetProperty("biasCheck");
        var b = ilgpu.Json.GetProperty("biasCheck");
        Assert.Equal(8, a.GetProperty("trajectories").GetInt32());
        Assert.Equal(0.005, a.GetProperty("fineTimeStep").GetDouble(), 15);
        Assert.Equal("bond", a.GetProperty("estimator").GetString());
        Assert.Contains("reference integrator", a.GetProperty("engine").GetString());
        Assert.Contains("ILGPU CPU accelerator", b.GetProperty("engine").GetString());
        foreach (string e in new[] { "bond", "rightBath", "leftBath" })
        {
            var x = a.GetProperty("estimators").GetProperty(e);
            Assert.Equal(x.GetProperty("difference").GetDouble() / x.GetProperty("differenceStdErr").GetDouble(), x.GetProperty("z").GetDouble(), 9);
            Assert.Equal(x.GetProperty("fine").GetDouble() - x.GetProperty("coarse").GetDouble(), x.GetProperty("difference").GetDouble(), 12);
            var y = b.GetProperty("estimators").GetProperty(e);
            Assert.Equal(x.GetProperty("fine").GetDouble(), y.GetProperty("fine").GetDouble(), 12);
            Assert.Equal(x.GetProperty("coarse").GetDouble(), y.GetProperty("coarse").GetDouble(), 12);
        }
        Assert.Contains(a.GetProperty("verdict").GetString(), new[] { "fineEnough", "tooCoarse", "inconclusive" });
        Assert.False(string.IsNullOrEmpty(a.GetProperty("meaning").GetString()));

        var summary = Run("--device", "cpu", "--bias-check", "--bias-check-trajectories", "8");
        Assert.True(summary.ExitCode == 0, summary.Err);
        Assert.Contains("bias check (dt = 0.01 -> 0.005", summary.Out);
        Assert.Contains("cost: 8 trajectories", summary.Out);
    }

    [Theory]
    [InlineData("--bias-check", "--set", "model=meanForce")]
    [InlineData("--bias-check-trajectories", "4")]
    [InlineData("--bias-check", "--bias-check-trajectories", "17")]
    public void RefusedAsBadInputNamingTheOption(params string[] extra)
    {
        var r = Run(["--device", "cpu", .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--bias-check", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
