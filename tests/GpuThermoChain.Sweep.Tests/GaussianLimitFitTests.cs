using GpuThermoChain.Config;
using GpuThermoChain.Engine.GaussianLimit;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>The 1/N_b fit and the study's plan, without running anything (deterministic).</summary>
public class GaussianLimitFitTests
{
    private static BathSizePoint P(int n, double j, double e = 1e-3) => new(n, j, e);

    [Fact]
    public void ExactLineIsRecoveredWithItsTruncation()
    {
        // J = 0.1 - 0.02 / N_b exactly: chi2 = 0, J_inf and c exact, truncation at N_b = 10 is -0.002.
        var fit = BathSizeFit.Of([P(10, 0.1 - 0.002), P(40, 0.1 - 0.0005), P(160, 0.1 - 0.000125)]);
        Assert.Null(fit.Quadratic);
        Assert.Equal(0.1, fit.Chosen.Limit, 12);
        Assert.Equal(-0.02, fit.Chosen.Coefficients[1], 10);
        Assert.Equal(0, fit.Chosen.ChiSquare, 12);
        Assert.Equal(1, fit.Chosen.Dof);
        var (t, te) = fit.Chosen.Truncation(10);
        Assert.Equal(-0.002, t, 12);
        Assert.True(te > 0);
        Assert.Equal(-0.02, fit.Chosen.RelativeTruncation(10).Value, 10);
    }

    [Fact]
    public void LimitErrorIsTheWeightedLeastSquaresOne()
    {
        // Two points, equal errors s: J_inf = (x2 J1 - x1 J2)/(x2 - x1), so var = s^2 (x1^2 + x2^2)/(x2 - x1)^2.
        double s = 2e-3, x1 = 1.0 / 10, x2 = 1.0 / 40;
        var fit = BathSizeFit.Of([P(10, 0.09, s), P(40, 0.1, s)]);
        Assert.Equal(s * Math.Sqrt(x1 * x1 + x2 * x2) / Math.Abs(x2 - x1), fit.Chosen.LimitStdErr, 12);
        Assert.Equal((x2 * 0.09 - x1 * 0.1) / (x2 - x1), fit.Chosen.Limit, 12);
    }

    [Fact]
    public void CurvatureIsKeptOnlyWhereThePointsShowIt()
    {
        int[] sizes = [2, 4, 8, 16, 32];
        // d = -0.05 against errors of 1e-4: the term is many standard errors from zero and must be kept.
        var curved = BathSizeFit.Of(sizes.Select(n => P(n, 0.1 - 0.02 / n - 0.05 / (n * (double)n), 1e-4)).ToList());
        Assert.True(curved.CurvatureNeeded, $"z_d = {curved.CurvatureZScore}");
        Assert.Equal(0.1, curved.Chosen.Limit, 9);
        Assert.Equal(-0.05, curved.Chosen.Coefficients[2], 7);
        // A straight line: d is 0 and the line is chosen.
        var straight = BathSizeFit.Of(sizes.Select(n => P(n, 0.1 - 0.02 / n, 1e-4)).ToList());
        Assert.False(straight.CurvatureNeeded);
        Assert.Same(straight.Linear, straight.Chosen);
        // The chi2 drop from adding the term is z_d^2 (nested weighted fits differing by one term).
        var wobbly = BathSizeFit.Of(sizes.Select((n, i) => P(n, 0.1 - 0.02 / n + (i % 2 == 0 ? 1e-4 : -1e-4), 1e-4)).ToList());
        Assert.Equal(wobbly.Linear.ChiSquare - wobbly.Quadratic!.ChiSquare, wobbly.CurvatureZScore * wobbly.CurvatureZScore, 6);
    }

    [Fact]
    public void PlanKeepsNbEps2AndGivesEveryPointItsOwnSeed()
    {
        var c = ConfigLoader.Parse(null, ["chain.sites=4", "particleBath.particles=10", "particleBath.epsilon=0.2", "numerics.trajectories=16"]);
        var plan = GaussianLimitPlan.Create(c, null);
        Assert.Equal([10, 40, 160], plan.BathSizes);
        foreach (var p in plan.Points)
        {
            var pb = p.Config.Run.ParticleBath;
            Assert.Equal(0.4, pb.Particles * pb.CouplingStrength * pb.CouplingStrength, 12);
            ConfigValidator.Validate(p.Config.Run); // every point passes the particle-step rules as it will run
        }
        Assert.Equal(0.2, plan.Points[0].Config.Run.ParticleBath.CouplingStrength);
        Assert.Equal(0.1, plan.Points[1].Config.Run.ParticleBath.CouplingStrength, 15);
        Assert.Equal(3, plan.Points.Select(p => p.Config.Run.Numerics.Seed).Distinct().Count());
        // The plan is an ordinary sweep file: it reads back as the same sweep.
        var again = Engine.Sweeps.SweepSpec.Parse(plan.SweepJson, Path.GetTempPath());
        Assert.Empty(Engine.Sweeps.SweepFolder.Differences(Engine.Sweeps.SweepFolder.Meaning(again), Engine.Sweeps.SweepFolder.Meaning(plan.Spec)));
    }

    [Fact]
    public void SubstepsAreRaisedWherePointWouldBeRefused()
    {
        // particleSubsteps = 1 at dt = 0.05 and T_L = 20 breaks the particle-step rule (h <= 0.1 tau_1): the study must
        // raise it at every point rather than run a point the validator refuses.
        var c = ConfigLoader.Parse(null, ["chain.sites=4", "particleBath.temperature=20", "numerics.timeStep=0.05",
            "numerics.particleSubsteps=2", "numerics.trajectories=16"], checkNumerics: false);
        var plan = GaussianLimitPlan.Create(c, [10, 20]);
        foreach (var p in plan.Points)
        {
            ConfigValidator.Validate(p.Config.Run);
            Assert.True(p.Config.Run.Numerics.ParticleSubsteps > 2);
        }
    }

    [Theory]
    [InlineData("model=effective", "model")]
    [InlineData("particleBath.epsilon=0", "particleBath.epsilon")]
    public void RefusesWhatHasNoBathToExtrapolate(string set, string parameter)
    {
        var c = ConfigLoader.Parse(null, [set, "numerics.trajectories=16"]);
        var e = Assert.Throws<ConfigException>(() => GaussianLimitPlan.Create(c, null));
        Assert.Equal(parameter, e.Parameter);
    }
}
