using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Engine.Validation;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// Longer validation, off the default test run (trait Category=Validation; run by scripts/validate-long.sh):
/// the self-test at 16x the CI ensemble, and the full model against the memory-kernel theory where the Markov
/// theory fails (T_L = 2, 55 % off) and where it should hold (T_L = 20), plus the effective chain with a hot
/// right bath. Same tolerances as the CI checks (|z| &lt; 4; +1 % theory allowance for the order-eps^2 kernel).
/// </summary>
[Trait("Category", "Validation")]
public sealed class LongValidationTests(SimdCpuDevice cpu) : IClassFixture<SimdCpuDevice>
{
    private static readonly ValidationSize Big = new(Trajectories: 4096, MeasureTime: 200);

    [Fact]
    public void SelfTestAtSixteenTimesTheCiEnsemble()
    {
        foreach (var check in ValidationSuite.All(Big))
        {
            var c = check(cpu.Device);
            Assert.True(c.Passed, $"statistical check failed: {c.Name}: {c.Figure} (criterion {c.Criterion})");
        }
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(20.0)]
    public void FullModelFollowsTheMemoryKernelAcrossTemperatures(double bathTemperature)
    {
        var config = ConfigLoader.Parse(null, [
            "chain.sites=8", $"particleBath.temperature={bathTemperature.ToString(CultureInfo.InvariantCulture)}",
            "numerics.trajectories=4096", "numerics.measureTime=300", "numerics.burnInTime=30",
            "numerics.particleSubsteps=4", "numerics.seed=21"]);
        var r = SteadyStateRunner.Run(config, cpu.Device);
        var mk = r.Theory.Single(t => t.Name == "memoryKernel");
        double allowed = ValidationSuite.ZTolerance * r.Current.StdErr + ValidationSuite.MemoryKernelRelativeAllowance * mk.Value;
        Assert.True(Math.Abs(r.Current.Value - mk.Value) < allowed,
            $"statistical check failed at T_L = {bathTemperature}: J = {r.Current.Value:G6} +- {r.Current.StdErr:G2}, memory kernel {mk.Value:G6} (z = {mk.ZScore:F2})");
    }

    [Fact]
    public void EffectiveChainWithAHotRightBathMatchesItsExactDiscreteCurrent()
    {
        // T_R = 10 > T_L = 5: heat flows into the chain from the right (J < 0), as in Fig. 4a below T_R.
        var config = ConfigLoader.Parse(null, [
            "model=effective", "chain.sites=8", "particleBath.temperature=5", "langevinBath.temperature=10",
            "numerics.timeStep=0.1", "numerics.trajectories=4096", "numerics.measureTime=400", "numerics.seed=22"]);
        var r = SteadyStateRunner.Run(config, cpu.Device);
        var exact = r.Theory.Single(t => t.Name == "discreteScheme");
        Assert.True(exact.Value < 0);
        Assert.True(Math.Abs(exact.ZScore) < ValidationSuite.ZTolerance,
            $"statistical check failed: J = {r.Current.Value:G6} +- {r.Current.StdErr:G2}, exact discrete {exact.Value:G6} (z = {exact.ZScore:F2})");
    }
}
