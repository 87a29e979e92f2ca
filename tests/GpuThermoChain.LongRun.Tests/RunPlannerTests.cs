using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.LongRun.Tests;

/// <summary>
/// The decisions <c>gtc run</c> makes before a device opens (<see cref="RunPlanner"/>): which config and shard a resumed
/// run takes, and which options apply to which model. Each refusal names its option (exit 2 in the command).
/// </summary>
public class RunPlannerTests
{
    private static readonly string[] Sets = ["model=effective", "numerics.trajectories=64", "numerics.measureTime=20", "numerics.burnInTime=5", "numerics.seed=3"];

    private static ResolvedConfig Config(params string[] more) => ConfigLoader.Parse(null, [.. Sets, .. more], "test");

    /// <summary>A checkpoint of <see cref="Config"/>'s run (the state arrays do not matter to these decisions).</summary>
    private static Checkpoint CheckpointOf(ResolvedConfig config, ShardSpec shard, string? version = null)
    {
        var identity = RunIdentity.Of(config, shard);
        if (version is not null) identity = identity with { Version = version };
        return new Checkpoint(identity, 0, 32, 10, 100, 0, 1.0, "cpu", [], [], [], [], []);
    }

    [Fact]
    public void AResumedRunTakesTheCheckpointsConfigAndShard()
    {
        var shard = new ShardSpec(1, 2);
        var (config, resumedShard) = RunPlanner.Resume(CheckpointOf(Config(), shard), "dir", given: null, shard: null);
        Assert.Equal(RunIdentity.Canonical(Config()), RunIdentity.Canonical(config));
        Assert.Equal(shard, resumedShard);
    }

    /// <summary>A given config may differ in result-neutral settings only; the run then takes it (its stepsPerLaunch).</summary>
    [Fact]
    public void AResumedRunTakesAGivenConfigThatDiffersOnlyInResultNeutralSettings()
    {
        var given = Config("numerics.stepsPerLaunch=7");
        var (config, shard) = RunPlanner.Resume(CheckpointOf(Config(), ShardSpec.Whole), "dir", given, new ShardSpec(0, 1));
        Assert.Equal(7, config.Run.Numerics.StepsPerLaunch);
        Assert.Equal(ShardSpec.Whole, shard);
    }

    [Fact]
    public void AResumeIsRefusedForAnotherVersionOtherParametersOrAnotherShard()
    {
        var version = Assert.Throws<ConfigException>(() =>
            RunPlanner.Resume(CheckpointOf(Config(), ShardSpec.Whole, version: "0.0.0+other"), "dir", null, null));
        Assert.Equal("--resume", version.Parameter);
        Assert.Contains("written by gtc 0.0.0+other", version.Message);

        var parameters = Assert.Throws<ConfigException>(() =>
            RunPlanner.Resume(CheckpointOf(Config(), ShardSpec.Whole), "dir", Config("numerics.seed=4"), null));
        Assert.Equal("--resume", parameters.Parameter);
        Assert.Contains("numerics.seed", parameters.Message);

        var shard = Assert.Throws<ConfigException>(() =>
            RunPlanner.Resume(CheckpointOf(Config(), new ShardSpec(1, 2)), "dir", null, new ShardSpec(0, 2)));
        Assert.Equal("--shard", shard.Parameter);
    }

    /// <summary>Checkpoints, resume, shards and several devices are for the steady-state models only.</summary>
    [Theory]
    [InlineData("probe")]
    [InlineData("meanForce")]
    public void TheLongRunOptionsAreRefusedForTheOtherModels(string model)
    {
        var c = Config("model=" + model);
        RunRequest[] requests =
        [
            new() { Folder = "out", CheckpointEvery = CheckpointInterval.Parse("1m") },
            new() { Folder = "out", Shard = new ShardSpec(0, 2) },
            new() { Folder = "out", Resumes = true },
            new() { SeveralDevices = true },
        ];
        foreach (var request in requests)
            Assert.Equal("model", Assert.Throws<ConfigException>(() => RunPlanner.Plan(c, request)).Parameter);
    }

    [Fact]
    public void CheckpointsAndShardsNeedAFolder()
    {
        Assert.Equal("--checkpoint-every", Assert.Throws<ConfigException>(() =>
            RunPlanner.Plan(Config(), new RunRequest { CheckpointEvery = CheckpointInterval.Parse("1m") })).Parameter);
        Assert.Equal("--shard", Assert.Throws<ConfigException>(() =>
            RunPlanner.Plan(Config(), new RunRequest { Shard = new ShardSpec(0, 2) })).Parameter);
    }

    [Fact]
    public void TheBiasCheckRunsOnTheWholeRunAndItsSizeNeedsIt()
    {
        string folder = Directory.CreateTempSubdirectory("gtc-plan").FullName;
        try
        {
            Assert.Equal("--bias-check", Assert.Throws<ConfigException>(() =>
                RunPlanner.Plan(Config(), new RunRequest { Folder = folder, Shard = new ShardSpec(0, 2), BiasCheck = true })).Parameter);
            Assert.Equal("--bias-check-trajectories", Assert.Throws<ConfigException>(() =>
                RunPlanner.Plan(Config(), new RunRequest { BiasCheckTrajectories = 8 })).Parameter);
            Assert.Equal("--bias-check", Assert.Throws<ConfigException>(() =>
                RunPlanner.Plan(Config("model=probe"), new RunRequest { BiasCheck = true })).Parameter);
            Assert.Equal(16, RunPlanner.Plan(Config(), new RunRequest { BiasCheck = true, BiasCheckTrajectories = 16 }).BiasCheckTrajectories);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void APlainRunIsTheWholeRunWithoutABiasCheck()
    {
        var plan = RunPlanner.Plan(Config(), new RunRequest());
        Assert.Equal(new RunPlan(ShardSpec.Whole, SteadyState: true, BiasCheckTrajectories: null), plan);
        Assert.False(RunPlanner.Plan(Config("model=meanForce"), new RunRequest()).SteadyState);
        Assert.Equal(new ShardSpec(1, 2), RunPlanner.Plan(Config(), new RunRequest { Folder = Path.GetTempPath(), Shard = new ShardSpec(1, 2) }).Shard);
    }

    /// <summary>A steady-state shard must hold trajectories (the preflight runs before any device opens).</summary>
    [Fact]
    public void AnEmptyShardIsRefused()
    {
        var e = Assert.Throws<ConfigException>(() =>
            RunPlanner.Plan(Config("numerics.trajectories=2"), new RunRequest { Folder = Path.GetTempPath(), Shard = new ShardSpec(0, 4) }));
        Assert.Equal("--shard", e.Parameter);
    }

    [Fact]
    public void AFreshRunRefusesAFolderHoldingAnUnfinishedRunsCheckpoint()
    {
        string folder = Directory.CreateTempSubdirectory("gtc-plan").FullName;
        try
        {
            RunPlanner.CheckFreshFolder(folder);
            File.WriteAllText(Checkpoint.PathIn(folder), "");
            Assert.Equal("--out", Assert.Throws<ConfigException>(() => RunPlanner.CheckFreshFolder(folder)).Parameter);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
