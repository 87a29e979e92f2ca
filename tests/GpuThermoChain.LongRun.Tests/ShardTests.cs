using Xunit.Abstractions;

namespace GpuThermoChain.LongRun.Tests;

public class ShardTests(ITestOutputHelper log)
{
    // 50 trajectories: the four shards hold 12, 13, 12, 13.
    private static readonly string[] Args = Gtc.Small(300, trajectories: 50);

    private static string[] Shards(string root, int n, Func<int, string[]>? extra = null)
    {
        var dirs = new string[n];
        for (int i = 0; i < n; i++)
        {
            dirs[i] = Path.Combine(root, $"shard-{i}");
            var r = Gtc.Run(["run", .. Args, "--quiet", "--shard", $"{i}/{n}", "--out", dirs[i], .. extra?.Invoke(i) ?? []]);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.True(File.Exists(Path.Combine(dirs[i], "shard.gtc")));
            Assert.False(File.Exists(Path.Combine(dirs[i], "result.json")));
        }
        return dirs;
    }

    [Fact]
    public void FourShardsMergedEqualTheUnshardedRun()
    {
        string root = Gtc.TempDir();
        var whole = Gtc.Run(["run", .. Args, "--quiet", "--json"]);
        Assert.True(whole.ExitCode == 0, whole.Err);
        var dirs = Shards(root, 4);
        string outDir = Path.Combine(root, "merged");
        // Any order on the command line.
        var merged = Gtc.Run(["merge", dirs[2], dirs[0], dirs[3], dirs[1], "--out", outDir, "--json", "--quiet"]);
        Assert.True(merged.ExitCode == 0, merged.Err);
        double worst = Gtc.AssertSameResult(whole.Json, merged.Json);
        log.WriteLine($"4 shards merged: J = {merged.Json.GetProperty("current").GetProperty("value").GetDouble():R}, " +
                      $"single run J = {whole.Json.GetProperty("current").GetProperty("value").GetDouble():R}; largest relative difference {worst:E2}");
        Assert.Equal(merged.Out, File.ReadAllText(Path.Combine(outDir, "result.json")));
        var j = merged.Json;
        Assert.Equal(50, j.GetProperty("trajectories").GetInt32());
        Assert.Contains("4 shards on", j.GetProperty("device").GetString());
        Assert.True(j.GetProperty("timing").GetProperty("wallSeconds").GetDouble() > 0);
        Assert.Equal(whole.Json.GetProperty("version").GetString(), j.GetProperty("version").GetString());
    }

    /// <summary>
    /// Launch size changes how a run is carried out, not its result: shards run with different
    /// numerics.stepsPerLaunch (a GPU node and a CPU node, say) merge, and equal the unsharded run.
    /// </summary>
    [Fact]
    public void ShardsWithDifferentLaunchSizesMergeToTheUnshardedRun()
    {
        string root = Gtc.TempDir();
        var whole = Gtc.Run(["run", .. Args, "--quiet", "--json"]);
        Assert.True(whole.ExitCode == 0, whole.Err);
        var dirs = Shards(root, 2, i => i == 1 ? ["--set", "numerics.stepsPerLaunch=333"] : []);
        var merged = Gtc.Run("merge", dirs[0], dirs[1], "--out", Path.Combine(root, "merged"), "--json", "--quiet");
        Assert.True(merged.ExitCode == 0, merged.Err);
        Gtc.AssertSameResult(whole.Json, merged.Json);
    }

