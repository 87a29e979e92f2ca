using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.GaussianLimit;
using GpuThermoChain.Engine.Results;

namespace GpuThermoChain.Cli;

/// <summary>What <c>gtc run</c> prints for a result (its summary; --json prints the result.json instead).</summary>
internal static class RunSummary
{
    /// <summary>A heat-current run (models full, effective): J, every estimator, the burn-in, warnings, the theory, every profile, timing.</summary>
    internal static string SteadyState(SteadyStateResult r, TruncationStudy? study = null)
    {
        var c = r.Config.Run;
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"gtc run: model {ConfigValidator.ModelName(c.Model)}, N = {c.Chain.Sites}, T_L = {c.ParticleBath.Temperature}, T_R = {c.LangevinBath.Temperature}, " +
                     $"{c.Numerics.Trajectories} trajectories x {r.MeasuredSteps} measured steps (dt = {c.Numerics.TimeStep}), seed {c.Numerics.Seed}");
        sw.WriteLine($"  J = {r.Current.Value:G6} +- {r.Current.StdErr:G3}  ({r.QuotedEstimator} estimator)");
        foreach (var (name, e) in r.Estimators)
            sw.WriteLine($"    {name,-10} {e.Value,14:G6} +- {e.StdErr:G3}");
        if (r.BurnIn is { } burnIn)
        {
            sw.WriteLine($"  {burnIn.Describe(c.Numerics.TimeStep)}");
            if (!burnIn.Stationary)
                sw.WriteLine($"  warning: UNSTEADY (kept with --keep-unsteady): {burnIn.Advice()}; result.json says \"steady\": false");
        }
        if (r.Agreement is { MaxZ: > EstimatorAgreement.WarnAbove } a)
            sw.WriteLine($"  warning: the estimators disagree beyond their errors ({a.First} vs {a.Second}: z = {a.MaxZ:F1}): the run may not " +
                         "have reached its steady state (lengthen numerics.burnInTime, or use auto), or the time step's bias shows at this precision (try a smaller numerics.timeStep)");
        foreach (var t in r.Theory)
            sw.WriteLine($"  theory {t.Name,-15} {t.Value,14:G8}   z = {t.ZScore,6:F2}");
        if (r.TheoryUnavailable is { } why)
            sw.WriteLine($"  theory: unavailable ({why})");
        if (TheoryDeviation.Of(r, study) is { } deviation)
            sw.WriteLine("  note: " + deviation.Text);
        if (r.BiasCheck is { } bias)
        {
            sw.WriteLine($"  bias check (dt = {bias.TimeStep:G4} -> {bias.TimeStep / 2:G4}, h = {bias.SubstepTime:G4} -> {bias.SubstepTime / 2:G4}, same noise):");
            sw.WriteLine($"    {"estimator",-10} {"J coarse",14} {"J fine",14} {"fine - coarse",14} {"+-",9} {"z",6}");
            foreach (var e in bias.Estimators)
                sw.WriteLine($"    {e.Name,-10} {e.Coarse.Value,14:G6} {e.Fine.Value,14:G6} {e.Difference.Value,14:G4} {e.Difference.StdErr,9:G3} {e.Z,6:F1}");
            sw.WriteLine($"    {bias.Text}");
            sw.WriteLine($"    cost: {bias.Cost}");
        }
        foreach (var profile in Observables.Profiles)
            sw.WriteLine($"  {profile.Symbol ?? profile.Name}: {string.Join(" ", r.Profiles[profile.Name].Select(e => $"{e.Value:G4}({e.StdErr:G1})"))}");
        sw.WriteLine($"  {r.Timing.WallSeconds:F2} s wall, {r.Timing.ParticleStepsPerSecond:E3} particle-steps/s, {r.Timing.ChainStepsPerSecond:E3} chain-steps/s");
        if (r.Timing.Phases is { } ph)
            sw.WriteLine($"  of which set-up {ph.SetUpSeconds:F2} s, advance {ph.AdvanceSeconds:F2} s ({ph.AdvanceParticleStepsPerSecond:E3} particle-steps/s), " +
                         $"checks {ph.CheckSeconds:F2} s, reductions {ph.ReductionSeconds:F2} s, checkpoints {ph.CheckpointSeconds:F2} s");
        sw.WriteLine($"  device: {r.Device}; gtc {r.Version}");
        return sw.ToString();
    }

    /// <summary>Every stage of an automatic burn-in, one line each (for a run stopped as not stationary).</summary>
    internal static string BurnInStages(BurnInReport b, double dt)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"burn-in search (threshold |t| <= {b.Threshold:F2}: false-alarm rate {b.FalseAlarmRate:P0} per stage over {b.Tests} statistics, {b.Groups} trajectory groups):");
        foreach (var s in b.Stages)
            sw.WriteLine($"  {s.StartStep * dt,10:G6} .. {s.EndStep * dt,-10:G6} drift |t| = {s.DriftT,7:F2} ({s.DriftOf})" +
                         (s.AgreementOf.Length > 0 ? $", estimators |t| = {s.AgreementT,7:F2} ({s.AgreementOf})" : "") +
                         (s.Passed ? "  passed" : "  failed"));
        return sw.ToString();
    }

    /// <summary>A probe release: the ensemble means over time, the fit, and the theory.</summary>
    internal static string Probe(ProbeResult r)
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

    /// <summary>A frozen probe: the mean force at every position against the exact quadrature and the second-order theory.</summary>
    internal static string MeanForce(MeanForceResult r)
    {
        var c = r.Config.Run;
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"gtc run: model meanForce, eps = {c.ParticleBath.CouplingStrength}, T_L = {c.ParticleBath.Temperature}, " +
                     $"{c.Numerics.Trajectories} trajectories per position, {(c.Numerics.AutoBurnIn ? "auto" : r.Plan.BurnInSteps.ToString(CultureInfo.InvariantCulture))} burn-in + {r.MeasuredSteps} measured steps " +
                     $"(dt = {c.Numerics.TimeStep}, {c.Numerics.ParticleSubsteps} substeps; tau_1 = {r.SlowestBathTime:G4}), seed {c.Numerics.Seed}");
        sw.WriteLine($"  {"q",10} {"force",13} {"+-",9} {"exact",13} {"2nd order",13} {"z exact",8} {"z 2nd",8}");
        foreach (var p in r.Points)
            sw.WriteLine($"  {p.Position,10:G6} {p.Force.Value,13:G6} {p.Force.StdErr,9:G3} {p.Exact,13:G6} {p.SecondOrder,13:G6} {p.ZExact,8:F2} {p.ZSecondOrder,8:F2}" +
                         (p.BurnIn is { } b ? $"  burn-in {b.Time:G4}{(b.Stationary ? "" : " UNSTEADY")} (drift |t| {b.Stages[^1].DriftT:F2}, threshold {b.Threshold:F2})" : ""));
        sw.WriteLine($"  {r.Timing.WallSeconds:F2} s wall, {r.Timing.ParticleStepsPerSecond:E3} particle-steps/s");
        sw.WriteLine($"  device: {r.Device}; gtc {r.Version}");
        return sw.ToString();
    }
}
