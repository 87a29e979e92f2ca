using System.Text.Json;

namespace GpuThermoChain.Cli.Tests;

public class RunCommandTests
{
    private static readonly string[] Small =
    [
        "--device", "cpu", "--quiet",
        "--set", "chain.sites=4", "--set", "numerics.trajectories=16",
        "--set", "numerics.burnInTime=1", "--set", "numerics.measureTime=5",
    ];

    private static CliHarness.Outcome Run(params string[] extra) => CliHarness.Run(["run", .. Small, .. extra]);

    /// <summary>
    /// The line printed before a meanForce (or probe) run names the kernel layout that runs: the register layout asked
    /// for a bath size it has no kernel for runs thread, and the line said thread-registers before.
    /// </summary>
    [Fact]
    public void TheDeviceLineOfAMeanForceRunNamesTheLayoutThatRuns()
    {
        var r = CliHarness.Run("run", "--device", "ilgpu-cpu", "--set", "model=meanForce", "--set", "particleBath.particles=37",
            "--set", "numerics.kernelLayout=thread-registers", "--set", "numerics.trajectories=4",
            "--set", "numerics.burnInTime=0.05", "--set", "numerics.measureTime=0.05");
        Assert.True(r.ExitCode == 0, r.Err);
        string deviceLine = r.Err.Split('\n').First(line => line.StartsWith("device:", StringComparison.Ordinal));
        Assert.EndsWith(", kernel layout thread", deviceLine.TrimEnd());
    }

