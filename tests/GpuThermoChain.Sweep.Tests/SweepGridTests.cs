using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>A grid runs exactly the values it lists: integer parameters are not rounded, and no point is run twice.</summary>
public class SweepGridTests
{
    private static IReadOnlyList<double> Axis(string axis) =>
        SweepSpec.Parse($$"""{ "grid": [ {{axis}} ] }""", ".").Blocks[0].Axes[0].Values;

    [Fact]
    public void WholeValuesOfAnIntegerParameterRunAsGiven()
    {
        Assert.Equal([2.0, 4.0, 8.0], Axis("""{ "name": "chain.sites", "values": [2, 4, 8.0] }"""));
        Assert.Equal([2.0, 4.0, 6.0, 8.0], Axis("""{ "name": "chain.sites", "from": 2, "to": 8, "count": 4 }"""));
        Assert.Equal([1.0, 10.0, 100.0], Axis("""{ "name": "chain.sites", "from": 1, "to": 100, "count": 3, "scale": "log" }"""));
        var spec = SweepSpec.Parse("""{ "grid": [ { "name": "chain.sites", "values": [2, 3] } ] }""", ".");
        Assert.Equal([2, 3], SweepPlan.Expand(spec).Select(p => p.Config.Run.Chain.Sites));
    }

    [Theory]
    [InlineData("""{ "name": "chain.sites", "values": [2.5] }""", "2.5 is not a whole number")]
    [InlineData("""{ "name": "chain.sites", "values": [3, 2.0000001] }""", "2.0000001 is not a whole number")]
    [InlineData("""{ "name": "chain.sites", "from": 1, "to": 20, "count": 5 }""", "count 2 or 20")]
    [InlineData("""{ "name": "chain.sites", "from": 1.5, "to": 20, "count": 5 }""", "start and end at whole numbers")]
    [InlineData("""{ "name": "chain.sites", "from": 2, "to": 64, "count": 4, "scale": "log" }""", "not whole numbers")]
    [InlineData("""{ "name": "particleBath.friction", "values": [0.1, 0.2, 0.1] }""", "particleBath.friction = 0.1 appears twice")]
    public void NonWholeOrRepeatedValuesAreRefusedNamingTheAxis(string axis, string why)
    {
        var e = Assert.Throws<ConfigException>(() => Axis(axis));
        Assert.StartsWith("sweep.grid[0]", e.Parameter);
        Assert.Contains(why, e.Message);
    }
}
