using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Engine.Devices;
using Xunit.Abstractions;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// The time-step bias check (gtc run --bias-check) on a small full model (N = 2, N_b = 8 at N_b eps^2 = 0.4, T_L = 10,
/// zeta = 0.03, so tau_1 = 0.047; 20 time units measured after 10 of burn-in; fixed seed), run on <c>--device cpu</c>
/// (the check itself on the reference integrator), with the step rules left out so that a step can be too coarse.
/// Leimkuhler-Matthews at one substep, h = 0.21 tau_1 (forty times the step the validator allows it where the probe
/// moves), biases J by about 0.57 h / tau_1 = 12 % (docs/precision.md, "Particle scheme"). Its paired error is larger
/// than Euler-Maruyama's (its position carries half of each substep's normal, which the two runs draw differently,
/// an O(sqrt h) difference that does not accumulate but does not cancel either), so that case takes 512 trajectories:
/// halving the step then moves J by ~6 standard errors of the difference. Euler-Maruyama at h = 0.035 tau_1 (64
/// trajectories) moves J by less than the check resolves.
/// </summary>
public sealed class BiasCheckTests(SimdCpuDevice cpu, ITestOutputHelper output) : IClassFixture<SimdCpuDevice>
{
    private BiasCheckResult Check(ParticleScheme scheme, int substeps, int trajectories)
    {
        string m = trajectories.ToString(CultureInfo.InvariantCulture);
        var resolved = ConfigLoader.Parse(null, [
            "chain.sites=2", "particleBath.particles=8", "particleBath.epsilon=0.2236", "particleBath.temperature=10",
            "particleBath.friction=0.03", "numerics.particleScheme=" + ParticleSchemes.Name(scheme),
            "numerics.particleSubsteps=" + substeps.ToString(CultureInfo.InvariantCulture),
            "numerics.trajectories=" + m, "numerics.measureTime=20", "numerics.burnInTime=10", "numerics.seed=21"],
            "bias check test", checkNumerics: false);
        var outcome = SteadyStateRunner.Run(resolved, DeviceSet.Single(cpu.Device), SteadyStateOptions.Default with { BiasCheckTrajectories = trajectories });
        var check = outcome.Result.BiasCheck!;
        output.WriteLine($"{ParticleSchemes.Name(scheme)} S = {substeps}: {check.Text}");
        // The check's coarse run is the run itself (same trajectories, same noise), up to the SIMD engine's last bits.
        Assert.Equal(outcome.Result.Current.Value, check.Quoted.Coarse.Value, 1e-4 * Math.Abs(outcome.Result.Current.Value));
        return check;
    }

    /// <summary>
    /// The coarse step is detected: |z| &gt;= 3 (the check's own threshold, <see cref="BiasCheckResult.ResolvedZ"/>); with
    /// this seed z = -5.8, and at 64 and 256 trajectories z was -1.9 and -3.9, as 1/sqrt(n) predicts, so the expected z
    /// is about 5.5 and a miss would be a 2.5-sigma event. The verdict says too coarse.
    /// </summary>
    [Fact]
    public void DetectsACoarseParticleStep()
    {
        var check = Check(ParticleScheme.LeimkuhlerMatthews, 1, 512);
        Assert.True(Math.Abs(check.Quoted.Z) >= BiasCheckResult.ResolvedZ, check.Text);
        Assert.Equal(BiasVerdict.TooCoarse, check.Verdict);
    }

    /// <summary>
    /// A fine step passes: |z| below 3 (false alarm 0.3 % for an unbiased step; the bias left here is a small fraction
    /// of the paired error), and the verdict says fine enough: the bound on the bias is below the run's standard error.
    /// </summary>
    [Fact]
    public void PassesAFineParticleStep()
    {
        var check = Check(ParticleScheme.EulerMaruyama, 6, 64);
        Assert.True(Math.Abs(check.Quoted.Z) < BiasCheckResult.ResolvedZ, check.Text);
        Assert.Equal(BiasVerdict.FineEnough, check.Verdict);
    }
}
