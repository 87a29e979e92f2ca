using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.LongRun.Tests;

/// <summary>
/// The kernel layout a run used is in its result.json, its summary and its checkpoint; a resumed <c>auto</c> run on
/// the same device keeps the checkpoint's layout, and an explicit other one is recorded as a change with its steps.
/// On ILGPU's CPU accelerator (warps of 4: thread and lanes4 run there), 4 trajectories x 400 steps in chunks of 100.
/// </summary>
public class KernelLayoutResumeTests
{
    private static string[] Sets(string layout) =>
    [
        "--set", "chain.sites=4", "--set", "numerics.trajectories=4", "--set", "numerics.burnInTime=1",
        "--set", "numerics.measureTime=3", "--set", "numerics.stepsPerLaunch=100", "--set", "numerics.seed=7",
        "--set", $"numerics.kernelLayout={layout}",
    ];

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    /// <summary>The estimators, profile and current of two results, as written: equal text is equal bits.</summary>
    private static void AssertBitIdentical(JsonElement a, JsonElement b)
    {
        foreach (string k in new[] { "current", "estimators", "temperatureProfile", "measuredSteps" })
            Assert.Equal(a.GetProperty(k).GetRawText(), b.GetProperty(k).GetRawText());
    }

    [Fact]
    public void TheLayoutIsRecordedAndKeptOnResume()
    {
        // Uninterrupted lanes4 run: result.json and the printed summary name the layout.
        string whole = Gtc.TempDir();
        var run = Gtc.Run(["run", "--device", "ilgpu-cpu", .. Sets("lanes4"), "--out", whole]);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("kernel layout lanes4", run.Out);
        var reference = ReadJson(Path.Combine(whole, "result.json"));
        Assert.EndsWith(", kernel layout lanes4", reference.GetProperty("device").GetString());

        // A checkpoint after 200 steps records the layout in its header.
        string first = Gtc.TempDir();
        var resolved = ConfigLoader.Load(null, Sets("lanes4").Where((a, i) => i > 0 && Sets("lanes4")[i - 1] == "--set"));
        int chunks = 0;
        using (var device = ComputeDevice.Open(new DeviceSpec(DeviceKind.IlgpuCpu, null)))
        {
            var options = new SteadyStateOptions { CheckpointPath = Checkpoint.PathIn(first), StopRequested = () => ++chunks >= 2 };
            var stop = Assert.Throws<RunInterruptedException>(() => SteadyStateRunner.Run(resolved, DeviceSet.Single(device), options));
            Assert.Equal(200, stop.StepsDone);
        }
        var cp = Checkpoint.Read(Checkpoint.PathIn(first));
        Assert.Equal("lanes4", cp.KernelLayouts);
        Assert.EndsWith(", kernel layout lanes4", cp.Device);
        string second = Gtc.TempDir();
        File.Copy(Checkpoint.PathIn(first), Checkpoint.PathIn(second));

        // Its config set to auto (which picks thread on this device): the resume keeps lanes4, bit for bit.
        (cp with { Identity = cp.Identity with { ConfigJson = cp.Identity.ConfigJson.Replace("\"lanes4\"", "\"auto\"", StringComparison.Ordinal) } })
            .Write(Checkpoint.PathIn(first));
        var kept = Gtc.Run("run", "--resume", first, "--device", "ilgpu-cpu", "--quiet", "--json");
        Assert.True(kept.ExitCode == 0, kept.Err);
        Assert.Contains("\"kernelLayout\": \"auto\"", kept.Out);
        Assert.Equal(reference.GetProperty("device").GetString(), kept.Json.GetProperty("device").GetString());
        AssertBitIdentical(reference, kept.Json);

        // An explicit other layout is taken, and the result names both with their steps.
        var switched = Gtc.Run(["run", "--resume", second, "--device", "ilgpu-cpu", .. Sets("thread"), "--json"]);
        Assert.True(switched.ExitCode == 0, switched.Err);
        Assert.Contains("warning: the checkpoint was written on", switched.Err);
        string devices = switched.Json.GetProperty("device").GetString()!;
        Assert.Contains("kernel layout lanes4 (steps 0-200), ILGPU CPU accelerator", devices);
        Assert.EndsWith("kernel layout thread (steps 200-400)", devices);
    }
}
