namespace GpuThermoChain.LongRun.Tests;

/// <summary>
/// A stop request is honoured within seconds wherever the run is: in the theory phase (which polls the signal's
/// cancellation) and inside what used to be one long chunk (chunks are now sized to about a second). The bound,
/// 30 s, is a scheduler's usual TERM-then-KILL grace; before, both cases ran on for minutes.
/// </summary>
public class StopLatencyTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    [Fact]
    public void SigtermDuringTheTheoryPhaseStopsCleanly()
    {
        // N = 256: the theory alone takes minutes on a CI core, so the signal arrives while it computes.
        using var p = Gtc.Start("run", "--device", "cpu", "--set", "chain.sites=256", "--set", "numerics.trajectories=2",
            "--set", "numerics.measureTime=1", "--set", "numerics.burnInTime=0");
        var err = new System.Text.StringBuilder();
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        try
        {
            Assert.True(Gtc.WaitFor(() => { lock (err) return err.ToString().Contains("theory "); }, p, TimeSpan.FromSeconds(120)),
                "no theory progress line: " + err);
            Gtc.Signal(p, Gtc.SigTerm);
            Assert.True(p.WaitForExit((int)Grace.TotalMilliseconds), "gtc did not stop within 30 s of SIGTERM in the theory phase");
            p.WaitForExit();
            string text;
            lock (err) text = err.ToString();
            Assert.True(p.ExitCode == 143, $"exit {p.ExitCode}: {text}");
            Assert.Contains("stopped by SIGTERM while computing the theory", text);
            Assert.DoesNotContain("   at ", text);
        }
        finally
        {
            if (!p.HasExited) p.Kill();
        }
    }

    [Fact]
    public void SigtermInsideALongChunkSavesACheckpointWithinSeconds()
    {
        // 2000 steps x 5000 substeps x 40 particles x 16 trajectories made one chunk of several minutes.
        string dir = Path.Combine(Gtc.TempDir(), "out");
        using var p = Gtc.Start("run", "--device", "cpu", "--set", "chain.sites=4", "--set", "numerics.trajectories=16",
            "--set", "numerics.particleSubsteps=5000", "--set", "numerics.burnInTime=0", "--set", "numerics.measureTime=100",
            "--set", "numerics.stepsPerLaunch=2000", "--out", dir);
        var err = new System.Text.StringBuilder();
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        try
        {
            Assert.True(Gtc.WaitFor(() => { lock (err) return err.ToString().Contains("device:"); }, p, TimeSpan.FromSeconds(60)), "no device line: " + err);
            Thread.Sleep(2000); // inside the first 2000-step launch's worth of work
            Gtc.Signal(p, Gtc.SigTerm);
            Assert.True(p.WaitForExit((int)Grace.TotalMilliseconds), "gtc did not stop within 30 s of SIGTERM inside a long chunk");
            p.WaitForExit();
            string text;
            lock (err) text = err.ToString();
            Assert.True(p.ExitCode == 143, $"exit {p.ExitCode}: {text}");
            Assert.Contains("checkpoint saved", text);
            Assert.True(File.Exists(Path.Combine(dir, "checkpoint")));
        }
        finally
        {
            if (!p.HasExited) p.Kill();
        }
    }
}
