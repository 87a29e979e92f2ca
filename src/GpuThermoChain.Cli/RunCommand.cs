using System.CommandLine;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.GaussianLimit;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Cli;

/// <summary><c>gtc run</c>: simulate an ensemble for any model, write DIR/result.json, print a summary (or the JSON).</summary>
public static class RunCommand
{
    public static Command Create(CliIO io)
    {
        var config = new ConfigOptions();
        var device = DeviceOption.Create();
        device.Description = "accelerator: auto (CUDA, then OpenCL, then CPU), cpu, ilgpu-cpu, cuda, opencl, optionally KIND:INDEX; " +
                             "for models full/effective also several, splitting the trajectories: KIND:all (cuda:all), a list (cuda:0,1; ilgpu-cpu,cpu)";
        var outDir = new Option<string?>("--out") { Description = "folder for result.json (created if missing); checkpoints and shard files go there too" };
        var json = new Option<bool>("--json") { Description = "print the result JSON on stdout" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on stderr" };
        var checkpointEvery = new Option<string?>("--checkpoint-every")
        {
            Description = $"save the whole ensemble state to OUT/checkpoint every INTERVAL, {CheckpointInterval.Syntax}, at the next chunk " +
                          "boundary (numerics.stepsPerLaunch steps). With --out, SIGINT/SIGTERM/SIGHUP save one too (within about a second) and exit 130/143/129. Needs --out. Models full/effective.",
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "continue the run whose checkpoint is in DIR (DIR/checkpoint), with its own config, seed and shard; " +
                          "the result equals an uninterrupted run's. The result goes to DIR.",
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "run shard i/n only: trajectories [i M/n, (i+1) M/n) with the noise they have in the whole run; writes " +
                          "OUT/shard.gtc (per-trajectory accumulators) and OUT/shard-result.json. Combine with 'gtc merge'. Needs --out.",
        };
        var keepUnsteady = new Option<bool>("--keep-unsteady")
        {
            Description = "with numerics.burnInTime=auto (the default): when the ensemble has not tested stationary by numerics.burnInMaxTime, " +
                          "measure anyway and write the result marked unsteady (exit 0); without it such a run stops there and exits " + ExitCodes.NotStationary,
        };
        var truncation = new Option<string?>("--truncation")
        {
            Description = "the converge.json (or folder) of a Gaussian-limit study of the same physical parameters (gtc converge): its measured " +
                          "truncation of the memory-kernel theory is set beside the result, with J's z against theory + truncation (model full)",
        };
        var biasCheck = new Option<bool>("--bias-check")
        {
            Description = "after the run, repeat a subset of its trajectories at the run's step and at half the chain step and half the particle " +
                          "substep with the same noise (Brownian-bridge refinement), and report the change in J against its paired standard error: " +
                          "whether the step is fine enough for the precision reached (models full/effective; runs on the ILGPU device, or the " +
                          "reference integrator for --device cpu; costs 3 x the subset's share of the run's steps)",
        };
        var biasCheckSize = new Option<int?>("--bias-check-trajectories")
        {
            Description = $"trajectories of the bias check (default: min(numerics.trajectories, {BiasCheckRunner.DefaultTrajectories}))",
        };
        var cmd = new Command("run", "Simulate the ensemble for a configuration and measure, with standard errors and theory: the heat current (model full, effective), the released probe's relaxation (probe), or the mean force on a frozen probe (meanForce).");
        config.AddTo(cmd);
        cmd.Options.Add(device);
        cmd.Options.Add(outDir);
        cmd.Options.Add(json);
        cmd.Options.Add(quiet);
        cmd.Options.Add(checkpointEvery);
        cmd.Options.Add(resume);
        cmd.Options.Add(shard);
        cmd.Options.Add(keepUnsteady);
        cmd.Options.Add(truncation);
        cmd.Options.Add(biasCheck);
        cmd.Options.Add(biasCheckSize);
        cmd.SetAction(r =>
        {
            // The output folder is locked from its checks to the last file written (FolderLock), so a second gtc
            // writing there is refused rather than overwriting this run's result or checkpoint.
            FolderLock? held = null;
            try
            {
                return Act(r, ref held);
            }
            finally
            {
                held?.Dispose();
            }
        });
        return cmd;

        int Act(ParseResult r, ref FolderLock? held)
        {
            bool isQuiet = r.GetValue(quiet);
            var selection = DeviceSelection.Parse(r.GetValue(device) ?? "auto");
            var every = r.GetValue(checkpointEvery) is { } ce ? CheckpointInterval.Parse(ce) : null;
            var shardSpec = r.GetValue(shard) is { } sh ? ShardSpec.Parse(sh) : null;
            string? dir = r.GetValue(outDir) is { } o ? OutputFolder.Check(o) : null;
            Checkpoint? checkpoint = null;
            ResolvedConfig resolved;
            if (r.GetValue(resume) is { } resumeDir)
            {
                string rd = OutputFolder.Check(resumeDir, "--resume");
                if (dir is not null && dir != rd)
                    throw new ConfigException("--out", $"a resumed run writes to its own folder '{rd}'; leave --out out (or give the same folder)");
                dir = rd;
                held = FolderLock.Take(rd, "--resume");
                checkpoint = Checkpoint.ReadToResume(Checkpoint.PathIn(rd));
                bool configGiven = r.GetValue(config.Path) is not null || (r.GetValue(config.Set)?.Length ?? 0) > 0;
                (resolved, shardSpec) = RunPlanner.Resume(checkpoint, rd, configGiven ? config.Load(r) : null, shardSpec);
            }
            else
            {
                resolved = config.Load(r);
                if (dir is not null) held = FolderLock.Take(dir, "--out");
                if (dir is not null) RunPlanner.CheckFreshFolder(dir);
            }
            var study = r.GetValue(truncation) is { } tf ? TruncationStudy.ReadFor(tf, resolved) : null;
            var plan = RunPlanner.Plan(resolved, new RunRequest
            {
                SeveralDevices = !selection.IsSingle,
                Folder = dir,
                CheckpointEvery = every,
                Shard = shardSpec,
                Resumes = checkpoint is not null,
                BiasCheck = r.GetValue(biasCheck),
                BiasCheckTrajectories = r.GetValue(biasCheckSize),
            });
            if (dir is not null && (plan.Shard.IsWhole ? PreviousResult.Check(dir, RunIdentity.Canonical(resolved))
                                                       : PreviousResult.Check(dir, RunIdentity.Canonical(resolved), fileName: "shard-result.json")) is { } replaced && !isQuiet)
                io.Err.WriteLine($"note: {replaced} holds an earlier result of this same run; it will be replaced");
            // Shard files of another run or another shard would be replaced without a word, and the merge fail later.
            if (dir is not null && PreviousResult.CheckShard(dir, RunIdentity.Canonical(resolved), plan.Shard) is { } replacedShard && !isQuiet)
                io.Err.WriteLine($"note: {replacedShard} holds shard {plan.Shard} of this same run; it will be replaced");
            if (resolved.Run.Model == ModelKind.Probe && ProbeRunner.LinearResponseWarning(resolved.Run) is { } outside)
                io.Err.WriteLine("warning: outside the theory's range of validity: " + outside);
            var progress = new ProgressPrinter(io.Err, isQuiet);
            if (!isQuiet && resolved.Run.Model != ModelKind.Probe)
                foreach (string rounding in StepPlan.From(resolved.Run.Numerics).Roundings(resolved.Run.Numerics))
                    io.Err.WriteLine("note: " + rounding);

            if (!plan.SteadyState)
            {
                using var dev = ComputeDevice.Open(selection.Specs[0]);
                if (!isQuiet) io.Err.WriteLine($"device: {dev.DescribeWith(SingleDeviceLayout.Of(dev, resolved.Run))}");
                string text, summary;
                bool steadyResult = true;
                if (resolved.Run.Model == ModelKind.Probe)
                {
                    var pr = ProbeRunner.Run(resolved, dev, progress.Report);
                    (text, summary) = (ProbeJson.Write(pr), RunSummary.Probe(pr));
                }
                else
                {
                    var mf = MeanForceRunner.Run(resolved, dev, progress.Report);
                    (text, summary, steadyResult) = (MeanForceJson.Write(mf), RunSummary.MeanForce(mf), mf.Steady);
                }
                if (!steadyResult && !r.GetValue(keepUnsteady))
                {
                    io.Out.Write(summary);
                    io.Err.WriteLine("gtc run: the bath did not test stationary within numerics.burnInMaxTime at every position (UNSTEADY above): " +
                                     "raise numerics.burnInMaxTime. No result was written; rerun with --keep-unsteady to keep such a result, marked.");
                    return ExitCodes.NotStationary;
                }
                var unwritten = TryWrite(() => WriteResult(io, dir, "result.json", text, isQuiet), dir, "result.json");
                io.Out.Write(r.GetValue(json) ? text : summary);
                return Finish(io, r, unwritten, r.GetValue(json) ? null : text);
            }

            using var devices = DeviceSet.Open(selection);
            // The layouts the run will use (refusing one a device cannot run before any step), as the result records them.
            string deviceText = devices.DescribeWith(SteadyStateRunner.ChooseLayouts(resolved, devices, plan.Shard, checkpoint));
            if (!isQuiet) io.Err.WriteLine($"device: {deviceText}");
            if (checkpoint is not null && !isQuiet)
                io.Err.WriteLine($"resuming from {Checkpoint.PathIn(dir!)} at step {checkpoint.StepsDone} of {checkpoint.TotalSteps}");
            // Engines differ in the last bits of their float transcendentals: the resumed result is then as valid
            // statistically, but no longer bit-equal to an uninterrupted run on either engine.
            if (checkpoint is not null && checkpoint.Device != deviceText)
                io.Err.WriteLine($"warning: the checkpoint was written on '{checkpoint.Device}' and resumes on '{deviceText}'; " +
                                 "the result will not be bit-identical to an uninterrupted run on either");
            using var stop = new StopSignals(canSave: dir is not null);
            var options = new SteadyStateOptions
            {
                Shard = plan.Shard,
                Resume = checkpoint,
                CheckpointPath = dir is not null ? Checkpoint.PathIn(dir) : null,
                CheckpointEvery = every,
                StopRequested = () => stop.Requested is not null,
                Stop = stop.Token,
                Theory = new GpuThermoChain.Theory.TheoryWork(stop.Token, progress.Theory),
                CheckpointSaved = isQuiet ? null : (steps, path) => progress.Note($"checkpoint saved after {steps} steps: {path}"),
                StopIfUnsteady = !r.GetValue(keepUnsteady),
                BiasCheckTrajectories = plan.BiasCheckTrajectories,
            };
            SteadyStateOutcome outcome;
            try
            {
                outcome = SteadyStateRunner.Run(resolved, devices, options, progress.Report);
            }
            catch (NotStationaryException e)
            {
                io.Err.WriteLine();
                io.Err.WriteLine($"gtc run: the ensemble did not test stationary within numerics.burnInMaxTime = {e.Report.MaxTime:G6}: " +
                                 $"{e.Report.Advice()}. No result was written; {e.Report.Describe(resolved.Run.Numerics.TimeStep)}");
                io.Err.WriteLine(e.CheckpointPath is not null
                    ? $"To measure anyway (the result marked unsteady), without repeating the burn-in: gtc run --resume {dir} --keep-unsteady"
                    : "To measure anyway, with the result marked unsteady: rerun with --keep-unsteady");
                io.Out.Write(RunSummary.BurnInStages(e.Report, resolved.Run.Numerics.TimeStep));
                return ExitCodes.NotStationary;
            }
            catch (RunInterruptedException e)
            {
                string signal = stop.Requested ?? "a stop request";
                io.Err.WriteLine();
                io.Err.WriteLine(e.StepsDone == 0 && e.CheckpointPath is null
                    ? $"gtc run: stopped by {signal} while computing the theory, before any step; nothing to save"
                    : e.CheckpointPath is not null
                    ? $"gtc run: stopped by {signal} after {e.StepsDone} of {e.TotalSteps} steps; checkpoint saved in {e.CheckpointPath}. " +
                      $"Resume with: gtc run --resume {dir}"
                    : $"gtc run: stopped by {signal} after {e.StepsDone} of {e.TotalSteps} steps; nothing saved (no --out)");
                return stop.ExitCode;
            }
            var result = outcome.Result;
            string json0 = SteadyStateJson.Write(result, study);
            OutputFileException? failed;
            if (plan.Shard.IsWhole)
            {
                failed = TryWrite(() => WriteResult(io, dir, "result.json", json0, isQuiet), dir, "result.json");
            }
            else
            {
                failed = TryWrite(() => outcome.ToShardFile().Write(ShardFile.PathIn(dir!)), dir, ShardFile.FileName)
                         ?? TryWrite(() => WriteResult(io, dir, "shard-result.json", json0, isQuiet), dir, "shard-result.json");
                if (failed is null && !isQuiet) io.Err.WriteLine($"wrote {ShardFile.PathIn(dir!)} (shard {plan.Shard}, trajectories {outcome.TrajectoryOffset}..{outcome.TrajectoryOffset + outcome.Trajectories - 1}); combine the shards with gtc merge");
            }
            // The run is complete: its own checkpoint (the folder held no other, see above) is no longer needed, unless
            // the result could not be written (then the checkpoint is what is left of the run on disk).
            if (failed is null && dir is not null && File.Exists(Checkpoint.PathIn(dir))) File.Delete(Checkpoint.PathIn(dir));
            io.Out.Write(r.GetValue(json) ? json0 : (plan.Shard.IsWhole ? "" :
                $"shard {plan.Shard} of the run: trajectories {outcome.TrajectoryOffset}..{outcome.TrajectoryOffset + outcome.Trajectories - 1} of the run's " +
                $"{resolved.Run.Numerics.Trajectories} (merge the shards for the result):\n") + RunSummary.SteadyState(result, study));
            if (plan.BiasCheckTrajectories is not null && result.BiasCheck is null)
            {
                io.Err.WriteLine($"gtc run: the bias check was stopped by {stop.Requested ?? "a stop request"}; the run's result is kept without it");
                return failed is null ? stop.ExitCode : Finish(io, r, failed, r.GetValue(json) ? null : json0);
            }
            return Finish(io, r, failed, r.GetValue(json) ? null : json0);
        }
    }

    /// <summary>
    /// Runs a write of a finished result; a failure (disk full, a folder in the file's place) is returned, not thrown,
    /// so the result can still be printed before the error is reported.
    /// </summary>
    internal static OutputFileException? TryWrite(Action write, string? dir, string name)
    {
        try
        {
            write();
            return null;
        }
        catch (OutputFileException e)
        {
            return e;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new OutputFileException(Path.Combine(dir ?? ".", name), null, e);
        }
    }

    /// <summary>
    /// The end of a run whose result is computed and printed: success, or the write failure in one line (exit 1), with
    /// the result JSON that could not be saved on stdout after the summary (<paramref name="jsonNotShown"/>, null when
    /// stdout holds it already), so that nothing computed is lost.
    /// </summary>
    internal static int Finish(CliIO io, ParseResult r, OutputFileException? failed, string? jsonNotShown)
    {
        if (failed is null) return ExitCodes.Success;
        if (jsonNotShown is not null)
        {
            io.Out.WriteLine();
            io.Out.WriteLine("result JSON (it could not be written to its file):");
            io.Out.Write(jsonNotShown);
        }
        FailureReport.Write(io.Err, failed.Message + "; the result is printed on stdout", failed, r.GetValue<bool>(GtcCli.VerboseName),
            internalFault: false, r.Tokens.Select(t => t.Value).Prepend(r.CommandResult.Command.Name).ToList());
        return ExitCodes.Failure;
    }

    private static void WriteResult(CliIO io, string? dir, string name, string text, bool quiet)
    {
        if (dir is null) return;
        string written = OutputFolder.WriteFile(dir, name, text);
        if (!quiet) io.Err.WriteLine($"wrote {written}");
    }

}
