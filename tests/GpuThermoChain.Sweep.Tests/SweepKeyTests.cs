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
        Assert.Equal(ParameterCatalog.All.Count - 1, before.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
