using System.Globalization;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>
/// The cluster path of a sweep without Slurm: plan (2 points x 2 shards), run each unit as scripts/slurm/array.sbatch
/// does, merge as merge.sbatch does, then <c>gtc sweep --collect</c>; the table must be the local sweep's.
/// </summary>
public class SweepCollectTests
{
    private static string TwoPoints() =>
        $$"""{ "figure": "fig3", "base": {{Gtc.TinyBase}}, "grid": [ { "name": "particleBath.temperature", "values": [2, 5] } ] }""";

    private static PointsTable Table(string dir) => PointsTable.Parse(File.ReadAllText(Path.Combine(dir, "points.csv")));

    private static IEnumerable<string[]> Lines(string file) =>
        File.ReadAllLines(file).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t'));

    /// <summary>Plans the sweep into PLAN with <paramref name="shards"/> shards, runs every unit and every merge; returns PLAN.</summary>
    private static string RunPlan(string sweep, int shards)
    {
        string plan = Path.Combine(Gtc.TempDir(), "plan");
        var p = Gtc.Run("sweep", sweep, "--plan", plan, "--shards", shards.ToString(CultureInfo.InvariantCulture));
        Assert.True(p.ExitCode == 0, p.Err);
        foreach (var u in Lines(Path.Combine(plan, "units.tsv")))
        {
            // unit, point, shard, config, out, label: as array.sbatch (no --shard for 0/1).
            string[] args = u[2] == "0/1"
                ? ["run", u[3], "--out", u[4], "--device", "cpu", "--quiet"]
                : ["run", u[3], "--shard", u[2], "--out", u[4], "--device", "cpu", "--quiet"];
            var r = Gtc.Run(args);
            Assert.True(r.ExitCode == 0, $"unit {u[0]}: {r.Err}");
        }
        foreach (var m in Lines(Path.Combine(plan, "merges.tsv")))
        {
            // point, out, shard folders: as merge.sbatch.
            var r = Gtc.Run(["merge", .. m[2].Split(' '), "--out", m[1], "--quiet"]);
            Assert.True(r.ExitCode == 0, $"merge of point {m[0]}: {r.Err}");
        }
        return plan;
    }

    [Fact]
    public void CollectedClusterSweepEqualsTheLocalSweep()
    {
        string sweep = Gtc.SweepFile(TwoPoints());
        string plan = RunPlan(sweep, 2);
        Assert.Equal(4, Lines(Path.Combine(plan, "units.tsv")).Count());

        string collected = Path.Combine(Gtc.TempDir(), "collected");
        var c = Gtc.Run("sweep", sweep, "--collect", plan, "--out", collected);
        Assert.True(c.ExitCode == 0, c.Err);
        Assert.Contains("collected 2 points", c.Err);
        Assert.Contains("z memory kernel", c.Out);

        string local = Path.Combine(Gtc.TempDir(), "local");
        var l = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", local, "--quiet");
        Assert.True(l.ExitCode == 0, l.Err);

        var a = Table(local);
        var b = Table(collected);
        Assert.Equal(a.Columns, b.Columns);
        Assert.Equal(a.Rows.Count, b.Rows.Count);
        for (int i = 0; i < a.Rows.Count; i++)
        {
            foreach (string col in a.Columns)
            {
                if (col is "wallSeconds" or "device") continue; // timing, and "2 shards on ..."
                string x = a.Rows[i].Text(col), y = b.Rows[i].Text(col);
                if (double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out double dx) &&
                    double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out double dy))
                    Assert.True(Math.Abs(dx - dy) <= 1e-12 * Math.Abs(dx), $"row {i} {col}: local {x}, collected {y}");
                else
                    Assert.True(x == y, $"row {i} {col}: local '{x}', collected '{y}'");
            }
            Assert.True(a.Rows[i].Num("J_err") > 0);
            Assert.StartsWith("2 shards on ", b.Rows[i].Text("device"));
        }

        // Per-point results and the figures, as a local sweep leaves them.
        foreach (string i in new[] { "0", "1" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(plan, "points", i, "result.json")), File.ReadAllText(Path.Combine(collected, "points", i, "result.json")));
            Assert.True(File.Exists(Path.Combine(collected, "points", i, "point.json")));
        }
        foreach (string f in new[] { "fig3-linear", "fig3-loglog" })
        {
            Assert.True(new FileInfo(Path.Combine(collected, f + ".png")).Length > 1000, f);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(collected, f + ".svg")));
        }
        Assert.True(File.Exists(Path.Combine(collected, "analysis.md")));
        Assert.True(File.Exists(Path.Combine(collected, "sweep.json")));
        Assert.Contains("collectedFrom", File.ReadAllText(Path.Combine(collected, "sweep-run.json")));

        // The collected folder is a finished sweep: a local start there runs nothing.
        var again = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", collected, "--no-plot");
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Contains("0 points run, 2 already done", again.Err);
    }

    [Fact]
    public void CollectRefusesMissingOrForeignPointsAndWritesNothing()
    {
        string sweep = Gtc.SweepFile(TwoPoints());
        string plan = RunPlan(sweep, 2);
        string result1 = Path.Combine(plan, "points", "1", "result.json");
        string saved = File.ReadAllText(result1);
        string outDir = Path.Combine(Gtc.TempDir(), "collected");

        // A point whose merge did not run.
        File.Delete(result1);
        var r = Gtc.Run("sweep", sweep, "--collect", plan, "--out", outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("1 of 2 points cannot be collected, nothing written", r.Err);
        Assert.Contains("point 1 (particleBath.temperature=5): no merged result", r.Err);
        Assert.Contains("2 finished shards there", r.Err);
        Assert.DoesNotContain("point 0", r.Err);
        Assert.False(Directory.Exists(outDir));

        // A result made by another gtc version.
        File.WriteAllText(result1, System.Text.RegularExpressions.Regex.Replace(saved, "\"version\": \"[^\"]*\"", "\"version\": \"0.0.0-other\""));
        r = Gtc.Run("sweep", sweep, "--collect", plan, "--out", outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("point 1 (particleBath.temperature=5):", r.Err);
        Assert.Contains("made by gtc 0.0.0-other", r.Err);
        Assert.False(Directory.Exists(outDir));

        // Results of another config (the sweep collected with an extra --set): every point is named.
        File.WriteAllText(result1, saved);
        r = Gtc.Run("sweep", sweep, "--collect", plan, "--out", outDir, "--set", "numerics.trajectories=32");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("2 of 2 points cannot be collected", r.Err);
        Assert.Contains("point 0 (particleBath.temperature=2):", r.Err);
        Assert.Contains("comes from a different config: numerics.trajectories (32 vs 16)", r.Err);
        Assert.False(Directory.Exists(outDir));

        // Not a plan, and --plan with --collect.
        r = Gtc.Run("sweep", sweep, "--collect", Gtc.TempDir(), "--out", outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is not a plan", r.Err);
        r = Gtc.Run("sweep", sweep, "--collect", plan, "--plan", Gtc.TempDir(), "--out", outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.False(Directory.Exists(outDir));

        // Restored, it collects.
        r = Gtc.Run("sweep", sweep, "--collect", plan, "--out", outDir, "--no-plot", "--quiet");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(2, Table(outDir).Rows.Count);
    }
}
