using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;

namespace GpuThermoChain.LongRun.Tests;

/// <summary>Output folders that cannot take the run's files are reported before the run starts.</summary>
public class OutputTests
{
    private static readonly string[] Args = Gtc.Small(200, trajectories: 16);

    [Fact]
    public void UnwritableOutputFolderIsReportedBeforeTheRun()
    {
        // /proc refuses new files even for root (CI runs as root, so permissions alone would not do).
        var r = Gtc.Run(["run", .. Args, "--out", "/proc/gtc-test/out", "--checkpoint-every", "10m"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot write", r.Err);
        Assert.DoesNotContain("device:", r.Err);
    }

    [Fact]
    public void FullDiskIsReportedBeforeTheRun()
    {
        // Shard 0/100 of 1.5e8 trajectories with 10^6 particles each: a checkpoint of 1.5e6 x 10^6 floats (6 TB) that no
        // disk here holds (refused before the process-size check would be).
        var started = System.Diagnostics.Stopwatch.StartNew();
        var r = Gtc.Run("run", "--device", "cpu", "--set", "numerics.trajectories=150000000", "--set", "particleBath.particles=1000000",
            "--set", "numerics.measureTime=1", "--shard", "0/100", "--out", Gtc.TempDir(), "--checkpoint-every", "10m");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not enough free disk space", r.Err);
        Assert.DoesNotContain("device:", r.Err);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    [Fact]
    public void FreeSpaceCheckPassesWhatFitsAndRefusesWhatDoesNot()
    {
        string dir = Path.Combine(Gtc.TempDir(), "not", "yet");
        FreeSpace.Require(dir, 1024, "a small file");
        var e = Assert.Throws<ConfigException>(() => FreeSpace.Require(dir, long.MaxValue / 2, "a huge file"));
        Assert.Contains("a huge file needs", e.Message);
    }

    [Fact]
    public void CheckpointEveryIsParsedAndChecked()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), CheckpointInterval.Parse("10m").Time);
        Assert.Equal(TimeSpan.FromSeconds(30), CheckpointInterval.Parse("30s").Time);
        Assert.Equal(TimeSpan.FromHours(1.5), CheckpointInterval.Parse("1.5h").Time);
        Assert.Equal(5000, CheckpointInterval.Parse("5000steps").Steps);
        Assert.Throws<ConfigException>(() => CheckpointInterval.Parse("10"));
        Assert.Throws<ConfigException>(() => CheckpointInterval.Parse("-1m"));
        Assert.Throws<ConfigException>(() => CheckpointInterval.Parse("2.5steps"));
        Assert.Contains("needs --out", Gtc.Run(["run", .. Args, "--checkpoint-every", "1m"]).Err);
        Assert.Equal(2, Gtc.Run(["run", .. Args, "--checkpoint-every", "soon", "--out", Gtc.TempDir()]).ExitCode);
    }

    [Fact]
    public void LongRunOptionsAreRefusedForProbeAndMeanForce()
    {
        var r = Gtc.Run("run", "--device", "cpu", "--set", "model=probe", "--shard", "0/2", "--out", Gtc.TempDir());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("models full and effective", r.Err);
    }
}
