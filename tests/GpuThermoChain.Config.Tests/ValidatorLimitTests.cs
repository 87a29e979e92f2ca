using GpuThermoChain.Config;

namespace GpuThermoChain.Config.Tests;

/// <summary>Limits the validator states in numbers: ensemble size, particle substeps, the mean-force well, config paths.</summary>
public class ValidatorLimitTests
{
    [Fact]
    public void AWholeRunIsLimitedByWhatMergeCanHold()
    {
        // Full and effective runs split over processes (--shard) and merge 3 + N accumulator slots per trajectory:
        // floor(2147483591 / 11) = 195225781 at N = 8.
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["numerics.trajectories=200000000"]));
        Assert.Equal("numerics.trajectories", e.Parameter);
        Assert.Contains("at most 195225781 trajectories", e.Message);
        Assert.Contains("11 accumulator slots", e.Message);
        Assert.Equal(100000000, ConfigLoader.Parse(null, ["numerics.trajectories=100000000"]).Run.Numerics.Trajectories);
        // 256 sites: 259 slots; floor(2147483591 / 259) = 8291442.
        var f = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["chain.sites=256", "numerics.trajectories=9000000"]));
        Assert.Contains("at most 8291442 trajectories", f.Message);
        Assert.Contains("259 accumulator slots", f.Message);
    }

    [Fact]
    public void OneProcessIsLimitedByItsWidestArray()
    {
        // 40 particles per trajectory: floor(2147483591 / 40) = 53687089, in whole blocks of 16: 53687088.
        var c = ConfigLoader.Parse(null, ["numerics.trajectories=100000000"]).Run;
        Assert.Equal(53687088, EnsembleSize.MaxTrajectories(c));
        var whole = Assert.Throws<ConfigException>(() => EnsembleSize.CheckProcess(c, 100000000, null));
        Assert.Equal("numerics.trajectories", whole.Parameter);
        Assert.Contains("at most 53687088 trajectories fit in one process", whole.Message);
        Assert.Contains("particleBath.particles = 40", whole.Message);
        Assert.Contains("--shard i/n, n >= 2", whole.Message);
        EnsembleSize.CheckProcess(c, 50000000, "0/2");
        var shard = Assert.Throws<ConfigException>(() => EnsembleSize.CheckProcess(c, 100000000, "0/1"));
        Assert.Equal("--shard", shard.Parameter);
        // Models that run in one process (meanForce, probe) meet that limit in the validator itself.
        var m = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["model=meanForce", "meanForce.positions=[0]", "numerics.trajectories=53687089"]));
        Assert.Contains("at most 53687088 trajectories", m.Message);
        // The effective model has no particles: only the 11 slots of N = 8 count.
        Assert.Equal(2147483591 / 11 / 16 * 16, EnsembleSize.MaxTrajectories(ConfigLoader.Parse(null, ["model=effective"]).Run));
    }

    [Fact]
    public void SubstepAdviceNeverExceedsTheAllowedRange()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["particleBath.temperature=1e30"]));
        Assert.Equal("numerics.particleSubsteps", e.Parameter);
        Assert.DoesNotContain("2147483647", e.Message);
        Assert.Contains("no allowed particleSubsteps (at most 1048576) is fine enough", e.Message);
        Assert.Contains("particleBath.temperature", e.Message);
        // Where a count in range suffices, it is named.
        var f = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["particleBath.temperature=500"]));
        Assert.Contains("use particleSubsteps >= 32", f.Message); // tau_1 = 0.1 * 625 / (4 pi^2 500) = 0.003166: 0.01 / 0.0003166 = 31.6
    }

    [Fact]
    public void ADirectoryGivenAsConfigIsCalledADirectory()
    {
        string dir = Directory.CreateTempSubdirectory("gtc-config-dir").FullName;
        try
        {
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir));
            Assert.Equal("config", e.Parameter);
            Assert.Contains("is a directory", e.Message);
            Assert.DoesNotContain("does not exist", e.Message);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void WellTimeFollowsFromTheCouplingsLargestCurvature()
    {
        // tau_q = zeta / (eps |q| a rho k^2), a = A e^rho / I0(rho), k = 2 pi / L; I0(2) = 2.2795853023360673.
        var pb = new ParticleBathParameters(40, 1e-3, 1, 2, 25, 0.1, 1);
        double k = 2 * Math.PI / 25, a = Math.Exp(2) / 2.2795853023360673;
        Assert.Equal(0.1 / (1e-3 * 2000 * a * 2 * k * k), MeanForceWell.RelaxationTime(pb, -2000), 1e-6);
        Assert.Equal(0.12210, MeanForceWell.RelaxationTime(pb, 2000), 4);
        Assert.True(double.IsPositiveInfinity(MeanForceWell.RelaxationTime(pb, 0)));
    }

    [Fact]
    public void MeanForceStepMustResolveTheDeepestWell()
    {
        // eps = 0.1, |q| = 2000: tau_q = 0.00122103, so dt = 0.01 needs 0.01 / (0.05 tau_q) = 163.8 -> 164 Euler-Maruyama substeps.
        string[] deep = ["model=meanForce", "meanForce.positions=[-2000, 0, 2000]", "numerics.particleScheme=eulerMaruyama"];
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, deep));
        Assert.Equal("meanForce.positions", e.Parameter);
        Assert.Contains("numerics.particleSubsteps >= 164", e.Message);
        Assert.Contains("meanForce.positions <= 12.2103", e.Message);
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, [.. deep, "numerics.particleSubsteps=163"]));
        ConfigLoader.Parse(null, [.. deep, "numerics.particleSubsteps=164"]);
        // Beyond the allowed substeps it says so instead of naming an impossible count.
        var far = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["model=meanForce", "meanForce.positions=[1e10]"]));
        Assert.Contains("no allowed numerics.particleSubsteps is fine enough", far.Message);
    }

    [Fact]
    public void LeimkuhlerMatthewsNeedsAFinerStepWhereTheProbeMoves()
    {
        // Full model, paper values: tau_1 = 0.1 * 625 / (4 pi^2 5) = 0.31663; 0.01 / (0.005 tau_1) = 6.3 -> 7 substeps.
        string[] lm = ["numerics.particleScheme=leimkuhlerMatthews"];
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, lm));
        Assert.Equal("numerics.particleSubsteps", e.Parameter);
        Assert.Contains("use particleSubsteps >= 7", e.Message);
        Assert.Contains("numerics.particleScheme = leimkuhlerMatthews", e.Message);
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, [.. lm, "numerics.particleSubsteps=6"]));
        ConfigLoader.Parse(null, [.. lm, "numerics.particleSubsteps=7"]);
        Assert.Equal(7, ConfigValidator.RequiredSubsteps(ConfigLoader.Parse(null, lm, checkNumerics: false).Run));
        // Euler-Maruyama (the default there) takes the paper's one substep; the meanForce model defaults to Leimkuhler-Matthews.
        Assert.Equal(ParticleScheme.EulerMaruyama, ConfigLoader.Parse(null, []).Run.Numerics.ParticleScheme);
        Assert.Equal(ParticleScheme.LeimkuhlerMatthews, ConfigLoader.Parse(null, ["model=meanForce"]).Run.Numerics.ParticleScheme);
        Assert.Equal(ParticleScheme.EulerMaruyama,
            ConfigLoader.Parse(null, ["model=meanForce", "numerics.particleScheme=eulerMaruyama"]).Run.Numerics.ParticleScheme);
    }

    [Fact]
    public void LeimkuhlerMatthewsMayTakeALongerStepInTheWell()
    {
        // Its limit is 0.15 tau_q: 0.01 / (0.15 * 0.00122103) = 54.6 -> 55 substeps at |q| = 2000.
        string[] deep = ["model=meanForce", "meanForce.positions=[-2000, 0, 2000]", "numerics.particleScheme=leimkuhlerMatthews"];
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, deep));
        Assert.Contains("numerics.particleSubsteps >= 55", e.Message);
        Assert.Contains("numerics.particleScheme = leimkuhlerMatthews", e.Message);
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, [.. deep, "numerics.particleSubsteps=54"]));
        ConfigLoader.Parse(null, [.. deep, "numerics.particleSubsteps=55"]);
        Assert.Equal(55, MeanForceWell.RequiredSubsteps(ConfigLoader.Parse(null, deep, checkNumerics: false).Run));
    }

    [Fact]
    public void MeanForceDefaultsPassAndFig2aStepsPass()
    {
        ConfigLoader.Parse(null, ["model=meanForce"]);
        // Fig. 2a (runs/fig2a-mean-force): eps = 1e-3, |q| <= 2000, dt = 0.01 / 32 substeps = 0.0026 tau_q.
        ConfigLoader.Parse(null, ["model=meanForce", "particleBath.epsilon=0.001", "meanForce.positions=[-2000, 2000]",
            "numerics.particleSubsteps=32", "particleBath.temperature=10"]);
    }
}
