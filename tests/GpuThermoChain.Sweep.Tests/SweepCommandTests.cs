using System.Globalization;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Sweep.Tests;

public class SweepCommandTests
{
    private static string TwoPoints(string figure = "fig3") =>
        $$"""{ "figure": "{{figure}}", "base": {{Gtc.TinyBase}}, "grid": [ { "name": "particleBath.temperature", "values": [2, 5] } ] }""";

    private static PointsTable Table(string dir) => PointsTable.Parse(File.ReadAllText(Path.Combine(dir, "points.csv")));

    [Fact]
    public void TinySweepRunsEndToEndAndWritesTableResultsAndBothFigureFormats()
    {
        string sweep = Gtc.SweepFile(TwoPoints());
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);

        var t = Table(dir);
        Assert.Equal(2, t.Rows.Count);
        foreach (string c in new[] { "J", "J_err", "markov", "memoryKernel", "closedForm", "z_markov", "z_memoryKernel", "z_closedForm",
                     "wallSeconds", "seed", "device", "particleBath.temperature", "bond", "rightBath", "leftBath" })
            Assert.Contains(c, t.Columns);
        Assert.Equal([2.0, 5.0], t.Rows.Select(x => x.Num("particleBath.temperature")));
        foreach (var row in t.Rows)
        {
            Assert.True(row.Num("J_err") > 0);
            Assert.Equal((row.Num("J") - row.Num("memoryKernel")) / row.Num("J_err"), row.Num("z_memoryKernel"), 9);
            Assert.Equal("fig3", row.Text("figure"));
            Assert.Contains("CPU", row.Text("device"));
        }
        // Per-point seeds differ (independent points), and each point keeps its full result.
        Assert.NotEqual(t.Rows[0].Text("seed"), t.Rows[1].Text("seed"));
        Assert.True(File.Exists(Path.Combine(dir, "points", "0", "result.json")));
        Assert.True(File.Exists(Path.Combine(dir, "points", "1", "result.json")));
        foreach (string f in new[] { "fig3-linear", "fig3-loglog" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, f + ".png")).Length > 1000, f);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, f + ".svg")));
        }
        Assert.Contains("z memory kernel", r.Out);
    }

    [Fact]
    public void ResumedSweepSkipsFinishedPointsByTheirParametersNotTheirIndex()
    {
        // The sweep file in its own output folder (the default --out), as under runs/: a grid is changed by editing it there.
        string sweep = Gtc.SweepFile(TwoPoints());
        string dir = Path.GetDirectoryName(sweep)!;
        Assert.Equal(0, Gtc.Run("sweep", sweep, "--device", "cpu", "--no-plot").ExitCode);
        // Mark the finished T_L = 5 point: if it were recomputed, the mark would vanish.
        string pointJson = Path.Combine(dir, "points", "1", "point.json");
        string marked = File.ReadAllText(pointJson).Replace("\"wallSeconds\": \"", "\"wallSeconds\": \"777");
        File.WriteAllText(pointJson, marked);

        // The grid grows and reorders: T_L = 5 is now point 0, 3 is new, 2 is point 2.
        File.WriteAllText(sweep, $$"""{ "figure": "fig3", "base": {{Gtc.TinyBase}}, "grid": [ { "name": "particleBath.temperature", "values": [5, 3, 2] } ] }""");
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--no-plot");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("point 0/3 (particleBath.temperature=5): already done (points/1), skipped", r.Err);
        Assert.Contains("point 1/3 (particleBath.temperature=3): running", r.Err);
        Assert.Contains("point 2/3 (particleBath.temperature=2): already done (points/0), skipped", r.Err);
        Assert.Contains("1 points run, 2 already done", r.Err);

        var t = Table(dir);
        Assert.Equal([5.0, 3.0, 2.0], t.Rows.Select(x => x.Num("particleBath.temperature")));
        Assert.StartsWith("777", t.Rows[0].Text("wallSeconds"));
        Assert.Equal(["0", "1", "2"], t.Rows.Select(x => x.Text("index")));

        // A third start changes nothing and runs nothing.
        var again = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir, "--no-plot");
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Contains("0 points run, 3 already done", again.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "points.csv")), Table(dir).ToCsv());
    }

    [Fact]
    public void PlotRedrawsFromPointsCsvAlone()
    {
        string sweep = Gtc.SweepFile(TwoPoints("fig4a"));
        string dir = Path.Combine(Gtc.TempDir(), "out");
        Assert.Equal(0, Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir, "--no-plot").ExitCode);
        string only = Gtc.TempDir();
        File.Copy(Path.Combine(dir, "points.csv"), Path.Combine(only, "points.csv"));

        var r = Gtc.Run("plot", only);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(new FileInfo(Path.Combine(only, "fig4a.png")).Length > 1000);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(only, "fig4a.svg")));
        Assert.True(File.Exists(Path.Combine(only, "analysis.md")));
        Assert.Contains("| 1 | T_L = 5 |", r.Out);
        Assert.Equal(["analysis.md", "fig4a-above-TR.png", "fig4a-above-TR.svg", "fig4a-logx.png", "fig4a-logx.svg", "fig4a.png", "fig4a.svg", "points.csv"],
            Directory.GetFiles(only).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MeanForceAndProbeSweepsTabulateTheirOwnColumnsAndDraw()
    {
        string mf = Gtc.SweepFile("""
            { "figure": "fig2a",
              "base": { "model": "meanForce", "particleBath": { "epsilon": 0.001 }, "meanForce": { "positions": [-1000, 0, 1000] },
                        "numerics": { "burnInTime": 0.5, "measureTime": 1, "trajectories": 8, "particleSubsteps": 4 } },
              "grid": [ { "name": "particleBath.temperature", "values": [1, 5] } ] }
            """);
        string dir = Path.Combine(Gtc.TempDir(), "mf");
        var r = Gtc.Run("sweep", mf, "--device", "cpu", "--out", dir, "--quiet");
        Assert.True(r.ExitCode == 0, r.Err);
        var t = Table(dir);
        Assert.Equal(6, t.Rows.Count); // one row per (T_L, q)
        Assert.All(t.Rows, x => Assert.True(double.IsFinite(x.Num("exact")) && double.IsFinite(x.Num("force_err"))));
        Assert.True(File.Exists(Path.Combine(dir, "fig2a.svg")));

        string probe = Gtc.SweepFile("""
            { "figure": "fig2b",
              "base": { "model": "probe", "particleBath": { "epsilon": 0.357, "friction": 0.4 }, "probe": { "initialVelocity": 13.4, "sampleInterval": 0.2 },
                        "numerics": { "timeStep": 0.02, "measureTime": 6, "trajectories": 16 } },
              "grid": [ { "name": "particleBath.temperature", "values": [10, 20] } ], "autoSubsteps": 0.01 }
            """);
        string pdir = Path.Combine(Gtc.TempDir(), "probe");
        var p = Gtc.Run("sweep", probe, "--device", "cpu", "--out", pdir, "--quiet");
        Assert.True(p.ExitCode == 0, p.Err);
        var pt = Table(pdir);
        Assert.Equal(2, pt.Rows.Count);
        Assert.All(pt.Rows, x => Assert.True(x.Num("gammaL") > 0));
        Assert.True(pt.Rows.All(x => x.Num("numerics.particleSubsteps") >= 4), "autoSubsteps raised the substeps");
        Assert.True(File.Exists(Path.Combine(pdir, "fig2b-linear.png")));
    }

    [Theory]
    [InlineData("{ \"grid\": [ { \"name\": \"particleBath.temprature\", \"values\": [1] } ] }", "did you mean particleBath.temperature")]
    [InlineData("{ \"grid\": [ { \"name\": \"particleBath.temperature\", \"values\": [0.3, 2] } ] }", "sweep point 0 (particleBath.temperature=0.3)")]
    [InlineData("{ \"grid\": [ { \"name\": \"particleBath.temperature\", \"values\": [2, 50] } ] }", "numerics.particleSubsteps")]
    [InlineData("{ \"grid\": [ { \"name\": \"particleBath.temperature\", \"from\": 0, \"to\": 2, \"count\": 3, \"scale\": \"log\" } ] }", "log range needs from > 0")]
    [InlineData("{ \"grid\": [] }", "sweep.grid")]
    [InlineData("{ \"figure\": \"fig9\", \"grid\": [ { \"name\": \"chain.coupling\", \"values\": [1] } ] }", "sweep.figure")]
    [InlineData("{ \"base\": \"missing.json\", \"grid\": [ { \"name\": \"chain.coupling\", \"values\": [1] } ] }", "sweep.base")]
    [InlineData("{ \"base\": { \"chain\": { \"sites\": 0 } }, \"grid\": [ { \"name\": \"chain.coupling\", \"values\": [1] } ] }", "chain.sites")]
    [InlineData("{ \"grid\": [ { \"name\": \"model\", \"values\": [1] } ] }", "cannot be swept")]
    [InlineData("{ \"grid\": [ { \"name\": \"chain.coupling\", \"values\": [1] } ], \"colour\": 1 }", "sweep.colour")]
    [InlineData("{ \"grid\": [ { \"name\": \"chain.coupling\", \"values\": [1] } ", "not valid JSON")]
    [InlineData("{ \"estimator\": \"middle\", \"grid\": [ { \"name\": \"chain.coupling\", \"values\": [1] } ] }", "sweep.estimator")]
    [InlineData("{ \"grid\": [ { \"name\": \"chain.sites\", \"values\": [2.5] } ] }", "sweep.grid[0].values: chain.sites is an integer parameter: 2.5 is not a whole number")]
    [InlineData("{ \"grid\": [ { \"name\": \"chain.sites\", \"from\": 2, \"to\": 5, \"count\": 3 } ] }", "sweep.grid[0]: chain.sites is an integer parameter")]
    [InlineData("{ \"grid\": [ { \"name\": \"particleBath.temperature\", \"values\": [2, 5, 2] } ] }", "sweep.grid[0]: particleBath.temperature = 2 appears twice")]
    [InlineData("{ \"grids\": [ [ { \"name\": \"chain.coupling\", \"values\": [1] } ], [ { \"name\": \"chain.sites\", \"values\": [4, 4.0] } ] ] }", "sweep.grids[1][0]: chain.sites = 4 appears twice")]
    [InlineData("{ \"grid\": [ { \"name\": \"particleBath.temperature\", \"from\": 2, \"to\": 2, \"count\": 2 } ] }", "appears twice")]
    public void MalformedSweepExitsTwoNamesTheProblemAndWritesNothing(string json, string named)
    {
        string sweep = Gtc.SweepFile(json);
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Err);
        Assert.Contains(named, r.Err);
        Assert.False(Directory.Exists(dir));
        Assert.Equal(["sweep.json"], Directory.GetFiles(Path.GetDirectoryName(sweep)!).Select(Path.GetFileName));
    }

    [Fact]
    public void ChosenEstimatorIsTabulatedAsJWithItsZScores()
    {
        string sweep = Gtc.SweepFile($$"""{ "estimator": "leftBath", "base": {{Gtc.TinyBase}}, "grid": [ { "name": "particleBath.temperature", "values": [5] } ] }""");
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir, "--quiet", "--no-plot");
        Assert.True(r.ExitCode == 0, r.Err);
        var row = Table(dir).Rows.Single();
        Assert.Equal("leftBath", row.Text("estimator"));
        Assert.Equal(row.Num("leftBath"), row.Num("J"));
        Assert.Equal(row.Num("leftBath_err"), row.Num("J_err"));
        Assert.Equal((row.Num("J") - row.Num("markov")) / row.Num("J_err"), row.Num("z_markov"), 9);
    }

    [Fact]
    public void APointSharedByTwoGridsRunsOnceAndIsTabulatedUnderEach()
    {
        // Base T_L = 5, T_R = 0: the second grid's T_R = 0 point is the first grid's T_L = 5 point.
        string sweep = Gtc.SweepFile($$"""
            { "figure": "fig4b", "base": {{Gtc.TinyBase}},
              "grids": [ [ { "name": "particleBath.temperature", "values": [2, 5] } ], [ { "name": "langevinBath.temperature", "values": [0, 1] } ] ] }
            """);
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("point 2/4 (langevinBath.temperature=0): already done (points/1), skipped", r.Err);
        var t = Table(dir);
        Assert.Equal(["0", "1", "2", "3"], t.Rows.Select(x => x.Text("index")));
        Assert.Equal(["0", "0", "1", "1"], t.Rows.Select(x => x.Text("block")));
        Assert.Equal([2.0, 5.0, 0.0, 1.0], t.Rows.Select(x => x.Num("x")));
        Assert.Equal(t.Rows[1].Num("J"), t.Rows[2].Num("J"));
        Assert.True(File.Exists(Path.Combine(dir, "fig4b-vs-TL.png")));
        Assert.True(File.Exists(Path.Combine(dir, "fig4b-vs-TR.svg")));
    }

    [Fact]
    public void PlotOfAFolderWithoutPointsCsvExitsTwo()
    {
        var r = Gtc.Run("plot", Gtc.TempDir());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("points.csv", r.Err);
    }

    [Fact]
    public void RangesAreEvenlySpacedWithExactEnds()
    {
        Assert.Equal([1.0, 10.0, 100.0], SweepSpec.Range(1, 100, 3, log: true));
        Assert.Equal([0.0, 0.5, 1.0], SweepSpec.Range(0, 1, 3, log: false));
        var spec = SweepSpec.Parse("""{ "grids": [ [ { "name": "particleBath.temperature", "values": [1, 2] } ], [ { "name": "langevinBath.temperature", "from": 0, "to": 1, "count": 2 } ] ] }""", ".");
        var points = SweepPlan.Expand(spec);
        Assert.Equal(4, points.Count);
        Assert.Equal("langevinBath.temperature=1", points[3].Label);
        Assert.Equal(1, points[3].Block);
        Assert.Equal(double.Parse("1", CultureInfo.InvariantCulture), points[3].Config.Run.LangevinBath.Temperature);
    }
}
