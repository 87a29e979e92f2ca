using System.CommandLine;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Results;

namespace GpuThermoChain.Cli;

/// <summary>
/// <c>gtc merge DIR... --out DIR</c>: combines the shards written by <c>gtc run --shard i/n</c> into the result of the
/// whole run (result.json in the format of <c>gtc run</c>), equal to the unsharded run's.
/// </summary>
public static class MergeCommand
{
    public static Command Create(CliIO io)
    {
        var inputs = new Argument<string[]>("shards")
        {
            Description = "folders written by 'gtc run --shard i/n --out FOLDER' (each holds shard.gtc), or the shard.gtc files; all n shards of one run",
            Arity = ArgumentArity.OneOrMore,
        };
        var outDir = new Option<string>("--out") { Description = "folder for the merged result.json (created if missing)", Required = true };
        var json = new Option<bool>("--json") { Description = "print the merged result JSON on stdout" };
        var quiet = new Option<bool>("--quiet") { Description = "no messages on stderr" };
        var cmd = new Command("merge",
            "Combine the shards of a run (gtc run --shard i/n) into its result: the per-trajectory accumulators are joined in trajectory " +
            "order and reduced as one run reduces them, so the result equals the unsharded run's. Shards of different configs, seeds or " +
            "gtc versions, and missing or repeated shards, are refused.");
        cmd.Arguments.Add(inputs);
        cmd.Options.Add(outDir);
        cmd.Options.Add(json);
        cmd.Options.Add(quiet);
        cmd.SetAction(r =>
        {
            string dir = OutputFolder.Check(r.GetValue(outDir)!);
            var shards = new List<(string, ShardFile)>();
            SteadyStateResult result;
            try
            {
                foreach (string input in r.GetValue(inputs) ?? [])
                {
                    string path = Directory.Exists(input) ? ShardFile.PathIn(input) : input;
                    shards.Add((input, ShardFile.Read(path)));
                }
                result = ShardMerger.Merge(shards);
            }
            catch (LongRunFileException e)
            {
                throw new ConfigException("merge", e.Message);
            }
            // Checked before anything is written, with the folder locked until the result is in it; the merge itself
            // reads only the shards.
            using var held = FolderLock.Take(dir, "--out");
            // A result.json beside an unfinished run's checkpoint would make that run look finished: it could no longer be resumed.
            if (File.Exists(Checkpoint.PathIn(dir)))
                throw new ConfigException("--out", $"'{dir}' holds the checkpoint of an unfinished run; resume it with 'gtc run --resume {dir}', or choose another folder");
            PreviousResult.Check(dir, RunIdentity.Canonical(result.Config));
            string text = SteadyStateJson.Write(result);
            // A result that cannot be written (disk full) is still printed, and the failure reported in one line.
            var failed = RunCommand.TryWrite(() =>
            {
                string written = OutputFolder.WriteFile(dir, "result.json", text);
                if (!r.GetValue(quiet)) io.Err.WriteLine($"merged {shards.Count} shards; wrote {written}");
            }, dir, "result.json");
            io.Out.Write(r.GetValue(json) ? text : RunSummary.SteadyState(result));
            return RunCommand.Finish(io, r, failed, r.GetValue(json) ? null : text);
        });
        return cmd;
    }
}
