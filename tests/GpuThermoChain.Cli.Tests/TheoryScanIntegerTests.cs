namespace GpuThermoChain.Cli.Tests;

/// <summary><c>gtc theory --scan</c> of an integer parameter scans whole numbers only, and says so when it cannot.</summary>
public class TheoryScanIntegerTests
{
    [Theory]
    [InlineData("chain.sites=1:20:5", "count 2 or 20")]          // 5.75, 10.5, 15.25 would be rounded (10.5 to even: 10)
    [InlineData("chain.sites=2.5:10:3", "whole numbers")]
    [InlineData("chain.sites=2:64:4:log", "not whole numbers")]
    public void NonWholeGridOfAnIntegerParameterExitsTwo(string scan, string why)
    {
        var r = CliHarness.Run("theory", "--scan", scan, "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --scan:", r.Err);
        Assert.Contains("chain.sites is an integer parameter", r.Err);
        Assert.Contains(why, r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void WholeGridOfAnIntegerParameterScansExactlyThoseValues()
    {
        var r = CliHarness.Run("theory", "--scan", "chain.sites=1:21:5", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal([1.0, 6.0, 11.0, 16.0, 21.0], r.Json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        var log = CliHarness.Run("theory", "--scan", "chain.sites=1:100:3:log", "--json");
        Assert.True(log.ExitCode == 0, log.Err);
        Assert.Equal([1.0, 10.0, 100.0], log.Json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
    }
}
