namespace GpuThermoChain.Cli.Tests;

/// <summary>
/// Physically valid values beyond what the exact theory can compute in double precision are refused up front with
/// exit 2, naming the parameter and the range the theory supports, instead of hanging or failing inside Math.NET.
/// </summary>
public class TheoryReachTests
{
    [Theory]
    [InlineData("langevinBath.friction=1e300", "langevinBath.friction")]
    [InlineData("chain.mass=1e-300", "chain.mass")]
    [InlineData("chain.coupling=1e300", "chain.coupling")]
    [InlineData("particleBath.ringLength=1e-300", "particleBath.ringLength")]
    [InlineData("particleBath.friction=1e-300", "particleBath.friction")]
    [InlineData("particleBath.temperature=1e300", "particleBath.temperature")]
    [InlineData("chain.pinning=1e6", "chain.pinning")]
    [InlineData("chain.coupling=1e15", "chain.coupling")]
    public void TheoryRefusesNamingTheParameter(string set, string parameter)
    {
        var r = CliHarness.Run("theory", "--set", set);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Err}");
        Assert.StartsWith($"error: {parameter}:", r.Err.TrimStart());
        Assert.Contains("beyond the exact theory's reach", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void TheRangeIsStated()
    {
        var r = CliHarness.Run("theory", "--set", "chain.pinning=1e6");
        Assert.Contains("the theory supports chain.pinning <= about", r.Err);
    }

    [Fact]
    public void RunRefusesBeforeOpeningADevice()
    {
        var r = CliHarness.Run("run", "--device", "cpu", "--set", "langevinBath.friction=1e300", "--set", "numerics.trajectories=16");
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Err}");
        Assert.Contains("langevinBath.friction", r.Err);
        Assert.DoesNotContain("device:", r.Err);
    }
}
