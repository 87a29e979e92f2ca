using System.Text.Json;
using GpuThermoChain.Cli.Tests;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>
/// Committed sweeps under runs/ are still recognised point by point: planning the sweep.json again gives, at every
/// committed point's index, the key (every resolved value, seed included) that point was made with. A setting that
/// changes how a point is carried out but is not part of its key (numerics.kernelLayout) must not move keys or the
/// per-point seeds drawn from them; a resumed sweep would otherwise rerun every point with new seeds. Checked on the
/// sweeps made with today's parameter set: the others under runs/ were made before meanForce.positions' default
/// became +-10 (their keys record the old +-2000), so they are no longer recognised whatever this test says.
/// </summary>
public class SweepKeyStabilityTests
{
    [Theory]
    [InlineData("runs/fig2a-mean-force", 4)]
    [InlineData("runs/low-TL-beyond-theory", 8)]
    public void CommittedSweepPointsKeepTheirKeysAndSeeds(string run, int expectedPoints)
    {
        var points = SweepPlan.Expand(SweepSpec.Load(CliHarness.RepoFile(run + "/sweep.json")));
        int checkedPoints = 0;
        foreach (string pointJson in Directory.GetFiles(CliHarness.RepoFile(run + "/points"), "point.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(pointJson));
            int index = doc.RootElement.GetProperty("index").GetInt32();
            Assert.True(index < points.Count, $"{pointJson}: index {index} is not in the plan");
            Assert.Equal(doc.RootElement.GetProperty("key").GetString(), points[index].Key);
            checkedPoints++;
        }
        Assert.Equal(expectedPoints, checkedPoints);
    }

    [Fact]
    public void TheKernelLayoutIsNotPartOfAPointsKey()
    {
        var auto = SweepPlan.Expand(SweepSpec.Load(CliHarness.RepoFile("runs/fig4a-TR10/sweep.json")));
        var lanes = SweepPlan.Expand(SweepSpec.Load(CliHarness.RepoFile("runs/fig4a-TR10/sweep.json")), ["numerics.kernelLayout=lanes8"]);
        Assert.Equal(auto.Select(p => p.Key), lanes.Select(p => p.Key));
        Assert.Equal("lanes8", lanes[0].Config.Run.Numerics.KernelLayout);
        Assert.DoesNotContain("kernelLayout", auto[0].Key);
    }
}
