using System.Text.Json;
using GpuThermoChain.Cli.Tests;
using GpuThermoChain.Config;

namespace GpuThermoChain.Experiments.Tests;

public class RunCommandExperimentTests
{
    private static readonly string[] SmallMeanForce =
    [
        "run", "--device", "cpu", "--quiet", "--set", "model=meanForce", "--set", "numerics.trajectories=8",
        "--set", "numerics.burnInTime=0.2", "--set", "numerics.measureTime=0.4", "--set", "numerics.timeStep=0.02",
        "--set", "particleBath.epsilon=0.1", "--set", "numerics.particleSubsteps=2",
    ];

    [Fact]
    public void MeanForceRunWritesResultJsonWithEveryField()
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        var r = CliHarness.Run([.. SmallMeanForce, "--set", "meanForce.positions=[0, 10, -5]", "--out", dir, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        string file = Path.Combine(dir, "result.json");
        Assert.True(File.Exists(file));
        Assert.Equal(File.ReadAllText(file), r.Out);
        var j = r.Json;
        Assert.Equal("meanForce", j.GetProperty("model").GetString());
        var points = j.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal([0.0, 10.0, -5.0], points.Select(p => p.GetProperty("q").GetDouble()));
        foreach (var p in points)
        {
            Assert.True(p.GetProperty("force").GetProperty("stdErr").GetDouble() > 0);
            _ = p.GetProperty("force").GetProperty("value").GetDouble();
            _ = p.GetProperty("theory").GetProperty("exact").GetProperty("zScore").GetDouble();
            _ = p.GetProperty("theory").GetProperty("secondOrder").GetProperty("value").GetDouble();
        }
        // At q = 0 both theories give exactly 0 (lambda cancels the mean force).
        Assert.Equal(0.0, points[0].GetProperty("theory").GetProperty("exact").GetProperty("value").GetDouble(), 12);
        Assert.Equal(10, j.GetProperty("burnInSteps").GetInt64());
        Assert.Equal(20, j.GetProperty("measuredSteps").GetInt64());
        Assert.Equal(8, j.GetProperty("trajectories").GetInt32());
        Assert.Equal(1UL, j.GetProperty("seed").GetUInt64());
        Assert.Contains("CPU", j.GetProperty("device").GetString());
        Assert.False(string.IsNullOrEmpty(j.GetProperty("version").GetString()));
        Assert.True(j.GetProperty("timing").GetProperty("wallSeconds").GetDouble() > 0);
        Assert.Equal("meanForce", j.GetProperty("config").GetProperty("model").GetString());
        Assert.Equal(3, j.GetProperty("config").GetProperty("meanForce").GetProperty("positions").GetArrayLength());
    }

    [Fact]
    public void MeanForceSummaryIsATable()
    {
        var r = CliHarness.Run([.. SmallMeanForce, "--set", "meanForce.positions=[10]"]);
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (string label in new[] { "force", "exact", "2nd order", "z exact" })
            Assert.Contains(label, r.Out);
    }

    [Theory]
    [InlineData("meanForce.positions=[1, abc]")]
    [InlineData("meanForce.positions=[]")]
    [InlineData("meanForce.positions=[1, NaN]")]
    public void BadPositionsExitWithTwoAndWriteNothing(string set)
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        var r = CliHarness.Run([.. SmallMeanForce, "--set", set, "--out", dir, "--json"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("meanForce.positions", r.Err);
        Assert.Equal("", r.Out);
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
        Assert.True(!Directory.Exists(dir) || !Directory.EnumerateFileSystemEntries(dir).Any());
    }

    [Fact]
    public void ProbeRunWritesSamplesFitAndTheory()
    {
        string dir = CliHarness.TempDir();
        var r = CliHarness.Run("run", "--device", "cpu", "--quiet", "--set", "model=probe", "--set", "numerics.trajectories=8",
            "--set", "numerics.measureTime=2", "--set", "probe.sampleInterval=0.1", "--set", "numerics.particleSubsteps=2",
            "--set", "numerics.timeStep=0.05", "--out", dir, "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "result.json")), r.Out);
        var j = r.Json;
        Assert.Equal("probe", j.GetProperty("model").GetString());
        var s = j.GetProperty("samples");
        Assert.Equal(21, s.GetProperty("t").GetArrayLength());
        Assert.Equal(21, s.GetProperty("vStdErr").GetArrayLength());
        Assert.Equal(ParameterCatalog.ProbeDefaultInitialVelocity, s.GetProperty("v")[0].GetDouble());
        Assert.Equal(2, s.GetProperty("stepsPerSample").GetInt32());
        var th = j.GetProperty("theory");
        // gamma_L = 6.468394109 zeta / T_L^2 at the paper's values (docs/model.md, "Reference values": 0.0258735764352 at zeta = 0.1, T_L = 5;
        // section 3 prints the prefactor as 0.6468394109, a factor 10 too small).
        Assert.Equal(0.0258735764352, th.GetProperty("gammaL").GetDouble(), 1e-12);
        Assert.True(th.GetProperty("kEff").GetDouble() < 1);
        Assert.Contains("burnInTime is not used", j.GetProperty("burnIn").GetString());
        Assert.Equal(JsonValueKind.Object, j.GetProperty("relaxation").ValueKind);
        Assert.Equal("probe", j.GetProperty("config").GetProperty("model").GetString());
    }

    [Fact]
    public void ProbeSampleIntervalMustBeAMultipleOfTheTimeStep()
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        var r = CliHarness.Run("run", "--device", "cpu", "--set", "model=probe", "--set", "probe.sampleInterval=0.015",
            "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("probe.sampleInterval", r.Err);
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
    }
}
