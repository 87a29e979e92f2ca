using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Running;
using Xunit.Abstractions;

namespace GpuThermoChain.LongRun.Tests;

/// <summary>The uninterrupted run the kill and SIGTERM tests compare with (one per test class instance set).</summary>
public sealed class ReferenceRun
{
    public const double MeasureTime = 8000; // 800k steps of 64 trajectories: a few seconds on the SIMD engine
    public JsonElement Json { get; }
    public long TotalSteps { get; }

    public ReferenceRun()
    {
        var r = Gtc.Run(["run", .. Gtc.Small(MeasureTime), "--quiet", "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        Json = r.Json;
        TotalSteps = Json.GetProperty("burnInSteps").GetInt64() + Json.GetProperty("measuredSteps").GetInt64();
    }
}

public class CheckpointTests(ReferenceRun reference, ITestOutputHelper log) : IClassFixture<ReferenceRun>
{
    [Fact]
    public void RunKilledWithSigkillAndResumedEqualsUninterruptedRun()
    {
        string dir = Path.Combine(Gtc.TempDir(), "out");
        string checkpoint = Path.Combine(dir, "checkpoint");
        using (var p = Gtc.Start(["run", .. Gtc.Small(ReferenceRun.MeasureTime), "--out", dir, "--checkpoint-every", "20000steps", "--json"]))
        {
            Assert.True(Gtc.WaitFor(() => File.Exists(checkpoint), p, TimeSpan.FromSeconds(60)),
                "no checkpoint appeared; stderr: " + (p.HasExited ? p.StandardError.ReadToEnd() : "(running)"));
            Assert.False(p.HasExited, "the run finished before it could be killed");
            p.Kill(); // SIGKILL
            p.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
        var saved = Checkpoint.Read(checkpoint);
        Assert.InRange(saved.StepsDone, 1, reference.TotalSteps - 1);
        Assert.Equal(0, saved.StepsDone % 500); // on a chunk boundary

        var resumed = Gtc.Run("run", "--resume", dir, "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.Contains($"resuming from {checkpoint} at step {saved.StepsDone}", resumed.Err);
        double worst = Gtc.AssertSameResult(reference.Json, resumed.Json);
        log.WriteLine($"killed after checkpoint at step {saved.StepsDone} of {reference.TotalSteps}; resumed J = " +
                      $"{resumed.Json.GetProperty("current").GetProperty("value").GetDouble():R}, uninterrupted J = " +
                      $"{reference.Json.GetProperty("current").GetProperty("value").GetDouble():R}; largest relative difference {worst:E2}");
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "result.json")), resumed.Out);
        Assert.False(File.Exists(checkpoint), "a finished run removes its checkpoint");
    }

    [Fact]
    public void SigtermSavesCheckpointExits143AndSaysHowToResume()
    {
        string dir = Path.Combine(Gtc.TempDir(), "out");
        using (var p = Gtc.Start(["run", .. Gtc.Small(ReferenceRun.MeasureTime), "--out", dir, "--json"]))
        {
            var err = new System.Text.StringBuilder();
            p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
            p.BeginErrorReadLine();
            // Wait until it is stepping (the first progress line), then ask it to stop.
            Assert.True(Gtc.WaitFor(() => { lock (err) return err.ToString().Contains("steps"); }, p, TimeSpan.FromSeconds(60)), "no progress line");
            Gtc.Signal(p, Gtc.SigTerm);
            Assert.True(p.WaitForExit(60_000), "gtc did not stop after SIGTERM");
            p.WaitForExit();
            string text;
            lock (err) text = err.ToString();
            Assert.True(p.ExitCode == 143, $"exit {p.ExitCode}: {text}");
            Assert.Contains("stopped by SIGTERM", text);
            Assert.Contains($"Resume with: gtc run --resume {dir}", text);
            Assert.Equal("", p.StandardOutput.ReadToEnd()); // no result on stdout
        }
        Assert.True(File.Exists(Path.Combine(dir, "checkpoint")));
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
        var resumed = Gtc.Run("run", "--resume", dir, "--json", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Gtc.AssertSameResult(reference.Json, resumed.Json);
    }
}

/// <summary>Checkpoints that must be refused, each with a message saying why, exit 2.</summary>
public class CheckpointRefusalTests
{
    internal static readonly string[] Args = Gtc.Small(200, trajectories: 32, stepsPerLaunch: 100);

    /// <summary>A real checkpoint, stopped after a few chunks (300 steps) through the engine's stop request.</summary>
    internal static string MakeCheckpoint()
    {
        string dir = Gtc.TempDir();
        var resolved = ConfigLoader.Load(null, Args.Where((a, i) => i > 0 && Args[i - 1] == "--set"));
        int chunks = 0;
        using var device = ComputeDevice.Open(new DeviceSpec(DeviceKind.Cpu, null));
        var options = new SteadyStateOptions { CheckpointPath = Checkpoint.PathIn(dir), StopRequested = () => ++chunks >= 3 };
        var e = Assert.Throws<RunInterruptedException>(() => SteadyStateRunner.Run(resolved, DeviceSet.Single(device), options));
        Assert.Equal(300, e.StepsDone);
        Assert.True(File.Exists(Checkpoint.PathIn(dir)));
        return dir;
    }

    private static void AssertRefused(string dir, string expected, params string[] extra)
    {
        var r = Gtc.Run(["run", "--resume", dir, "--quiet", .. extra]);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Err}");
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("device:", r.Err); // refused before the run
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
    }

    [Fact]
    public void GoodCheckpointResumes()
    {
        string dir = MakeCheckpoint();
        var r = Gtc.Run("run", "--resume", dir, "--quiet", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var whole = Gtc.Run(["run", .. Args, "--quiet", "--json"]);
        Gtc.AssertSameResult(whole.Json, r.Json);
    }

    /// <summary>A checkpoint resumes with another launch size (result-neutral) and gives the uninterrupted result.</summary>
    [Fact]
    public void CheckpointResumesWithAnotherLaunchSize()
    {
        string dir = MakeCheckpoint();
        string[] longer = [.. Args.Select(a => a == "numerics.stepsPerLaunch=100" ? "numerics.stepsPerLaunch=700" : a)];
        Assert.Contains("numerics.stepsPerLaunch=700", longer);
        var r = Gtc.Run(["run", "--resume", dir, .. longer, "--quiet", "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var whole = Gtc.Run(["run", .. longer, "--quiet", "--json"]);
        Gtc.AssertSameResult(whole.Json, r.Json);
    }

    [Fact]
    public void FlippedByteIsRefusedByTheChecksum()
    {
        string dir = MakeCheckpoint();
        string path = Checkpoint.PathIn(dir);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        AssertRefused(dir, "checksum does not match");
    }

    [Fact]
    public void TruncatedCheckpointIsRefused()
    {
        string dir = MakeCheckpoint();
        string path = Checkpoint.PathIn(dir);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        AssertRefused(dir, "truncated");
    }

    [Fact]
    public void OtherParametersAreRefusedNamingTheParameter()
    {
        string dir = MakeCheckpoint();
        AssertRefused(dir, "particleBath.temperature (5 vs 3)", [.. Args.Where((a, i) => a == "--set" || (i > 0 && Args[i - 1] == "--set")),
            "--set", "particleBath.temperature=3"]);
    }

    [Fact]
    public void AnotherVersionIsRefused()
    {
        string dir = MakeCheckpoint();
        var cp = Checkpoint.Read(Checkpoint.PathIn(dir));
        (cp with { Identity = cp.Identity with { Version = "0.1.0+0123456789ab" } }).Write(Checkpoint.PathIn(dir));
        AssertRefused(dir, "written by gtc 0.1.0+0123456789ab");
    }

    [Fact]
    public void MissingCheckpointIsRefused()
    {
        AssertRefused(Gtc.TempDir(), "does not exist");
    }
}

/// <summary>A resumed run's result says which device made which steps.</summary>
public class ResumeProvenanceTests
{
    [Fact]
    public void ResumedOnAnotherDeviceNamesBothWithTheirSteps()
    {
        string dir = CheckpointRefusalTests.MakeCheckpoint();
        var r = Gtc.Run("run", "--resume", dir, "--device", "ilgpu-cpu", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("warning: the checkpoint was written on", r.Err);
        long total = r.Json.GetProperty("burnInSteps").GetInt64() + r.Json.GetProperty("measuredSteps").GetInt64();
        string device = r.Json.GetProperty("device").GetString()!;
        Assert.StartsWith("CPU SIMD engine", device);
        Assert.Contains(" (steps 0-300), ILGPU CPU accelerator", device);
        Assert.EndsWith($" (steps 300-{total})", device);
    }

    [Fact]
    public void ResumedOnTheSameDeviceNamesItAlone()
    {
        string dir = CheckpointRefusalTests.MakeCheckpoint();
        var r = Gtc.Run("run", "--resume", dir, "--quiet", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        string device = r.Json.GetProperty("device").GetString()!;
        Assert.StartsWith("CPU SIMD engine", device);
        Assert.DoesNotContain("(steps", device);
    }
}
