namespace GpuThermoChain.Cli.Tests;

/// <summary>
/// How a run's time splits into set-up, advance, checks and reductions (result.json timing.phases), and
/// <c>gtc bench --setup</c>, the figures scripts/gpu-check.sh reads for the set-up on the device.
/// </summary>
public class SetUpTimingTests
{
    [Fact]
    public void RunResultSplitsItsWallTimeIntoPhases()
    {
        var r = CliHarness.Run("run", "--device", "cpu", "--quiet", "--json", "--set", "chain.sites=4", "--set", "numerics.trajectories=16",
            "--set", "numerics.burnInTime=1", "--set", "numerics.measureTime=5", "--set", "numerics.initialState=theory");
        Assert.True(r.ExitCode == 0, r.Err);
        var timing = r.Json.GetProperty("timing");
        var phases = timing.GetProperty("phases");
        double sum = 0;
        foreach (string name in new[] { "setUpSeconds", "advanceSeconds", "checkSeconds", "reductionSeconds", "checkpointSeconds" })
        {
            double s = phases.GetProperty(name).GetDouble();
            Assert.True(s >= 0, name);
            sum += s;
        }
        Assert.True(phases.GetProperty("advanceSeconds").GetDouble() > 0);
        Assert.True(phases.GetProperty("setUpSeconds").GetDouble() > 0);
        // The phases are parts of the wall time, which also holds what lies between them.
        Assert.True(sum <= timing.GetProperty("wallSeconds").GetDouble(), $"phases add up to {sum} s, more than the wall");
        // 16 trajectories x 600 steps (burn-in 100 + measure 500) x N_b = 40 x S = 1 particle-steps over the advance alone.
        double rate = phases.GetProperty("advanceParticleStepsPerSecond").GetDouble();
        Assert.Equal(16 * 600 * 40 / phases.GetProperty("advanceSeconds").GetDouble(), rate, rate * 1e-9);
        Assert.True(rate >= timing.GetProperty("particleStepsPerSecond").GetDouble());
    }

    [Fact]
    public void SetupBenchOnTheIlgpuCpuAcceleratorReportsEveryPhaseAndAnIdenticalDraw()
    {
        var r = CliHarness.Run("bench", "--device", "ilgpu-cpu", "--setup", "300", "--setup-steps", "1", "--setup-compare", "--json", "--quiet");
        Assert.True(r.ExitCode == 0, r.Err);
        var j = r.Json;
        Assert.Equal("ilgpu-cpu", j.GetProperty("deviceKind").GetString());
        Assert.Equal(300, j.GetProperty("trajectories").GetInt32());
        Assert.Equal(1, j.GetProperty("steps").GetInt32());
        foreach (string name in new[] { "theorySeconds", "warmUpSeconds", "allocateSeconds", "drawSeconds", "advanceSeconds", "checkSeconds", "reductionSeconds" })
            Assert.True(j.GetProperty(name).GetDouble() > 0, name);
        var reference = j.GetProperty("reference");
        Assert.Equal(2500, reference.GetProperty("steps").GetInt32());
        double ratio = reference.GetProperty("rateRatio").GetDouble();
        Assert.InRange(ratio, 0, 1);
        var host = j.GetProperty("hostPath");
        Assert.True(host.GetProperty("deviceDrawIdentical").GetBoolean());
        Assert.Equal(0, host.GetProperty("chainElementsDiffering").GetInt64());
        Assert.Equal(0, host.GetProperty("particleElementsDiffering").GetInt64());
    }

    [Theory]
    [InlineData("--setup", "0")]
    [InlineData("--setup-steps", "0")]
    public void SetupBenchRefusesBadSizes(string option, string value)
    {
        string[] args = option == "--setup" ? ["bench", "--device", "cpu", option, value] : ["bench", "--device", "cpu", "--setup", "16", option, value];
        var r = CliHarness.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.Err);
    }
}
