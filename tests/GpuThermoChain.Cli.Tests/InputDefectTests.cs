using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Validation;
using GpuThermoChain.Kernels;
using GpuThermoChain.Simd;
using GpuThermoChain.Model;

namespace GpuThermoChain.Cli.Tests;

/// <summary>Bad input the CLI must refuse by name (exit 2), and failures it must report in one line (exit 1).</summary>
public class InputDefectTests
{
    [Fact]
    public void AnEmptyOutIsBadInputForEveryCommandThatWrites()
    {
        string sweep = CliHarness.RepoFile("runs/fig2a-mean-force/sweep.json");
        string[][] commands =
        [
            ["run", "--device", "cpu", "--quiet", "--out", ""],
            ["merge", "a", "b", "--out", ""],
            ["sweep", sweep, "--device", "cpu", "--out", ""],
        ];
        foreach (var args in commands)
        {
            var r = CliHarness.Run(args);
            Assert.True(r.ExitCode == 2, $"{args[0]}: exit {r.ExitCode}: {r.Err}");
            Assert.Contains("--out: value '' is not allowed", r.Err);
            Assert.DoesNotContain("internal failure", r.Err);
        }
    }

    [Theory]
    [InlineData("numerics.measureTime=1e300", "numerics.measureTime", "= 1E+302 steps")]
    // burnInTime = auto (the default) counts its cap, burnInMaxTime = 1280, with measureTime = 200.
    [InlineData("numerics.timeStep=1e-300", "numerics.timeStep", "= 1.48E+303 steps")]
    public void HugeStepCountsAreQuotedAsTheyAre(string set, string parameter, string count)
    {
        var r = CliHarness.Run("run", "--device", "cpu", "--quiet", "--set", set);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: {parameter}:", r.Err);
        Assert.Contains(count, r.Err);
        Assert.DoesNotContain("= -", r.Err);
    }

    [Fact]
    public void ADirectoryAsConfigIsBadInput()
    {
        var r = CliHarness.Run("run", CliHarness.TempDir(), "--device", "cpu");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a directory", r.Err);
    }

    [Fact]
    public void ValidateHelpStatesTheSizesItUses()
    {
        var r = CliHarness.Run("validate", "--help");
        Assert.Equal(0, r.ExitCode);
        string help = string.Join(" ", r.Out.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{ValidationSize.For(DeviceKind.Cpu).Trajectories} on cpu", help);
        Assert.Contains($"{ValidationSize.For(DeviceKind.IlgpuCpu).Trajectories} on ilgpu-cpu", help);
        Assert.Contains($"{ValidationSize.For(DeviceKind.Cuda).Trajectories} on cuda", help);
        Assert.Contains("opencl", help);
    }

    [Fact]
    public void TooManyTrajectoriesAreRefusedBeforeAnyDeviceWork()
    {
        var r = CliHarness.Run("run", "--device", "cpu", "--quiet", "--set", "numerics.trajectories=100000000", "--set", "numerics.measureTime=1");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: numerics.trajectories:", r.Err);
        Assert.Contains("53687088", r.Err);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(256)]
    public void TheValidatorCountsTheSlotsTheEngineAllocates(int sites) =>
        Assert.Equal(Accumulators.Count(sites), EnsembleSize.AccumulatorSlots(sites));

    [Fact]
    public void TheValidatorsMaximumIsTheEnginesLimit()
    {
        var c = ConfigLoader.Parse(null).Run;
        var coefficients = StepCoefficients.From(c, 0, 0);
        int max = EnsembleSize.MaxTrajectories(c);
        // One more trajectory needs one more block of 16: the engine refuses it before allocating anything.
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimdEnsemble(coefficients, max + 1, 0));
        Assert.True((long)Math.Max(Math.Max(coefficients.Sites, coefficients.Particles), coefficients.AccumulatorCount) * max <= Array.MaxLength);
    }

    [Fact]
    public void OutOfMemorySaysHowMuchTheEnsembleNeeded()
    {
        // Default config: 8 sites, 40 particles, 11 slots: 16 * 8 + 4 * 40 + 8 * 11 + 8 = 384 bytes per trajectory.
        var coefficients = StepCoefficients.From(ConfigLoader.Parse(null).Run, 0, 0);
        var e = EnsembleMemory.OutOfMemory(coefficients, 30_000_000, "this process", new OutOfMemoryException());
        Assert.IsAssignableFrom<OutOfMemoryException>(e);
        Assert.Contains("about 11.5 GB (384 bytes per trajectory x 30000000)", e.Message);
        Assert.Contains("--shard", e.Message);
    }

    [Fact]
    public void EveryCommittedConfigValidates()
    {
        var files = Directory.GetFiles(CliHarness.RepoFile("runs"), "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "sweep-run.json" && !f.Contains(Path.DirectorySeparatorChar + "points" + Path.DirectorySeparatorChar))
            .ToList();
        Assert.NotEmpty(files);
        foreach (string f in files)
        {
            if (Path.GetFileName(f) == "sweep.json")
            {
                // --plan expands and validates every point without running any.
                var r = CliHarness.Run("sweep", f, "--plan", Path.Combine(CliHarness.TempDir(), "plan"));
                Assert.True(r.ExitCode == 0, $"{f}: {r.Err}");
            }
            else if (Path.GetFileName(f) == Engine.GaussianLimit.GaussianLimitJson.FileName)
            {
                // A Gaussian-limit study's result: its configuration must load.
                Engine.GaussianLimit.TruncationStudy.Read(f);
            }
            else
            {
                ConfigLoader.Load(f);
            }
        }
    }
}
