using System.Text.Json;

namespace GpuThermoChain.Cli.Tests;

public class TheoryCommandTests
{
    private const double RelTol = 1e-9;

    // source: docs/model.md, "Reference values" (paper parameters; columns gamma_L, k_eff, J closed, J Markov exact, J memory kernel).
    [Theory]
    [InlineData("paper-k1-TL5-N4.json", 0.0258735764352, 0.906007473486, 0.120424009853, 0.120423965882, 0.104356182086)]
    [InlineData("paper-k1-TL5-N8.json", 0.0258735764352, 0.906007473486, 0.120424009853, 0.120424009853, 0.104356643371)]
    [InlineData("paper-k1-TL2-N8.json", 0.16170985272, 0.765018683715, 0.21984761895, 0.219847617284, 0.142377271894)]
    [InlineData("paper-k05-TL10-N8.json", 0.00646839410881, 0.953003736743, 0.0554768337475, 0.0558197945341, 0.0542320430219)]
    public void TheoryJsonReproducesModelSection5FromTheConfigFile(
        string file, double gammaL, double kEff, double closed, double markov, double memory)
    {
        var r = CliHarness.Run("theory", CliHarness.RepoFile("runs/theory/" + file), "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var j = r.Json;
        AssertRel(gammaL, j.GetProperty("gammaL").GetDouble());
        AssertRel(kEff, j.GetProperty("kEff").GetDouble());
        var c = j.GetProperty("current");
        AssertRel(closed, c.GetProperty("closedForm").GetDouble());
        AssertRel(markov, c.GetProperty("markov").GetDouble());
        AssertRel(memory, c.GetProperty("memoryKernel").GetDouble());
        AssertRel(gammaL * j.GetProperty("parameters").GetProperty("particleBath").GetProperty("temperature").GetDouble(),
                  c.GetProperty("weakCoupling").GetDouble());
        // source: docs/model.md, "Effective Markov chain" (Var(F) = A^2 (I0(2 rho)/I0(rho)^2 - 1) = 1.1749065814256272 A^2 at rho = 2)
        Assert.Equal(1.1749065814256272, j.GetProperty("varianceF").GetDouble(), 1e-12);
        Assert.Equal(40, j.GetProperty("parameters").GetProperty("particleBath").GetProperty("particles").GetDouble());
    }

    [Fact]
    public void TheoryTableNamesEveryCurrent()
    {
        var r = CliHarness.Run("theory", CliHarness.RepoFile("runs/theory/paper-k1-TL5-N8.json"));
        Assert.Equal(0, r.ExitCode);
        foreach (string label in new[] { "gamma_L", "k_eff", "closed form", "Markov chain", "memory kernel", "weak coupling" })
            Assert.Contains(label, r.Out);
        // source: docs/model.md, "Reference values", J closed form (= J Markov at N = 8) for k = 1, zeta = 0.1, T_L = 5
        Assert.Contains("0.120424009853", r.Out);
    }

    [Fact]
    public void UnstableChainIsAnErrorNamingTheTemperatureNotANumber()
    {
        // k_eff = K - N_b eps^2 Var(F) / T_L reaches 0 at T_L = 0.470 (docs/model.md, "Effective Markov chain").
        var r = CliHarness.Run("theory", "--set", "particleBath.temperature=0.3", "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("particleBath.temperature", r.Err);
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData("--set", "chain.coupleing=2")]
    [InlineData("--set", "chain.sites=0")]
    [InlineData("--scan", "chain.mass=1:2")]
    [InlineData("--scan", "model=1:2:3")]
    [InlineData("--bogus")]
    public void BadCommandLinesExitWithTwoAndWriteNothing(params string[] extra)
    {
        string dir = CliHarness.TempDir();
        string csv = Path.Combine(dir, "scan.csv");
        bool scans = extra.Contains("--scan");
        var args = new List<string> { "theory" };
        args.AddRange(extra);
        if (!scans) args.AddRange(["--scan", "particleBath.temperature=1:3:5"]);
        args.AddRange(["--csv", csv]);
        var r = CliHarness.Run(args.ToArray());
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Err);
        Assert.False(File.Exists(csv));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void MalformedConfigFileIsRefusedWithItsName()
    {
        string dir = CliHarness.TempDir();
        string path = Path.Combine(dir, "broken.json");
        File.WriteAllText(path, "{ \"chain\": { \"sites\": 4, } ");
        var r = CliHarness.Run("theory", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("broken.json", r.Err);
        Assert.Contains("config", r.Err);
    }

    [Fact]
    public void ScanLocatesTheCurrentMaximaOfBothTheories()
    {
        // docs/model.md, "Memory-kernel theory": for k = 1, zeta = 0.1, T_R = 0 the maximum of J(T_L) sits at 1.54 (Markov)
        // and about 2.0 (memory kernel).
        string dir = CliHarness.TempDir();
        string csv = Path.Combine(dir, "scan.csv");
        var r = CliHarness.Run("theory", "--set", "chain.sites=8", "--scan", "particleBath.temperature=0.6:6:12:log", "--csv", csv, "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var maxima = r.Json.GetProperty("maxima");
        double markov = maxima.GetProperty("markov").GetProperty("location").GetDouble();
        double memory = maxima.GetProperty("memoryKernel").GetProperty("location").GetDouble();
        Assert.InRange(markov, 1.535, 1.545);
        Assert.InRange(memory, 1.9, 2.1);
        Assert.False(maxima.GetProperty("markov").GetProperty("atEdge").GetBoolean());
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(13, lines.Length);
        Assert.StartsWith("particleBath.temperature,stable,gammaL", lines[0]);
    }

    [Fact]
    public void ScanMarksUnstablePointsAndGoesOn()
    {
        var r = CliHarness.Run("theory", "--scan", "particleBath.temperature=0.3:1:3");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("unstable", r.Out);
        Assert.Contains("maximum of J", r.Out);
    }

    private static void AssertRel(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= RelTol * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2} > {RelTol:E0})");
}
