using System.CommandLine;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Cli;

/// <summary>
/// <c>gtc sweep SWEEP.json --plan DIR --shards N</c>: instead of running the sweep, writes its points x shards as work
/// units for a job array (DIR/units.tsv, DIR/units/K/config.json, DIR/merges.tsv; see scripts/slurm/);
/// <c>gtc sweep SWEEP.json --collect DIR</c> gathers their merged results into the sweep's table and figures (SweepCommand).
/// </summary>
public sealed class SweepPlanOptions
{
    public Option<string?> Plan { get; } = new("--plan")
    {
        Description = "do not run: write the points x shards as work units into DIR (units.tsv: unit, point, shard, config, out; " +
                      "merges.tsv: the merges per point) for a job array, e.g. scripts/slurm/submit.sh",
    };

    public Option<int> Shards { get; } = new("--shards")
    {
        Description = "with --plan: shards per point (models full/effective; probe and meanForce points stay whole)",
        DefaultValueFactory = _ => 1,
    };

    public Option<string?> Collect { get; } = new("--collect")
    {
        Description = "do not run: assemble the sweep from a plan run on a cluster (PLAN/points/P/result.json, the merged shards) into " +
                      "DIR/points.csv, DIR/points/<index>/ and the figures, as a local run writes them; a missing point, or one from another " +
                      "config or gtc version, is refused (exit 2, nothing written)",
    };

    public void AddTo(Command c)
    {
        c.Options.Add(Plan);
        c.Options.Add(Shards);
        c.Options.Add(Collect);
        c.Validators.Add(v =>
        {
            if (v.GetResult(Plan) is not null && v.GetResult(Collect) is not null)
                v.AddError("--plan and --collect exclude each other: --plan writes the work units, --collect gathers their results");
            // Only a plan is cut into shards; a local run or a collect ignoring it would run or expect the wrong thing silently.
            if (v.GetResult(Shards) is { Implicit: false } && v.GetResult(Plan) is null)
                v.AddError("--shards needs --plan: shards are work units of a plan (gtc sweep SWEEP.json --plan DIR --shards N); a local sweep runs each point whole");
        });
    }

    /// <summary>The gtc sweep arguments a plan was written from (sweep file, --set), one a line, for collect.sbatch.</summary>
    public const string SweepArgsFile = "sweep.args";

    /// <summary>
    /// Writes the plan if --plan was given (true), else does nothing (false). <paramref name="sweepArgs"/> (the sweep file's
    /// full path and its --set options) go to PLAN/sweep.args, so that scripts/slurm/collect.sbatch can collect it;
    /// <paramref name="companion"/>, a file that must be in the plan before its units (gtc converge's sweep file), is
    /// written first, under the same lock.
    /// </summary>
    public bool TryWrite(ParseResult r, IReadOnlyList<SweepPoint> points, CliIO io, IReadOnlyList<string> sweepArgs,
        (string Name, string Text)? companion = null)
    {
        if (r.GetValue(Plan) is not { } planDir) return false;
        string dir = OutputFolder.Check(planDir, "--plan");
        using var held = FolderLock.Take(dir, "--plan");
        if (companion is { } file)
            OutputFolder.WriteFile(dir, file.Name, file.Text);
        var units = WorkUnits.Write(dir, points.Select(p => (p.Label, p.Config)).ToList(), r.GetValue(Shards));
        AtomicFile.WriteAllText(Path.Combine(dir, SweepArgsFile), string.Concat(sweepArgs.Select(a => a + "\n")));
        io.Err.WriteLine($"plan: {points.Count} points, {units.Count} work units in {Path.Combine(dir, WorkUnits.UnitsFile)}; " +
                         $"merges in {Path.Combine(dir, WorkUnits.MergesFile)}");
        io.Out.WriteLine(units.Count);
        return true;
    }
}
