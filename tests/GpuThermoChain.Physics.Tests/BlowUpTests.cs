using GpuThermoChain.Config;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Physics.Tests;

public class BlowUpTests(IlgpuCpuDevice cpu) : IClassFixture<IlgpuCpuDevice>
{
    [Fact]
    public void NonFiniteStateStopsTheRunNamingTrajectoryStepAndParameters()
    {
        // omega_max dt = 2 * 1.5 = 3 > 2: velocity Verlet is unstable and the chain grows geometrically.
        // The validator refuses this time step, so bypass it to make a real blow-up happen in the kernel.
        var config = ConfigLoader.Parse(null,
            ["model=effective", "chain.sites=4", "numerics.timeStep=1.5", "numerics.trajectories=8",
             "numerics.burnInTime=0", "numerics.measureTime=3000", "numerics.stepsPerLaunch=500"],
            checkNumerics: false);
        var e = Assert.Throws<SimulationBlowUpException>(() => SteadyStateRunner.Run(config, cpu.Device));
        Assert.Matches(@"trajectory \d+ blew up: its state was not finite at the end of step \d+", e.Message);
        Assert.Contains("dt=1.5", e.Message);
        Assert.Contains("seed=1", e.Message);
        Assert.Contains("No result was written", e.Message);
    }
}

public class LongChainTests(SimdCpuDevice cpu) : IClassFixture<SimdCpuDevice>
{
    /// <summary>
    /// At T_R = 0 the stationary covariance of a long chain is positive semidefinite only to rounding, so a plain
    /// Cholesky factorisation fails; the initial state must still be drawn (and the run finish) for both models.
    /// </summary>
    [Theory]
    [InlineData("full")]
    [InlineData("effective")]
    public void SixtyFourSitesAtZeroRightTemperatureStartFromTheTheoryState(string model)
    {
        var config = ConfigLoader.Parse(null,
            [$"model={model}", "chain.sites=64", "langevinBath.temperature=0", "numerics.initialState=theory",
             "numerics.trajectories=16", "numerics.burnInTime=0", "numerics.measureTime=1"]);
        var r = SteadyStateRunner.Run(config, cpu.Device);
        Assert.Equal(64, r.TemperatureProfile.Count);
        Assert.All(r.TemperatureProfile, e => Assert.True(double.IsFinite(e.Value) && e.Value > 0));
    }
}
