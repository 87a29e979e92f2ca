using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.GaussianLimit;
using static GpuThermoChain.Engine.Results.ResultJson;

namespace GpuThermoChain.Engine.Results;

/// <summary>The result.json of a steady-state run (also what <c>gtc run --json</c> prints).</summary>
public static class SteadyStateJson
{
    /// <param name="study">a Gaussian-limit study of the same parameters, whose truncation is set beside the memory-kernel z</param>
    public static string Write(SteadyStateResult r, TruncationStudy? study = null) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", ConfigValidator.ModelName(r.Config.Run.Model));
        w.WriteStartObject("current");
        WriteNumber(w, "value", r.Current.Value);
        WriteNumber(w, "stdErr", r.Current.StdErr);
        w.WriteString("estimator", r.QuotedEstimator);
        w.WriteEndObject();

        // The bond current of N = 1 does not exist and is written as null.
        w.WriteStartObject("estimators");
        foreach (var (name, e) in r.Estimators)
            WriteEstimate(w, name, e);
        w.WriteEndObject();

        if (r.Agreement is { } a)
        {
            w.WriteStartObject("estimatorAgreement");
            WriteNumber(w, "maxZ", a.MaxZ);
            w.WriteString("between", $"{a.First}, {a.Second}");
            w.WriteEndObject();
        }

        foreach (var (name, profile) in r.Profiles)
        {
            w.WriteStartObject(name);
            WriteArray(w, "values", profile.Select(e => e.Value));
            WriteArray(w, "stdErrs", profile.Select(e => e.StdErr));
            w.WriteEndObject();
        }

        w.WriteStartObject("theory");
        foreach (var t in r.Theory)
            WriteTheoryValue(w, t.Name, t.Value, t.ZScore);
        w.WriteEndObject();
        if (r.TheoryUnavailable is { } why)
            w.WriteString("theoryUnavailable", why);
        if (TheoryDeviation.Of(r, study) is { } d)
        {
            // Only where there is something to say (|z| > 4, or a study given): results within the theory read as before.
            w.WriteStartObject("memoryKernelDeviation");
            WriteNumber(w, "zScore", d.ZScore);
            WriteNumber(w, "relative", d.Relative);
            w.WriteString("meaning", d.Text);
            if (d.Study is { } s)
            {
                w.WriteStartObject("truncation");
                w.WriteString("study", s.Source);
                w.WriteNumber("particles", s.Particles);
                WriteNumber(w, "value", s.Truncation);
                WriteNumber(w, "stdErr", s.TruncationStdErr);
                WriteNumber(w, "relative", s.Relative);
                WriteNumber(w, "relativeStdErr", s.RelativeStdErr);
                WriteNumber(w, "zTheoryPlusTruncation", d.ZWithTruncation);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        // steady: the burn-in (when auto) found the ensemble stationary and the estimators agree (SteadyStateResult.Steady).
        w.WriteBoolean("steady", r.Steady);
        w.WriteNumber("burnInSteps", r.Plan.BurnInSteps);
        if (r.BurnIn is { } burnIn)
            WriteBurnIn(w, burnIn, r.Config.Run.Numerics.TimeStep);
        w.WriteNumber("measuredSteps", r.MeasuredSteps);
        r.BiasCheck?.WriteJson(w);
        WriteProvenance(w, r.Timing, r.Device, r.Version, r.Config);
        w.WriteEndObject();
    });
}
