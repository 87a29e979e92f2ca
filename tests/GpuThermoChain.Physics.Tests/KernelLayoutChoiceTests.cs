using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Kernels;
using GpuThermoChain.Simulation.Tests;

namespace GpuThermoChain.Physics.Tests;

/// <summary>The rule numerics.kernelLayout=auto follows (<see cref="KernelLayoutRule"/>): sizes and device shapes in, layout out.</summary>
public class KernelLayoutRuleTests
{
    /// <summary>NVIDIA H200 (and H100 SXM): 132 multiprocessors, 2048 resident threads each, warps of 32.</summary>
    private static readonly DeviceShape H200 = new(DeviceKind.Cuda, 132, 2048, 32);

    /// <summary>The layout that measured fastest at each size on the H200 (docs/gpu-runs/2026-12-04-h200/bench.json).</summary>
    [Theory]
    [InlineData(1024, "lanes16")]
    [InlineData(4096, "lanes8")]
    [InlineData(16384, "lanes4")]
    [InlineData(65536, "thread")]
    [InlineData(262144, "thread")]
    public void AutoPicksTheH200sMeasuredBest(int trajectories, string best) =>
        Assert.Equal(best, KernelLayoutRule.Auto(trajectories, H200).Name());

    /// <summary>
    /// Every committed GPU run with a layout table: at each size where auto's layout was measured, its rate is within
    /// 10 % of the fastest layout's. The repeats of one layout agree to better than 1 % (bench.json "seconds"), so a
    /// larger gap is a wrong rule, not noise; a narrower one is a near-tie that a crossover between the measured sizes
    /// (a factor 4 apart) may flip. Runs recorded before bench.json carried "deviceShape" are the H200 run.
    /// </summary>
    [Fact]
    public void CommittedGpuRunsAgreeWithTheRule()
    {
        string runs = Path.Combine(RepoRoot(), "docs", "gpu-runs");
        int sizesChecked = 0;
        foreach (string file in Directory.GetFiles(runs, "bench.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var root = doc.RootElement;
            if (root.GetProperty("deviceKind").GetString() != "cuda" || root.GetProperty("layouts").GetArrayLength() == 0) continue;
            DeviceShape shape;
            if (root.TryGetProperty("deviceShape", out var s))
                shape = new(DeviceKind.Cuda, s.GetProperty("multiprocessors").GetInt32(), s.GetProperty("maxThreadsPerMultiprocessor").GetInt32(),
                    s.GetProperty("warpSize").GetInt32());
            else
            {
                Assert.Contains("H200", root.GetProperty("device").GetString());
                shape = H200;
            }
            var rates = root.GetProperty("layouts").EnumerateArray()
                .Select(l => (Layout: l.GetProperty("layout").GetString()!, M: l.GetProperty("trajectories").GetInt32(),
                    Rate: l.GetProperty("particleStepsPerSecond").GetDouble()))
                .ToList();
            foreach (var group in rates.GroupBy(r => r.M))
            {
                string auto = KernelLayoutRule.Auto(group.Key, shape).Name();
                if (group.Count() < 2 || !group.Any(r => r.Layout == auto)) continue;
                var best = group.MaxBy(r => r.Rate);
                double rate = group.First(r => r.Layout == auto).Rate;
                Assert.True(rate >= 0.9 * best.Rate,
                    $"{file}, {group.Key} trajectories: auto picks {auto} ({rate:E3} particle-steps/s); {best.Layout} measured {best.Rate:E3}");
                sizesChecked++;
            }
        }
        Assert.True(sizesChecked >= 5, $"only {sizesChecked} measured sizes found under {runs}");
    }

    /// <summary>The rule reads fill, not trajectory counts: a GPU with twice the multiprocessors takes twice the trajectories per layout.</summary>
    [Fact]
    public void TheRuleScalesWithTheResidentThreads()
    {
        var half = H200 with { Multiprocessors = 66 };
        var threadsPerSmHalved = H200 with { MaxThreadsPerMultiprocessor = 1024 };
        int lastTileSize = int.MaxValue;
        for (int m = 1; m <= 1 << 22; m *= 2)
        {
            Assert.Equal(KernelLayoutRule.Auto(m, half), KernelLayoutRule.Auto(2 * m, H200));
            Assert.Equal(KernelLayoutRule.Auto(m, threadsPerSmHalved), KernelLayoutRule.Auto(2 * m, H200));
            int tileSize = KernelLayoutRule.Auto(m, H200).TileSize();
            Assert.True(tileSize <= lastTileSize, $"a larger tile at {m} than at {m / 2} trajectories");
            lastTileSize = tileSize;
        }
        Assert.Equal(1, lastTileSize);
    }

    /// <summary>Only CUDA devices leave the thread layout: cpu has no other, ilgpu-cpu and OpenCL are not measured (see the rule).</summary>
    [Theory]
    [InlineData(DeviceKind.Cpu, 1, 1, 1)]
    [InlineData(DeviceKind.IlgpuCpu, 1, 8, 4)]
    [InlineData(DeviceKind.IlgpuCpu, 2, 32, 16)]
    [InlineData(DeviceKind.OpenCL, 132, 2048, 32)]
    [InlineData(DeviceKind.OpenCL, 60, 2560, 64)]
    public void OtherDevicesKeepTheThreadLayout(DeviceKind kind, int multiprocessors, int threadsPerMultiprocessor, int warp)
    {
        var shape = new DeviceShape(kind, multiprocessors, threadsPerMultiprocessor, warp);
        for (int m = 1; m <= 1 << 24; m *= 4)
            Assert.Equal(KernelLayout.ThreadPerTrajectory, KernelLayoutRule.Auto(m, shape));
    }

    [Fact]
    public void ExplicitLayoutsAreTakenWhereTheDeviceRunsThem()
    {
        Assert.Equal(KernelLayout.TilePerTrajectory16, KernelLayoutRule.Resolve("lanes16", 1 << 20, H200));
        Assert.Equal(KernelLayout.ThreadPerTrajectory, KernelLayoutRule.Resolve("thread", 1024, H200));
        Assert.Equal(KernelLayout.TilePerTrajectory16, KernelLayoutRule.Resolve("AUTO", 1024, H200));
        var cpu = new SimdDevice();
        Assert.Equal(KernelLayout.ThreadPerTrajectory, cpu.ChooseLayout("thread", 1024));
        Assert.Equal(KernelLayout.ThreadPerTrajectory, cpu.ChooseLayout("auto", 1024));
        var simd = Assert.Throws<ConfigException>(() => cpu.ChooseLayout("lanes4", 1024));
        Assert.Equal("numerics.kernelLayout", simd.Parameter);
        Assert.Contains("host SIMD engine", simd.Message);
        var narrow = Assert.Throws<ConfigException>(() => KernelLayoutRule.Resolve("lanes8", 1024, new DeviceShape(DeviceKind.IlgpuCpu, 1, 8, 4)));
        Assert.Equal("numerics.kernelLayout", narrow.Parameter);
        Assert.Contains("warp size is 4 (use auto, thread, lanes4)", narrow.Message);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GpuThermoChain.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (GpuThermoChain.sln) not found");
    }
}

/// <summary>
/// The layout setting through the steady-state runner on ILGPU's CPU accelerator (warps of 4: thread and lanes4 run):
/// 500 steps of 3 trajectories (shard 0/2 of 6, so the per-trajectory accumulators come back), N = 4.
/// </summary>
public class KernelLayoutRunTests(IlgpuCpuDevice fixture) : IClassFixture<IlgpuCpuDevice>
{
    private SteadyStateOutcome Run(string layout)
    {
        var resolved = ConfigLoader.Load(null, ["chain.sites=4", "numerics.trajectories=6", "numerics.burnInTime=1",
            "numerics.measureTime=4", "numerics.stepsPerLaunch=250", "numerics.seed=11", $"numerics.kernelLayout={layout}"]);
        return SteadyStateRunner.Run(resolved, DeviceSet.Single(fixture.Device), new SteadyStateOptions { Shard = new ShardSpec(0, 2) });
    }

