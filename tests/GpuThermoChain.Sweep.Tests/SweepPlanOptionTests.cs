namespace GpuThermoChain.Sweep.Tests;

public class SweepPlanOptionTests
{
    private static string OnePoint() =>
        $$"""{ "base": {{Gtc.TinyBase}}, "grid": [ { "name": "particleBath.temperature", "values": [5] } ] }""";

    [Theory]
    [InlineData("--device", "cpu")]
    [InlineData("--collect", "PLAN")]
    public void ShardsWithoutPlanExitsTwoAndRunsNothing(string option, string value)
    {
        string sweep = Gtc.SweepFile(OnePoint());
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("sweep", sweep, option, value == "PLAN" ? Gtc.TempDir() : value, "--shards", "2", "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Err);
        Assert.Contains("--shards needs --plan", r.Err);
        Assert.False(Directory.Exists(dir));
        Assert.Equal(["sweep.json"], Directory.GetFiles(Path.GetDirectoryName(sweep)!).Select(Path.GetFileName));
    }

    [Fact]
    public void ShardsWithPlanStillWritesThePlan()
    {
        string sweep = Gtc.SweepFile(OnePoint());
        string plan = Path.Combine(Gtc.TempDir(), "plan");
        var r = Gtc.Run("sweep", sweep, "--plan", plan, "--shards", "2");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("2", r.Out.Trim());
    }
}
