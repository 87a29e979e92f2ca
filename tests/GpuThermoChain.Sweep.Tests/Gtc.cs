using GpuThermoChain.Cli.Tests;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>The sweep tests' helpers on top of the shared <see cref="CliHarness"/>.</summary>
public static class Gtc
{
    public static CliHarness.Outcome Run(params string[] args) => CliHarness.Run(args);

    public static string TempDir() => CliHarness.TempDir();

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
