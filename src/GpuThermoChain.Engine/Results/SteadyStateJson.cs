using System.Text.Json;
using GpuThermoChain.Config;
using static GpuThermoChain.Engine.Results.ResultJson;

namespace GpuThermoChain.Engine.Results;

/// <summary>The result.json of a steady-state run (also what <c>gtc run --json</c> prints).</summary>
public static class SteadyStateJson
{
    public static string Write(SteadyStateResult r) => JsonText.Write(w =>
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

        w.WriteStartObject("temperatureProfile");
        WriteArray(w, "values", r.TemperatureProfile.Select(e => e.Value));
        WriteArray(w, "stdErrs", r.TemperatureProfile.Select(e => e.StdErr));
        w.WriteEndObject();

        w.WriteStartObject("theory");
        foreach (var t in r.Theory)
            WriteTheoryValue(w, t.Name, t.Value, t.ZScore);
        w.WriteEndObject();
        if (r.TheoryUnavailable is { } why)
            w.WriteString("theoryUnavailable", why);

        // steady: the burn-in (when auto) found the ensemble stationary and the estimators agree (SteadyStateResult.Steady).
        w.WriteBoolean("steady", r.Steady);
        w.WriteNumber("burnInSteps", r.Plan.BurnInSteps);
        if (r.BurnIn is { } burnIn)
            WriteBurnIn(w, burnIn, r.Config.Run.Numerics.TimeStep);
        w.WriteNumber("measuredSteps", r.MeasuredSteps);
        WriteProvenance(w, r.Timing, r.Device, r.Version, r.Config);
        w.WriteEndObject();
    });
}
