using System.Diagnostics;

namespace GpuThermoChain.LongRun.Tests;

/// <summary>
/// gtc as a second process: gtc.dll beside the test binaries (the test project references the Cli project, so its output
/// is copied there). One copy for the tests that need a real process (signals, locks, kill -9); linked into Cli.Tests.
/// </summary>
public static class GtcProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "gtc.dll");

    /// <summary>Starts gtc with redirected output.</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (string a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet gtc.dll");
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false if it did not in time or the process ended first.</summary>
    public static bool WaitFor(Func<bool> condition, Process p, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition()) return true;
            if (p.HasExited) return condition();
            Thread.Sleep(20);
        }
        return false;
    }
}
