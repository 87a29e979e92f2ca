using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Running;
using Xunit.Abstractions;

namespace GpuThermoChain.LongRun.Tests;

/// <summary>
/// numerics.burnInTime = auto on the effective model (the chain alone: cheap, and its discrete scheme has an exact
/// stationary current to hold the result to). Fixed seeds; every statistical assertion is a z-score against the exact
/// discrete-scheme current with |z| &lt; 4 (a false failure about once in 16000 runs for a correct simulation).
/// </summary>
public class AutoBurnInTests(ITestOutputHelper log)
{
    /// <summary>N = 8, paper parameters, 256 trajectories, 60 time units measured, SIMD engine.</summary>
    private static string[] Effective(params string[] more) =>
    [
        "--device", "cpu", "--set", "model=effective", "--set", "numerics.measureTime=60", "--set", "numerics.seed=3",
        "--set", "numerics.stepsPerLaunch=700", .. more.SelectMany(s => new[] { "--set", s }),
    ];

    private static double DiscreteZ(JsonElement r) => r.GetProperty("theory").GetProperty("discreteScheme").GetProperty("zScore").GetDouble();

    [Fact]
    public void FromTheStationaryStateItStopsAtTheFirstStage()
    {
        var r = Gtc.Run(["run", .. Effective("numerics.initialState=theory"), "--quiet", "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var b = r.Json.GetProperty("burnIn");
        log.WriteLine($"burn-in {b.GetProperty("time")}, stages {b.GetProperty("stages").GetRawText()}, z discrete {DiscreteZ(r.Json):F2}");
        Assert.Equal("auto", b.GetProperty("mode").GetString());
        Assert.True(b.GetProperty("stationary").GetBoolean());
        Assert.Equal(BurnInSearch.FirstStageTime, b.GetProperty("time").GetDouble(), 9);
        Assert.Equal(1, b.GetProperty("stages").GetArrayLength());
        Assert.True(r.Json.GetProperty("steady").GetBoolean());
        Assert.InRange(DiscreteZ(r.Json), -4, 4);
    }

    [Fact]
    public void FromRestItBurnsInLongerAndEqualsTheRunGivenThatNumber()
    {
        var auto = Gtc.Run(["run", .. Effective("numerics.initialState=rest"), "--quiet", "--json"]);
        Assert.True(auto.ExitCode == 0, auto.Err);
        var b = auto.Json.GetProperty("burnIn");
        double burnIn = b.GetProperty("time").GetDouble();
        log.WriteLine($"from rest: burn-in {burnIn}, stages {b.GetProperty("stages").GetRawText()}, z discrete {DiscreteZ(auto.Json):F2}");
        Assert.True(b.GetProperty("stationary").GetBoolean());
        // From rest the chain's kinetic energy grows for tens of time units: the first stage (0..10) cannot pass.
        Assert.True(burnIn > BurnInSearch.FirstStageTime, $"burn-in {burnIn}");
        Assert.False(b.GetProperty("stages")[0].GetProperty("passed").GetBoolean());
        Assert.InRange(DiscreteZ(auto.Json), -4, 4);

        // The measurement starts at the burn-in found, with that step's noise: the same run as the number given.
        var fixedRun = Gtc.Run(["run", .. Effective("numerics.initialState=rest", $"numerics.burnInTime={burnIn:R}"), "--quiet", "--json"]);
        Assert.True(fixedRun.ExitCode == 0, fixedRun.Err);
        foreach (var e in auto.Json.GetProperty("estimators").EnumerateObject())
            Assert.Equal(e.Value.GetRawText(), fixedRun.Json.GetProperty("estimators").GetProperty(e.Name).GetRawText());
        Assert.False(fixedRun.Json.TryGetProperty("burnIn", out _));
    }

    [Fact]
    public void NeverStationaryWithinTheCapExits3WritesNothingAndIsKeptMarkedWhenAsked()
    {
        // From rest, 2 time units: the chain is still filling with energy, which every drift and pair test sees.
        string[] args = Effective("numerics.initialState=rest", "numerics.burnInMaxTime=2");
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run(["run", .. args, "--out", dir]);
        log.WriteLine(r.Err + r.Out);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("did not test stationary within numerics.burnInMaxTime = 2", r.Err);
        Assert.Contains("--keep-unsteady", r.Err);
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
        // The state at the end of the burn-in is saved: resumed with --keep-unsteady it measures without searching again.
        Assert.Contains($"gtc run --resume {dir} --keep-unsteady", r.Err);
        Assert.Equal(3, Gtc.Run("run", "--resume", dir, "--quiet").ExitCode);

        var kept = Gtc.Run("run", "--resume", dir, "--keep-unsteady", "--quiet");
        Assert.True(kept.ExitCode == 0, kept.Err);
        Assert.False(File.Exists(Path.Combine(dir, "checkpoint")));
        var direct = Gtc.Run(["run", .. args, "--keep-unsteady", "--quiet", "--json"]);
        Assert.True(direct.ExitCode == 0, direct.Err);
        using (var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "result.json"))))
            Gtc.AssertSameResult(direct.Json, written.RootElement, relative: 0);
        Assert.Contains("UNSTEADY", kept.Out);
        var root = direct.Json;
        Assert.False(root.GetProperty("steady").GetBoolean());
        Assert.False(root.GetProperty("burnIn").GetProperty("stationary").GetBoolean());
        Assert.Equal(2, root.GetProperty("burnIn").GetProperty("time").GetDouble(), 9);
        double driftT = root.GetProperty("burnIn").GetProperty("stages")[0].GetProperty("driftT").GetDouble();
        Assert.True(driftT > root.GetProperty("burnIn").GetProperty("threshold").GetDouble(), $"drift |t| = {driftT}");
    }

    [Fact]
    public void AnInterruptedSearchResumesToTheUninterruptedResult()
    {
        var resolved = ConfigLoader.Parse(null, ["model=effective", "numerics.initialState=rest", "numerics.measureTime=20",
            "numerics.trajectories=64", "numerics.seed=5", "numerics.stepsPerLaunch=300"]);
        using var devices = DeviceSet.Open(DeviceSelection.Parse("cpu"));
        var whole = SteadyStateRunner.Run(resolved, devices, SteadyStateOptions.Default).Result;
        Assert.True(whole.BurnIn!.Stages.Count > 1, "the search must take more than one stage for this test to mean anything");

        // Stopped at several chunk boundaries inside the search (mid-window and in the second window of a stage), then resumed.
        string path = Path.Combine(Gtc.TempDir(), "checkpoint");
        Checkpoint? from = null;
        foreach (int stopAfter in new[] { 3, 4, 2, 5 })
        {
            int chunks = 0;
            var options = new SteadyStateOptions { CheckpointPath = path, Resume = from, StopRequested = () => ++chunks >= stopAfter };
            Assert.Throws<RunInterruptedException>(() => SteadyStateRunner.Run(resolved, devices, options));
            from = Checkpoint.Read(path);
            Assert.NotNull(from.BurnIn);
        }
        log.WriteLine($"stopped at step {from!.StepsDone}; burn-in state {from.BurnIn}");
        var resumed = SteadyStateRunner.Run(resolved, devices, new SteadyStateOptions { CheckpointPath = path, Resume = from }).Result;
        Assert.Equal(whole.BurnIn.Steps, resumed.BurnIn!.Steps);
        Assert.Equal(whole.BurnIn.Stages, resumed.BurnIn.Stages);
        foreach (var (name, e) in whole.Estimators)
            Assert.Equal(e, resumed.Estimators[name]);
    }

    [Fact]
    public void SplitOverDevicesTheSearchDecidesAsOnOne()
    {
        string[] args = ["--set", "model=effective", "--set", "numerics.initialState=rest", "--set", "numerics.measureTime=10",
            "--set", "numerics.trajectories=96", "--quiet", "--json"];
        var one = Gtc.Run(["run", .. args, "--device", "cpu"]);
        var split = Gtc.Run(["run", .. args, "--device", "cpu,cpu"]);
        Assert.True(one.ExitCode == 0 && split.ExitCode == 0, one.Err + split.Err);
        Assert.Equal(one.Json.GetProperty("burnIn").GetProperty("stages").GetRawText(), split.Json.GetProperty("burnIn").GetProperty("stages").GetRawText());
        Gtc.AssertSameResult(one.Json, split.Json);
    }

    /// <summary>The device kernel's grouped reduction (ILGPU's CPU accelerator runs it) gives the search the SIMD engine's figures.</summary>
    [Fact]
    public void TheKernelEngineDecidesAsTheSimdEngine()
    {
        string[] args = ["--set", "model=effective", "--set", "chain.sites=4", "--set", "numerics.initialState=rest", "--set", "numerics.measureTime=2",
            "--set", "numerics.burnInMaxTime=40", "--set", "numerics.trajectories=16", "--set", "numerics.stepsPerLaunch=500", "--quiet", "--json"];
        var simd = Gtc.Run(["run", .. args, "--device", "cpu"]);
        var kernel = Gtc.Run(["run", .. args, "--device", "ilgpu-cpu"]);
        Assert.True(simd.ExitCode == 0 && kernel.ExitCode == 0, simd.Err + kernel.Err);
        var a = simd.Json.GetProperty("burnIn");
        var b = kernel.Json.GetProperty("burnIn");
        Assert.Equal(a.GetProperty("steps").GetInt64(), b.GetProperty("steps").GetInt64());
        var sa = a.GetProperty("stages").EnumerateArray().ToList();
        var sb = b.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(sa.Count, sb.Count);
        for (int i = 0; i < sa.Count; i++)
            Assert.Equal(sa[i].GetProperty("driftT").GetDouble(), sb[i].GetProperty("driftT").GetDouble(), 1e-6);
        log.WriteLine($"ilgpu-cpu and cpu: burn-in {a.GetProperty("time")}, {sa.Count} stages");
    }

    [Fact]
    public void AutoIsRefusedWithShardsAndNamesTheParameter()
    {
        var r = Gtc.Run(["run", .. Effective(), "--shard", "0/2", "--out", Gtc.TempDir()]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("numerics.burnInTime", r.Err);
        Assert.Contains("--shard 0/2", r.Err);
        var ok = Gtc.Run(["run", .. Effective("numerics.burnInTime=10", "numerics.measureTime=2"), "--shard", "0/2", "--out", Gtc.TempDir(), "--quiet"]);
        Assert.True(ok.ExitCode == 0, ok.Err);
    }
}
