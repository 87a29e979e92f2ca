using System.Text.Json;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.Results;

/// <summary>The result.json of a steady-state run (also what <c>gtc run --json</c> prints).</summary>
public static class SteadyStateJson
{
    public static string Write(SteadyStateResult r) => JsonText.Write(w =>
    {
        var c = r.Config.Run;
        w.WriteStartObject();
        w.WriteString("model", ConfigValidator.ModelName(c.Model));
        w.WriteStartObject("current");
        WriteNumber(w, "value", r.Current.Value);
        WriteNumber(w, "stdErr", r.Current.StdErr);
        w.WriteString("estimator", r.QuotedEstimator);
        w.WriteEndObject();

        w.WriteStartObject("estimators");
        foreach (var (name, e) in r.Estimators)
            WriteEstimate(w, name, e);
        w.WriteEndObject();

        w.WriteStartObject("temperatureProfile");
        w.WriteStartArray("values");
        foreach (var e in r.TemperatureProfile) w.WriteNumberValue(e.Value);
        w.WriteEndArray();
        w.WriteStartArray("stdErrs");
        foreach (var e in r.TemperatureProfile) w.WriteNumberValue(e.StdErr);
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartObject("theory");
        foreach (var t in r.Theory)
        {
            w.WriteStartObject(t.Name);
            WriteNumber(w, "value", t.Value);
            WriteNumber(w, "zScore", t.ZScore);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        w.WriteStartObject("timing");
        w.WriteNumber("wallSeconds", r.Timing.WallSeconds);
        w.WriteNumber("chainStepsPerSecond", r.Timing.ChainStepsPerSecond);
        w.WriteNumber("particleStepsPerSecond", r.Timing.ParticleStepsPerSecond);
        w.WriteEndObject();

        w.WriteNumber("trajectories", c.Numerics.Trajectories);
        w.WriteNumber("burnInSteps", r.Plan.BurnInSteps);
        w.WriteNumber("measuredSteps", r.MeasuredSteps);
        w.WriteString("device", r.Device);
        w.WriteNumber("seed", c.Numerics.Seed);
        w.WriteString("version", r.Version);
        w.WritePropertyName("config");
        ConfigJson.WriteNested(w, r.Config.Values);
        w.WriteEndObject();
    });

    private static void WriteEstimate(Utf8JsonWriter w, string name, Estimate e)
    {
        w.WriteStartObject(name);
        WriteNumber(w, "value", e.Value);
        WriteNumber(w, "stdErr", e.StdErr);
        w.WriteEndObject();
    }

    /// <summary>JSON has no NaN: a quantity that does not exist here (the bond current of N = 1) is null.</summary>
    private static void WriteNumber(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