    [Fact]
    public void JsonOutputCarriesEveryEstimatorTheoryAndProvenance()
    {
        string dir = Path.Combine(CliHarness.TempDir(), "nested", "out");
        var r = Run("--json", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        var j = r.Json;
        var current = j.GetProperty("current");
        Assert.Equal("bond", current.GetProperty("estimator").GetString());
        Assert.True(current.GetProperty("stdErr").GetDouble() > 0);
        foreach (string e in new[] { "bond", "rightBath", "leftBath" })
            Assert.True(j.GetProperty("estimators").GetProperty(e).GetProperty("stdErr").GetDouble() > 0, e);
        Assert.Equal(4, j.GetProperty("temperatureProfile").GetProperty("values").GetArrayLength());
        Assert.Equal(4, j.GetProperty("temperatureProfile").GetProperty("stdErrs").GetArrayLength());
        foreach (string t in new[] { "markov", "memoryKernel", "closedForm" })
        {
            var theory = j.GetProperty("theory").GetProperty(t);
            double z = (current.GetProperty("value").GetDouble() - theory.GetProperty("value").GetDouble())
                       / current.GetProperty("stdErr").GetDouble();
            Assert.Equal(z, theory.GetProperty("zScore").GetDouble(), 9);
        }
        Assert.True(j.GetProperty("timing").GetProperty("wallSeconds").GetDouble() > 0);
        Assert.True(j.GetProperty("timing").GetProperty("particleStepsPerSecond").GetDouble() > 0);
        Assert.Contains("CPU", j.GetProperty("device").GetString());
        Assert.Equal(1UL, j.GetProperty("seed").GetUInt64());
        Assert.StartsWith("0.1.0+", j.GetProperty("version").GetString());
        Assert.True(DateTime.UtcNow - DateTime.Parse(j.GetProperty("createdUtc").GetString()!).ToUniversalTime() < TimeSpan.FromHours(1));
        Assert.Equal(Environment.MachineName, j.GetProperty("host").GetString());
        Assert.Equal(4, j.GetProperty("config").GetProperty("chain").GetProperty("sites").GetDouble());
        // The file and stdout are the same object.
        Assert.Equal(r.Out, File.ReadAllText(Path.Combine(dir, "result.json")));
    }

    [Fact]
    public void SameSeedReproducesAndAnotherSeedDiffers()
    {
        double J(CliHarness.Outcome o) => o.Json.GetProperty("current").GetProperty("value").GetDouble();
        var a = Run("--json");
        var b = Run("--json");
        var c = Run("--json", "--set", "numerics.seed=2");
        Assert.Equal(J(a), J(b));
        Assert.NotEqual(J(a), J(c));
    }

    [Fact]
    public void EffectiveModelQuotesTheLeftBathAndTheDiscreteSchemeTheory()
    {
        var r = Run("--json", "--set", "model=effective");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("leftBath", r.Json.GetProperty("current").GetProperty("estimator").GetString());
        Assert.True(r.Json.GetProperty("theory").TryGetProperty("discreteScheme", out _));
    }

    [Theory]
    [InlineData("--set", "numerics.timeStep=0.3", "numerics.timeStep")]
    [InlineData("--set", "particleBath.temperature=1000", "numerics.particleSubsteps")]
    [InlineData("--set", "particleBath.temperature=0.3", "particleBath.temperature")]
    [InlineData("--set", "chain.coupeling=1", "did you mean chain.coupling")]
    [InlineData("--device", "tpu", "--device")]
    public void BadInputExitsTwoNamesTheProblemAndWritesNothing(string option, string value, string named)
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        var r = Run(option, value, "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Err);
        Assert.Contains(named, r.Err);
        Assert.False(Directory.Exists(dir));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void OutputUnderAFileIsRefusedBeforeTheRun()
    {
        string file = Path.Combine(CliHarness.TempDir(), "plain-file");
        File.WriteAllText(file, "");
        var r = Run("--out", Path.Combine(file, "sub"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a file", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void AnotherRunsCheckpointIsNeitherOverwrittenNorDeleted()
    {
        string dir = CliHarness.TempDir();
        string checkpoint = Path.Combine(dir, "checkpoint");
        File.WriteAllText(checkpoint, "an unfinished run's state");
        var r = Run("--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("holds the checkpoint of an unfinished run", r.Err);
        Assert.Equal("an unfinished run's state", File.ReadAllText(checkpoint));
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
    }

    [Theory]
    [InlineData("particleBath.temperature=0.3", "particleBath.temperature")]
    [InlineData("numerics.measureTime=1e9", "numerics.measureTime")]
    public void UnstableChainAndStepLimitAreRefusedBeforeADeviceOpens(string set, string named)
    {
        var r = CliHarness.Run("run", "--device", "cpu", "--set", set);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.Err);
        Assert.DoesNotContain("device:", r.Err);
    }

    /// <summary>
    /// Below T_L ~ 0.47 (k = 1, zeta = 0.1) k_eff &lt; 0: the O(eps^2) theories have no stationary state, but the full
    /// model does. From rest it runs and says the theory is unavailable; from the theory's state it is refused,
    /// naming numerics.initialState; the effective model, which is that unstable chain, is refused outright.
    /// </summary>
    [Fact]
    public void FullModelRunsWhereTheTheoryFailsAndSaysSo()
    {
        var fromTheory = Run("--set", "particleBath.temperature=0.3");
        Assert.Equal(2, fromTheory.ExitCode);
        Assert.Contains("numerics.initialState", fromTheory.Err);
        Assert.Contains("particleBath.temperature", fromTheory.Err);
        Assert.DoesNotContain("device:", fromTheory.Err);

        var fromRest = Run("--set", "particleBath.temperature=0.3", "--set", "numerics.initialState=rest", "--json");
        Assert.True(fromRest.ExitCode == 0, fromRest.Err);
        var j = fromRest.Json;
        Assert.Empty(j.GetProperty("theory").EnumerateObject());
        Assert.Contains("k_eff", j.GetProperty("theoryUnavailable").GetString());
        Assert.True(j.GetProperty("current").GetProperty("stdErr").GetDouble() > 0);
        var text = Run("--set", "particleBath.temperature=0.3", "--set", "numerics.initialState=rest");
        Assert.Contains("theory: unavailable (particleBath.temperature: k_eff", text.Out);

        var effective = Run("--set", "model=effective", "--set", "particleBath.temperature=0.3", "--set", "numerics.initialState=rest");
        Assert.Equal(2, effective.ExitCode);
        Assert.Contains("particleBath.temperature", effective.Err);
    }

    /// <summary>
    /// The estimators share one mean only in the steady state. Started from rest at T_L = 0.4 with no burn-in the
    /// chain is still filling with energy, and the left-bath input outruns the right-bath output (fixed seed: z =
    /// 12.5); started from the theory's stationary state at the defaults they agree (max z well under 5). The
    /// threshold is 5 on a conservative z (the estimators are positively correlated): none of the 113 committed
    /// steady-state sweep points under runs/ exceeds 3.1 (largest pairwise |difference| / combined stdErr from the
    /// bond, rightBath, leftBath columns of points.csv: 3.02, fig4a-TR10 at k = 0.5, T_L = 70).
    /// </summary>
    [Fact]
    public void EstimatorsThatDisagreeRaiseAWarning()
    {
        var transient = CliHarness.Run("run", "--device", "cpu", "--quiet", "--set", "chain.sites=4", "--set", "particleBath.temperature=0.4",
            "--set", "numerics.initialState=rest", "--set", "numerics.trajectories=256", "--set", "numerics.measureTime=30",
            "--set", "numerics.burnInTime=0");
        Assert.True(transient.ExitCode == 0, transient.Err);
        Assert.Contains("warning: the estimators disagree beyond their errors", transient.Out);

        var steady = Run("--json");
        Assert.True(steady.ExitCode == 0, steady.Err);
        var agreement = steady.Json.GetProperty("estimatorAgreement");
        Assert.InRange(agreement.GetProperty("maxZ").GetDouble(), 0, 5);
        Assert.DoesNotContain("warning", Run().Out);
    }

    /// <summary>
    /// A finished result is not overwritten by another run: the same run again replaces it (with a note), a run with
    /// other parameters is refused before it starts and leaves the old result as it was; launch size does not count.
    /// </summary>
    [Fact]
    public void AnotherRunsResultIsNotOverwritten()
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        Assert.Equal(0, Run("--out", dir).ExitCode);
        string path = Path.Combine(dir, "result.json");
        string first = File.ReadAllText(path);

        var other = Run("--out", dir, "--set", "numerics.seed=99");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("--out", other.Err);
        Assert.Contains("holds the result of another run", other.Err);
        Assert.Contains("numerics.seed", other.Err);
        Assert.Equal(first, File.ReadAllText(path));

        var again = CliHarness.Run(["run", .. Small.Where(a => a != "--quiet"), "--out", dir, "--set", "numerics.stepsPerLaunch=123"]);
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Contains("holds an earlier result of this same run; it will be replaced", again.Err);

        File.WriteAllText(path, "not json");
        Assert.Equal(2, Run("--out", dir).ExitCode);
    }

    /// <summary>A run length that is not a whole number of steps is rounded, and the run says so.</summary>
    [Fact]
    public void RoundedRunLengthsAreSaid()
    {
        var r = CliHarness.Run("run", "--device", "cpu", "--set", "chain.sites=4", "--set", "numerics.trajectories=16",
            "--set", "numerics.burnInTime=1", "--set", "numerics.measureTime=0.001");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("note: numerics.measureTime = 0.001 is not a whole number of steps of timeStep = 0.01: running 1 steps (0.01 time units)", r.Err);
        Assert.DoesNotContain("numerics.burnInTime =", r.Err);
    }

    [Fact]
    public void AskingForAMissingCudaDeviceFailsLoudly()
    {
        // CI machines have no GPU; on a machine that has one this test has nothing to show.
        if (GpuThermoChain.Engine.Devices.ComputeDevice.ListAll().Any(l => l.StartsWith("cuda:"))) return;
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        var r = CliHarness.Run("run", "--device", "cuda", "--out", dir, "--quiet");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no CUDA device found", r.Err);
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
    }
}
