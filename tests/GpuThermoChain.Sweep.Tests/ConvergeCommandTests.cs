using System.Text.Json;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>
/// gtc converge end to end on the CPU, with fixed seeds. The study is the validation suite's: N = 4, T_L = 1,
/// N_b = 2, 4, 8, 16 at N_b eps^2 = 0.4, 2048 trajectories x 200 time units (a few CPU seconds), where the
/// truncation is large (-9 % at N_b = 2) and J_inf is resolved to ~0.3 %.
/// </summary>
public class ConvergeCommandTests
{
    private static readonly string[] Study =
    [
        "converge", "--device", "cpu", "--quiet", "--bath-sizes", "2,4,8,16",
        "--set", "chain.sites=4", "--set", "particleBath.temperature=1",
        "--set", "particleBath.particles=2", "--set", "particleBath.epsilon=0.4472135954999579",
        "--set", "numerics.trajectories=2048", "--set", "numerics.burnInTime=20", "--set", "numerics.seed=5",
    ];

    /// <summary>
    /// Statistical, fixed seeds. |z| &lt; 4 for J_inf against the memory kernel (exact there: a false alarm has probability
    /// 6e-5 for a Gaussian estimate). The truncation at N_b = 2 must be resolved as negative by more than 4 of its
    /// standard errors (measured -8.8 % +- 0.5 %): a study whose points were not at N_b eps^2 fixed, or an extrapolation
    /// that did nothing, would fail one of the two. A second start reruns no point and reproduces the result.
    /// </summary>
    [Fact]
    public void StudyReachesTheTheoryAndMeasuresTheTruncationThenResumes()
    {
        string dir = Path.Combine(Gtc.TempDir(), "study");
        var r = Gtc.Run([.. Study, "--out", dir, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var j = JsonDocument.Parse(r.Out).RootElement;
        double z = j.GetProperty("theory").GetProperty("memoryKernel").GetProperty("zScore").GetDouble();
        Assert.True(Math.Abs(z) < 4, $"J_inf is {z:F2} standard errors from the memory kernel:\n{r.Out}");
        var t = j.GetProperty("truncation");
        Assert.Equal(2, t.GetProperty("particles").GetInt32());
        double tz = t.GetProperty("value").GetDouble() / t.GetProperty("stdErr").GetDouble();
        Assert.True(tz < -4, $"the truncation at N_b = 2 is not resolved as negative (z = {tz:F2}):\n{r.Out}");
        var points = j.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(4, points.Count);
        foreach (var p in points)
            Assert.Equal(0.4, p.GetProperty("particles").GetInt32() * Math.Pow(p.GetProperty("epsilon").GetDouble(), 2), 12);
        Assert.Equal(4, points.Select(p => p.GetProperty("seed").GetString()).Distinct().Count());
        Assert.True(File.Exists(Path.Combine(dir, "converge.json")));
        Assert.True(File.Exists(Path.Combine(dir, "points.csv")));

        var again = Gtc.Run([.. Study, "--out", dir, "--json"]);
        Assert.True(again.ExitCode == 0, again.Err);
        var j2 = JsonDocument.Parse(again.Out).RootElement;
        Assert.Equal(j.GetProperty("gaussianLimit").GetProperty("value").GetDouble(), j2.GetProperty("gaussianLimit").GetProperty("value").GetDouble());
        Assert.All(j2.GetProperty("points").EnumerateArray(), p => Assert.Equal(p.GetProperty("wallSeconds").GetDouble(),
            points.Single(q => q.GetProperty("particles").GetInt32() == p.GetProperty("particles").GetInt32()).GetProperty("wallSeconds").GetDouble()));

        // A run at the configured N_b with the study beside it: its memory-kernel z is large (the truncation), and
        // against theory + truncation it is within 4 (statistical, fixed seed 99, independent of the study's seeds).
        string runDir = Path.Combine(Gtc.TempDir(), "run");
        var run = Gtc.Run(["run", .. Study[1..4], .. Study[6..^2], "--set", "numerics.seed=99", "--truncation", dir, "--out", runDir]);
        Assert.True(run.ExitCode == 0, run.Err);
        var dev = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "result.json"))).RootElement.GetProperty("memoryKernelDeviation");
        Assert.True(dev.GetProperty("zScore").GetDouble() < -4, run.Out);
        double z2 = dev.GetProperty("truncation").GetProperty("zTheoryPlusTruncation").GetDouble();
        Assert.True(Math.Abs(z2) < 4, $"z against theory + truncation {z2:F2}:\n{run.Out}");
        Assert.Contains("the deviation is the truncation", run.Out);
    }

    [Theory]
    [InlineData("--bath-sizes", "2,x", "--bath-sizes")]
    [InlineData("--bath-sizes", "8", "--bath-sizes")]
    [InlineData("--bath-sizes", "4,4,8", "--bath-sizes")]
    [InlineData("--set", "model=effective", "model")]
    public void BadInputExitsTwoNamingItAndWritesNothing(string option, string value, string named)
    {
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("converge", "--device", "cpu", "--set", "numerics.trajectories=16", option, value, "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"error: {named}", r.Err);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void AStudyGrowsInItsFolderAndRefusesAnotherStudy()
    {
        string dir = Path.Combine(Gtc.TempDir(), "study");
        string[] tiny = ["converge", "--device", "cpu", "--set", "chain.sites=4", "--set", "numerics.trajectories=16",
            "--set", "numerics.burnInTime=1", "--set", "numerics.measureTime=4", "--out", dir];
        Assert.Equal(0, Gtc.Run([.. tiny, "--bath-sizes", "10,20"]).ExitCode);
        var grown = Gtc.Run([.. tiny, "--bath-sizes", "10,20,40"]);
        Assert.True(grown.ExitCode == 0, grown.Err);
        Assert.Equal(2, grown.Err.Split('\n').Count(l => l.Contains("already done")));
        Assert.Equal(3, Engine.Sweeps.SweepSpec.Parse(File.ReadAllText(Path.Combine(dir, "sweep.json")), dir).Blocks.Count);
        // Other physics in the same folder is another study: refused, nothing run.
        var other = Gtc.Run([.. tiny, "--bath-sizes", "10,20,40", "--set", "particleBath.temperature=2"]);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("--out", other.Err);
    }

    [Fact]
    public void OutIsRequiredWithoutPlan()
    {
        var r = Gtc.Run("converge", "--device", "cpu", "--set", "numerics.trajectories=16");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out", r.Err);
    }

    [Fact]
    public void APlanIsAnOrdinarySweepPlanWithTheStudysSweepFile()
    {
        string plan = Path.Combine(Gtc.TempDir(), "plan");
        // Shards of one point must share one burn-in, so a sharded plan takes a number (auto is refused, naming it).
        var r = Gtc.Run("converge", "--set", "chain.sites=4", "--set", "numerics.trajectories=16", "--set", "numerics.burnInTime=5",
            "--bath-sizes", "10,40", "--plan", plan, "--shards", "2");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("4", r.Out.Trim());
        Assert.True(File.Exists(Path.Combine(plan, "units.tsv")));
        string args = File.ReadAllText(Path.Combine(plan, "sweep.args")).Trim();
        Assert.Equal(Path.Combine(plan, "converge-sweep.json"), args);
        Assert.Contains("--collect", r.Err);
    }

    /// <summary>A plan folder another gtc holds (its lock file open) is refused before anything is written into it.</summary>
    [Fact]
    public void APlanFolderInUseIsRefusedWithNothingWritten()
    {
        string plan = Path.Combine(Gtc.TempDir(), "plan");
        Directory.CreateDirectory(plan);
        using (new FileStream(Path.Combine(plan, ".gtc-lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var r = Gtc.Run("converge", "--set", "chain.sites=4", "--set", "numerics.trajectories=16", "--set", "numerics.burnInTime=5",
                "--bath-sizes", "10,40", "--plan", plan);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("in use by another gtc command", r.Err);
        }
        Assert.False(File.Exists(Path.Combine(plan, "converge-sweep.json")));
        Assert.False(File.Exists(Path.Combine(plan, "units.tsv")));
    }
}