    [Fact]
    public void MissingRepeatedOrForeignShardsAreRefused()
    {
        string root = Gtc.TempDir();
        var dirs = Shards(root, 3, i => i == 2 ? [] : []);
        string outDir = Path.Combine(root, "merged");

        var missing = Gtc.Run("merge", dirs[0], dirs[2], "--out", outDir, "--quiet");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("shards missing: 1/3", missing.Err);

        var twice = Gtc.Run("merge", dirs[0], dirs[1], dirs[1], dirs[2], "--out", outDir, "--quiet");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("given twice", twice.Err);

        string otherSeed = Path.Combine(root, "other-seed");
        Assert.Equal(0, Gtc.Run(["run", .. Args, "--set", "numerics.seed=8", "--quiet", "--shard", "1/3", "--out", otherSeed]).ExitCode);
        var seed = Gtc.Run("merge", dirs[0], otherSeed, dirs[2], "--out", outDir, "--quiet");
        Assert.Equal(2, seed.ExitCode);
        Assert.Contains("different seeds", seed.Err);

        string otherConfig = Path.Combine(root, "other-config");
        Assert.Equal(0, Gtc.Run(["run", .. Args, "--set", "particleBath.temperature=3", "--quiet", "--shard", "1/3", "--out", otherConfig]).ExitCode);
        var config = Gtc.Run("merge", dirs[0], otherConfig, dirs[2], "--out", outDir, "--quiet");
        Assert.Equal(2, config.ExitCode);
        Assert.Contains("particleBath.temperature", config.Err);

        string split4 = Path.Combine(root, "split4");
        Assert.Equal(0, Gtc.Run(["run", .. Args, "--quiet", "--shard", "1/4", "--out", split4]).ExitCode);
        var split = Gtc.Run("merge", dirs[0], split4, dirs[2], "--out", outDir, "--quiet");
        Assert.Equal(2, split.ExitCode);
        Assert.Contains("different splits", split.Err);

        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ShardOptionsAreChecked()
    {
        Assert.Contains("needs --out", Gtc.Run(["run", .. Args, "--shard", "0/2"]).Err);
        Assert.Contains("0 <= i < n", Gtc.Run(["run", .. Args, "--shard", "2/2", "--out", Gtc.TempDir()]).Err);
        Assert.Contains("is empty", Gtc.Run(["run", .. Args, "--shard", "0/60", "--out", Gtc.TempDir()]).Err);
        Assert.Equal(2, Gtc.Run(["run", .. Args, "--shard", "x", "--out", Gtc.TempDir()]).ExitCode);
    }
}

public class MultiDeviceTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData("cpu", "cpu,cpu,cpu")]
    [InlineData("ilgpu-cpu", "ilgpu-cpu,ilgpu-cpu")]
    public void SplittingOverDevicesGivesTheSingleDeviceResult(string single, string several)
    {
        // ILGPU's CPU accelerator runs the kernel as scalar code: keep its ensemble tiny.
        var args = single == "cpu" ? Gtc.Small(300, trajectories: 50) : Gtc.Small(20, trajectories: 10, stepsPerLaunch: 100);
        args = [.. args.Where((a, i) => a != "--device" && (i == 0 || args[i - 1] != "--device"))];
        var one = Gtc.Run(["run", .. args, "--device", single, "--quiet", "--json"]);
        Assert.True(one.ExitCode == 0, one.Err);
        var split = Gtc.Run(["run", .. args, "--device", several, "--quiet", "--json"]);
        Assert.True(split.ExitCode == 0, split.Err);
        double worst = Gtc.AssertSameResult(one.Json, split.Json);
        Assert.Contains("devices:", split.Json.GetProperty("device").GetString());
        log.WriteLine($"--device {several} vs {single}: largest relative difference {worst:E2}");
    }

    [Fact]
    public void AllOfAKindAndBadListsAreHandled()
    {
        var args = Gtc.Small(20, trajectories: 10, stepsPerLaunch: 100);
        args = [.. args.Where((a, i) => a != "--device" && (i == 0 || args[i - 1] != "--device"))];
        Assert.Equal(0, Gtc.Run(["run", .. args, "--device", "cpu:all", "--quiet"]).ExitCode);
        Assert.Equal(2, Gtc.Run(["run", .. args, "--device", "cpu,,cpu", "--quiet"]).ExitCode);
        Assert.Equal(2, Gtc.Run(["run", .. args, "--device", "auto,cpu", "--quiet"]).ExitCode);
        var cuda = Gtc.Run(["run", .. args, "--device", "cuda:all", "--quiet"]);
        if (cuda.ExitCode != 0) Assert.Contains("cuda", cuda.Err); // no CUDA here: a clear error, never a silent fall-back
    }
}
