using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>A sweep point that fails its stationarity checks is marked in points.csv, analysis.md and the figures.</summary>
public class SteadyMarkingTests
{
    [Fact]
    public void PointsThatNeverBecomeStationaryAreMarkedEverywhereAndTheSweepExits3UnlessKept()
    {
        // The effective chain from rest with an automatic burn-in capped at 2 time units at T_L = 2 and 5 (64 trajectories,
        // 10 measured): the kinetic energy is still growing, far beyond the test's threshold (drift |t| in the tens).
        string sweep = Gtc.SweepFile("""
            { "figure": "fig3",
              "base": { "model": "effective", "chain": { "sites": 4 },
                        "numerics": { "burnInTime": "auto", "burnInMaxTime": 2, "initialState": "rest", "measureTime": 10, "trajectories": 64 } },
              "grid": [ { "name": "particleBath.temperature", "values": [2, 5] } ] }
            """);
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("did not pass their stationarity checks", r.Err);

        var t = PointsTable.Parse(File.ReadAllText(Path.Combine(dir, "points.csv")));
        Assert.All(t.Rows, row =>
        {
            Assert.Equal(PointRows.SteadyNo, row.Text("steady"));
            Assert.Contains("not stationary within burnInMaxTime = 2", row.Text("steadyNote"));
            Assert.Equal(2, row.Num("burnIn"), 9);
        });
        string analysis = File.ReadAllText(Path.Combine(dir, "analysis.md"));
        Assert.Contains("2 of 2 rows did not pass their stationarity checks", analysis);
        Assert.Contains("| **NO** |", analysis);
        // The cross is drawn (its legend entry is in the SVG).
        Assert.Contains("NOT STEADY", File.ReadAllText(Path.Combine(dir, "fig3-linear.svg")));

        // Kept: the same folder, every point already done, exit 0; the marking stays.
        var kept = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir, "--keep-unsteady", "--no-plot");
        Assert.True(kept.ExitCode == 0, kept.Err);
        Assert.Contains("did not pass", kept.Err);
    }

    [Fact]
    public void AShardedPlanRefusesAnAutomaticBurnInAndWritesNoUnits()
    {
        string sweep = Gtc.SweepFile("""
            { "base": { "model": "effective", "numerics": { "measureTime": 10, "trajectories": 64 } },
              "grid": [ { "name": "particleBath.temperature", "values": [2, 5] } ] }
            """);
        string plan = Path.Combine(Gtc.TempDir(), "plan");
        var r = Gtc.Run("sweep", sweep, "--plan", plan, "--shards", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("numerics.burnInTime", r.Err);
        Assert.False(File.Exists(Path.Combine(plan, "units.tsv")));
        // One shard per point measures its own burn-in as a whole run does: allowed.
        Assert.Equal(0, Gtc.Run("sweep", sweep, "--plan", plan, "--shards", "1").ExitCode);
    }

    [Fact]
    public void AFixedBurnInPointIsJudgedByItsEstimatorsAndAPassingOneIsMarkedYes()
    {
        string sweep = Gtc.SweepFile($$"""{ "figure": "fig3", "base": {{Gtc.TinyBase}}, "grid": [ { "name": "particleBath.temperature", "values": [5] } ] }""");
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir, "--no-plot");
        Assert.True(r.ExitCode == 0, r.Err);
        var row = PointsTable.Parse(File.ReadAllText(Path.Combine(dir, "points.csv"))).Rows.Single();
        Assert.Equal(PointRows.SteadyYes, row.Text("steady"));
        Assert.Equal(1, row.Num("burnIn"), 9);
    }
}
