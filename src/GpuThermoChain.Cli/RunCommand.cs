using System.CommandLine;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Cli;

/// <summary><c>gtc run</c>: simulate an ensemble, write DIR/result.json, print a summary (or the JSON).</summary>
public static class RunCommand
{
    public static Command Create(CliIO io)
    {
        var config = new ConfigOptions();
        var device = DeviceOption.Create();
        var outDir = new Option<string?>("--out") { Description = "folder for result.json (created if missing)" };
        var json = new Option<bool>("--json") { Description = "print the result JSON on stdout" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on stderr" };
        var cmd = new Command("run", "Simulate the ensemble for a configuration and measure the heat current, with standard errors and theory.");
        config.AddTo(cmd);
        cmd.Options.Add(device);
        cmd.Options.Add(outDir);
        cmd.Options.Add(json);
        cmd.Options.Add(quiet);
        cmd.SetAction(r =>
        {
            var resolved = config.Load(r);
            var spec = DeviceOption.Parse(r, device);
            string? dir = r.GetValue(outDir) is { } o ? OutputFolder.Prepare(o) : null;
            if (resolved.Run.Model is not (ModelKind.Full or ModelKind.Effective))
                throw new ConfigException("model", $"gtc run measures the steady current (full, effective); model {ConfigValidator.ModelName(resolved.Run.Model)} is not available in this command yet");
            using var dev = ComputeDevice.Open(spec);
            var progress = new ProgressPrinter(io.Err, r.GetValue(quiet));
            if (!r.GetValue(quiet)) io.Err.WriteLine($"device: {dev.Description}");
            var result = SteadyStateRunner.Run(resolved, dev, progress.Report);
            string text = SteadyStateJson.Write(result);
            if (dir is not null)
            {
                AtomicFile.WriteAllText(Path.Combine(dir, "result.json"), text);
                if (!r.GetValue(quiet)) io.Err.WriteLine($"wrote {Path.Combine(dir, "result.json")}");
            }
            io.Out.Write(r.GetValue(json) ? text : Summary(result));
            return ExitCodes.Success;
        });
        return cmd;
    }

    private static string Summary(SteadyStateResult r)
    {
        var c = r.Config.Run;
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"gtc run: model {ConfigValidator.ModelName(c.Model)}, N = {c.Chain.Sites}, T_L = {c.ParticleBath.Temperature}, T_R = {c.LangevinBath.Temperature}, " +
                     $"{c.Numerics.Trajectories} trajectories x {r.MeasuredSteps} measured steps (dt = {c.Numerics.TimeStep}), seed {c.Numerics.Seed}");
        sw.WriteLine($"  J = {r.Current.Value:G6} +- {r.Current.StdErr:G3}  ({r.QuotedEstimator} estimator)");
        foreach (var (name, e) in r.Estimators)
            sw.WriteLine($"    {name,-10} {e.Value,14:G6} +- {e.StdErr:G3}");
        foreach (var t in r.Theory)
            sw.WriteLine($"  theory {t.Name,-15} {t.Value,14:G8}   z = {t.ZScore,6:F2}");
        sw.WriteLine($"  <p_j^2>/m: {string.Join(" ", r.TemperatureProfile.Select(e => $"{e.Value:G4}({e.StdErr:G1})"))}");
        sw.WriteLine($"  {r.Timing.WallSeconds:F2} s wall, {r.Timing.ParticleStepsPerSecond:E3} particle-steps/s, {r.Timing.ChainStepsPerSecond:E3} chain-steps/s");
        sw.WriteLine($"  device: {r.Device}; gtc {r.Version}");
        return sw.ToString();
    }
}
