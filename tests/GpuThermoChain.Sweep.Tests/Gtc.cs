using GpuThermoChain.Cli;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>Runs gtc in-process and captures what it prints; fresh temporary folders.</summary>
public static class Gtc
{
    public sealed record Outcome(int ExitCode, string Out, string Err);

    public static Outcome Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = GtcCli.Run(args, o, e);
        return new Outcome(code, o.ToString(), e.ToString());
    }

    public static string TempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "gtc-sweep-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    /// <summary>Writes a sweep file into a fresh folder and returns its path.</summary>
    public static string SweepFile(string json)
    {
        string path = Path.Combine(TempDir(), "sweep.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A CI-sized base: N = 4, 16 trajectories, 1 + 4 time units.</summary>
    public const string TinyBase =
        "{ \"chain\": { \"sites\": 4 }, \"numerics\": { \"burnInTime\": 1, \"measureTime\": 4, \"trajectories\": 16 } }";
}