    /// <summary>
    /// lanes4 against thread: the same run up to the float summation order of the bath force, so within the tolerances
    /// TileLayoutTests derives for 500 steps (and not bit-equal, which shows the tile kernel really ran); the result's
    /// device names the layout each ran with.
    /// </summary>
    [Fact]
    public void AnExplicitTileLayoutAgreesWithThreadWithinTheSummationOrderBound()
    {
        var thread = Run("thread");
        var tile = Run("lanes4");
        Assert.Equal(500, thread.Result.Plan.TotalSteps);
        int slots = thread.Accumulators.Length / thread.Trajectories;
        LayoutTolerances.AssertAccumulatorsClose(thread.Accumulators, tile.Accumulators, slots);
        Assert.NotEqual(thread.Accumulators, tile.Accumulators);
        Assert.EndsWith(", kernel layout thread", thread.Result.Device);
        Assert.EndsWith(", kernel layout lanes4", tile.Result.Device);
    }

    /// <summary>auto on ILGPU's CPU accelerator is the thread layout: results as they were, bit for bit.</summary>
    [Fact]
    public void AutoOnTheCpuAcceleratorIsTheThreadLayoutBitForBit()
    {
        var auto = Run("auto");
        var thread = Run("thread");
        Assert.Equal(thread.Accumulators, auto.Accumulators);
        Assert.Equal(thread.Result.Device, auto.Result.Device);
    }
}
