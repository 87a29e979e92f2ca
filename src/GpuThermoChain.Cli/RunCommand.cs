using System.CommandLine;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
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
        var outDir = new Option<string?>("--out") { Description = "folder for result.json (created if missing)" };
        var json = new Option<bool>("--json") { Description = "print the result JSON on stdout" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on stderr" };
        var cmd = new Command("run", "Simulate the ensemble for a configuration and measure, with standard errors and theory: the heat current (model full, effective), the released probe's relaxation (probe), or the mean force on a frozen probe (meanForce).");
        config.AddTo(cmd);
        cmd.Options.Add(device);
        cmd.Options.Add(outDir);
        cmd.Options.Add(json);
        cmd.Options.Add(quiet);
        cmd.SetAction(r =>
        {
            var resolved = config.Load(r);
            var spec = DeviceOption.Parse(r, device);
            string? dir = r.GetValue(outDir) is { } o ? OutputFolder.Check(o) : null;
            if (resolved.Run.Model == ModelKind.Probe)
                ProbeRunner.StepsPerSample(resolved.Run); // a bad sample interval is refused before the device opens
            using var dev = ComputeDevice.Open(spec);
            var progress = new ProgressPrinter(io.Err, r.GetValue(quiet));
            if (!r.GetValue(quiet)) io.Err.WriteLine($"device: {dev.Description}");
            var (text, summary) = resolved.Run.Model switch
            {
                ModelKind.Probe => ProbeRunner.Run(resolved, dev, progress.Report) is var pr ? (ProbeJson.Write(pr), ProbeSummary(pr)) : default,
                ModelKind.MeanForce => MeanForceRunner.Run(resolved, dev, progress.Report) is var mf ? (MeanForceJson.Write(mf), MeanForceSummary(mf)) : default,
                _ => SteadyStateRunner.Run(resolved, dev, progress.Report) is var ss ? (SteadyStateJson.Write(ss), Summary(ss)) : default,
            };
            if (dir is not null)
            {
                string written = OutputFolder.WriteFile(dir, "result.json", text);
                if (!r.GetValue(quiet)) io.Err.WriteLine($"wrote {written}");
            }
            io.Out.Write(r.GetValue(json) ? text : summary);
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

    private static string ProbeSummary(ProbeResult r)
    {
        var c = r.Config.Run;
        var th = r.Theory;
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"gtc run: model probe, T_L = {c.ParticleBath.Temperature}, v(0) = {c.Probe.InitialVelocity}, " +
                     $"{c.Numerics.Trajectories} trajectories x {r.Steps} steps (dt = {c.Numerics.TimeStep}), seed {c.Numerics.Seed}");
        sw.WriteLine($"  {ProbeResult.BurnInNote}");
        sw.WriteLine($"  {"t",10} {"<q>",12} {"+-",9} {"<v>",12} {"+-",9}");
        int rows = Math.Min(8, r.Samples.Count);
        for (int i = 0; i < rows; i++)
        {
            var s = r.Samples[(int)Math.Round((double)i * (r.Samples.Count - 1) / Math.Max(1, rows - 1))];
            sw.WriteLine($"  {s.Time,10:G5} {s.Q.Value,12:G6} {s.Q.StdErr,9:G3} {s.V.Value,12:G6} {s.V.StdErr,9:G3}");
        }
        if (r.Fit is { } f)
        {
            sw.WriteLine($"  fit: gamma_eff = {f.GammaEff:G6} +- {f.GammaEffStdErr:G3} (jackknife, {f.Groups} groups), w = {f.Curve.Frequency:G6}, " +
                         $"chi2/dof = {f.Curve.ChiSquarePerDof:F2}");
            sw.WriteLine($"  theory gamma_L (Markov)        {th.GammaL,12:G6}   z = {f.ZScore(th.GammaL),6:F2}   k_eff = {th.KEff:G6}, envelope rate gamma_L/2m = {th.MarkovEnvelopeRate:G6}");
            sw.WriteLine($"  theory memory kernel gamma     {th.MemoryKernelGamma,12:G6}   (w = {th.MemoryKernelFrequency:G6})");
            sw.WriteLine($"  theory expected fit gamma      {th.ExpectedFitGamma,12:G6}   z = {f.ZScore(th.ExpectedFitGamma),6:F2}");
        }
        else
        {
            sw.WriteLine($"  fit failed: {r.FitError}; gamma_L = {th.GammaL:G6}, k_eff = {th.KEff:G6}");
        }
        sw.WriteLine($"  tau_1 = {th.SlowestBathTime:G4}, eps q_max / T_L = {th.CouplingOverTemperature:G3} (linear response needs it small)");
        sw.WriteLine($"  {r.Timing.WallSeconds:F2} s wall, {r.Timing.ParticleStepsPerSecond:E3} particle-steps/s");
        sw.WriteLine($"  device: {r.Device}; gtc {r.Version}");
        return sw.ToString();
    }

    private static string MeanForceSummary(MeanForceResult r)
    {
        var c = r.Config.Run;
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"gtc run: model meanForce, eps = {c.ParticleBath.CouplingStrength}, T_L = {c.ParticleBath.Temperature}, " +
                     $"{c.Numerics.Trajectories} trajectories per position, {r.Plan.BurnInSteps} burn-in + {r.MeasuredSteps} measured steps " +
                     $"(dt = {c.Numerics.TimeStep}, {c.Numerics.ParticleSubsteps} substeps; tau_1 = {r.SlowestBathTime:G4}), seed {c.Numerics.Seed}");
        sw.WriteLine($"  {"q",10} {"force",13} {"+-",9} {"exact",13} {"2nd order",13} {"z exact",8} {"z 2nd",8}");
        foreach (var p in r.Points)
            sw.WriteLine($"  {p.Position,10:G6} {p.Force.Value,13:G6} {p.Force.StdErr,9:G3} {p.Exact,13:G6} {p.SecondOrder,13:G6} {p.ZExact,8:F2} {p.ZSecondOrder,8:F2}");
        sw.WriteLine($"  {r.Timing.WallSeconds:F2} s wall, {r.Timing.ParticleStepsPerSecond:E3} particle-steps/s");
        sw.WriteLine($"  device: {r.Device}; gtc {r.Version}");
        return sw.ToString();
    }
}
