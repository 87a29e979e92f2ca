using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using GpuThermoChain.Cli.Tests;

namespace GpuThermoChain.LongRun.Tests;

/// <summary>Runs gtc in-process (through the shared <see cref="CliHarness"/>) or as a child process (dotnet gtc.dll), and compares results.</summary>
public static class Gtc
{
    /// <summary>A small full-model run on the SIMD engine: 64 trajectories, N = 4, short chunks so there are many boundaries.</summary>
    public static string[] Small(double measureTime, int trajectories = 64, int stepsPerLaunch = 500) =>
    [
        "--device", "cpu", "--set", "chain.sites=4", "--set", $"numerics.trajectories={trajectories}",
        "--set", "numerics.burnInTime=1", "--set", $"numerics.measureTime={measureTime}",
        "--set", $"numerics.stepsPerLaunch={stepsPerLaunch}", "--set", "numerics.seed=7",
    ];

    public static CliHarness.Outcome Run(params string[] args) => CliHarness.Run(args);

    /// <summary>gtc.dll beside the test binaries (the Cli project is referenced, so its output is copied here).</summary>
    public static string Dll => GtcProcess.Dll;

    /// <summary>Starts gtc as a child process with redirected output.</summary>
    public static Process Start(params string[] args) => GtcProcess.Start(args);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds or the process exits.</summary>
    public static bool WaitFor(Func<bool> condition, Process p, TimeSpan limit) => GtcProcess.WaitFor(condition, p, limit);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public const int SigTerm = 15;
    public const int SigInt = 2;

    public static void Signal(Process p, int signal)
    {
        if (SysKill(p.Id, signal) != 0) throw new InvalidOperationException($"kill({p.Id}, {signal}) failed");
    }

    public static string TempDir() => CliHarness.TempDir();

    /// <summary>
    /// Every estimator, the temperature profile and the theory z-scores of two result.json documents agree to
    /// <paramref name="relative"/>; returns the largest relative difference seen (for the report).
    /// </summary>
    public static double AssertSameResult(JsonElement a, JsonElement b, double relative = 1e-12)
    {
        double worst = 0;
        void Same(double x, double y, string what)
        {
            double d = Math.Abs(x - y) / Math.Max(Math.Abs(x), 1e-300);
            worst = Math.Max(worst, d);
            Assert.True(d <= relative, $"{what}: {x:R} vs {y:R} (relative {d:E2})");
        }
        void SameEstimate(JsonElement x, JsonElement y, string what)
        {
            Same(x.GetProperty("value").GetDouble(), y.GetProperty("value").GetDouble(), what);
            Same(x.GetProperty("stdErr").GetDouble(), y.GetProperty("stdErr").GetDouble(), what + " stdErr");
        }
        SameEstimate(a.GetProperty("current"), b.GetProperty("current"), "current");
        foreach (var e in a.GetProperty("estimators").EnumerateObject())
            SameEstimate(e.Value, b.GetProperty("estimators").GetProperty(e.Name), e.Name);
        foreach (string k in new[] { "values", "stdErrs" })
        {
            var x = a.GetProperty("temperatureProfile").GetProperty(k).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var y = b.GetProperty("temperatureProfile").GetProperty(k).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(x.Length, y.Length);
            for (int i = 0; i < x.Length; i++) Same(x[i], y[i], $"temperatureProfile.{k}[{i}]");
        }
        foreach (var t in a.GetProperty("theory").EnumerateObject())
            Same(t.Value.GetProperty("zScore").GetDouble(), b.GetProperty("theory").GetProperty(t.Name).GetProperty("zScore").GetDouble(), $"z {t.Name}");
        Assert.Equal(a.GetProperty("measuredSteps").GetInt64(), b.GetProperty("measuredSteps").GetInt64());
        Assert.Equal(a.GetProperty("seed").GetUInt64(), b.GetProperty("seed").GetUInt64());
        Assert.Equal(a.GetProperty("config").GetRawText(), b.GetProperty("config").GetRawText());
        return worst;
    }
}
