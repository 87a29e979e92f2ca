using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>
/// A sweep's output folder belongs to one sweep: another sweep (or another file called sweep.json) is refused before
/// anything runs, and nothing a finished point left there is overwritten or orphaned; the same sweep resumes there.
/// </summary>
public class SweepFolderTests
{
    private static string Grid(params double[] tl) =>
        $$"""{ "figure": "fig3", "base": {{Gtc.TinyBase}}, "grid": [ { "name": "particleBath.temperature", "values": [{{string.Join(", ", tl)}}] } ] }""";

    /// <summary>Every file under <paramref name="dir"/> with its bytes, to prove a refused command changed nothing.</summary>
    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    private static PointsTable Table(string dir) => PointsTable.Parse(File.ReadAllText(Path.Combine(dir, "points.csv")));

    [Fact]
    public void DefaultOutDoesNotOverwriteTheUsersOwnSweepJsonBesideTheSweepFile()
    {
        string dir = Gtc.TempDir();
        File.WriteAllText(Path.Combine(dir, "sweep.json"), Grid(2, 5));
        string small = Path.Combine(dir, "small.json");
        File.WriteAllText(small, Grid(7));
        var before = Snapshot(dir);

        var r = Gtc.Run("sweep", small, "--device", "cpu", "--quiet", "--no-plot");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --out:", r.Err);
        Assert.Contains(Path.Combine(dir, "sweep.json"), r.Err);
        Assert.Contains("another sweep", r.Err);
        Assert.Equal(before, Snapshot(dir));
    }

    [Fact]
    public void ASecondSweepIntoTheFolderOfAFirstIsRefusedAndChangesNothing()
    {
        string outDir = Path.Combine(Gtc.TempDir(), "out");
        Assert.Equal(0, Gtc.Run("sweep", Gtc.SweepFile(Grid(2, 5, 10)), "--device", "cpu", "--out", outDir, "--quiet", "--no-plot").ExitCode);
        var before = Snapshot(outDir);

        string second = Gtc.SweepFile(Grid(5, 7));
        foreach (string[] extra in new[] { new[] { "--no-plot" }, Array.Empty<string>() })
        {
            var r = Gtc.Run(["sweep", second, "--device", "cpu", "--out", outDir, "--quiet", .. extra]);
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith("error: --out:", r.Err);
            Assert.Contains("particleBath.temperature", r.Err); // says how the sweeps differ
            Assert.Equal(before, Snapshot(outDir));
        }

        // --collect into it is refused the same way, before the plan is even looked at.
        var c = Gtc.Run("sweep", second, "--collect", Gtc.TempDir(), "--out", outDir);
        Assert.Equal(2, c.ExitCode);
        Assert.StartsWith("error: --out:", c.Err);
        Assert.Equal(before, Snapshot(outDir));
    }

    [Fact]
    public void TheSameSweepWrittenDifferentlyResumesInItsFolder()
    {
        string first = Gtc.SweepFile(Grid(2, 5));
        string outDir = Path.Combine(Gtc.TempDir(), "out");
        Assert.Equal(0, Gtc.Run("sweep", first, "--device", "cpu", "--out", outDir, "--quiet", "--no-plot").ExitCode);
        // An interrupted sweep: the second point never finished.
        Directory.Delete(Path.Combine(outDir, "points", "1"), recursive: true);

        // Same meaning, other layout, comments and key order: the same sweep.
        string same = Gtc.SweepFile($$"""
            // the same two points
            { "grid": [ { "values": [2.0, 5], "name": "particleBath.temperature" } ],
              "base": {{Gtc.TinyBase}},
              "figure": "fig3" }
            """);
        var r = Gtc.Run("sweep", same, "--device", "cpu", "--out", outDir, "--no-plot");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("1 points run, 1 already done", r.Err);
        Assert.Equal([2.0, 5.0], Table(outDir).Rows.Select(x => x.Num("particleBath.temperature")));
    }

    [Fact]
    public void ASweepThatWouldDropFinishedPointsIsRefusedEvenWhenItsSweepJsonIsEditedInPlace()
    {
        string dir = Gtc.TempDir();
        string sweep = Path.Combine(dir, "sweep.json");
        File.WriteAllText(sweep, Grid(2, 5, 10));
        Assert.Equal(0, Gtc.Run("sweep", sweep, "--device", "cpu", "--quiet", "--no-plot").ExitCode);

        File.WriteAllText(sweep, Grid(5, 7));
        var before = Snapshot(dir);
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--quiet", "--no-plot");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --out:", r.Err);
        Assert.Contains("points/0 (particleBath.temperature=2)", r.Err);
        Assert.Contains("points/2 (particleBath.temperature=10)", r.Err);
        Assert.Equal(before, Snapshot(dir));

        // The same with another --set: its points are other points, so the finished ones would be lost.
        File.WriteAllText(sweep, Grid(2, 5, 10));
        r = Gtc.Run("sweep", sweep, "--device", "cpu", "--quiet", "--no-plot", "--set", "numerics.trajectories=32");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("3 finished points", r.Err);
    }

    [Fact]
    public void AGridExtendedInPlaceKeepsEveryFinishedPointAndLeavesNoStrayFolders()
    {
        string dir = Gtc.TempDir();
        string sweep = Path.Combine(dir, "sweep.json");
        File.WriteAllText(sweep, Grid(2, 5));
        Assert.Equal(0, Gtc.Run("sweep", sweep, "--device", "cpu", "--quiet").ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "analysis.md")));
        var old = Table(dir).Rows.ToDictionary(x => x.Text("particleBath.temperature"), x => x.Text("J"));

        File.WriteAllText(sweep, Grid(5, 3, 2));
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--no-plot");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("1 points run, 2 already done", r.Err);
        var t = Table(dir);
        Assert.Equal(old["5"], t.Rows[0].Text("J"));
        Assert.Equal(old["2"], t.Rows[2].Text("J"));
        // Each index folder holds its own point, and nothing else is left under points/.
        Assert.Equal(["0", "1", "2"], Directory.GetDirectories(Path.Combine(dir, "points")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (int i = 0; i < 3; i++)
        {
            string pj = File.ReadAllText(Path.Combine(dir, "points", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "point.json"));
            Assert.Contains($"particleBath.temperature={t.Rows[i].Text("particleBath.temperature")}\\n", pj);
        }
        // The figures and analysis drawn from the earlier table are now stale: it says so, and how to redraw them.
        Assert.Contains($"gtc plot {dir}", r.Err);
    }
}
