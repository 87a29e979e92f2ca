using System.CommandLine;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Cli;

/// <summary>
/// <c>gtc sweep SWEEP.json --plan DIR --shards N</c>: instead of running the sweep, writes its points x shards as work
/// units for a job array (DIR/units.tsv, DIR/units/K/config.json, DIR/merges.tsv; see scripts/slurm/).
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

    public void AddTo(Command c)
    {
        c.Options.Add(Plan);
        c.Options.Add(Shards);
    }

    /// <summary>Writes the plan if --plan was given (true), else does nothing (false).</summary>
    public bool TryWrite(ParseResult r, IReadOnlyList<SweepPoint> points, CliIO io)
    {
        if (r.GetValue(Plan) is not { } planDir) return false;
        string dir = OutputFolder.Check(planDir, "--plan");
        var units = WorkUnits.Write(dir, points.Select(p => (p.Label, p.Config)).ToList(), r.GetValue(Shards));
        io.Err.WriteLine($"plan: {points.Count} points, {units.Count} work units in {Path.Combine(dir, WorkUnits.UnitsFile)}; " +
                         $"merges in {Path.Combine(dir, WorkUnits.MergesFile)}");
        io.Out.WriteLine(units.Count);
        return true;
    }
}
