using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>
/// A parameter added after sweeps were run enters a point's key (and so its derived seed) only away from the value that
/// does what runs did before it existed: a committed Euler-Maruyama sweep keeps its keys and seeds.
/// </summary>
public class SweepKeyTests
{
    [Fact]
    public void TheParticleSchemeEntersTheKeyOnlyWhenItChangesThePhysics()
    {
        string before = SweepPlan.Key(ConfigLoader.Parse(null, ["numerics.particleScheme=eulerMaruyama"]).Values);
        string lm = SweepPlan.Key(ConfigLoader.Parse(null, ["model=meanForce"]).Values);

        Assert.DoesNotContain("numerics.particleScheme", before);
        Assert.Contains("numerics.particleScheme=leimkuhlerMatthews\n", lm);
        // Every other parameter is keyed, less the ones at their "as before" value (burnInMaxTime at its default) and the
        // kernel layout, which is never keyed (it only says how a GPU carries a point out).
        string[] left = ["numerics.particleScheme", "numerics.burnInMaxTime", "numerics.kernelLayout"];
        var keyed = before.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..line.IndexOf('=')]);
        Assert.Equal(ParameterCatalog.All.Select(d => d.Name).Where(n => !left.Contains(n)), keyed);
    }
}
