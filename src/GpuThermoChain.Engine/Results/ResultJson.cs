using System.Text.Json;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.Results;

/// <summary>Pieces every result.json shares: numbers that may be missing, estimates, and the provenance block.</summary>
internal static class ResultJson
{
    /// <summary>JSON has no NaN: a quantity that does not exist is null.</summary>
    public static void WriteNumber(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    public static void WriteEstimate(Utf8JsonWriter w, string name, Estimate e)
    {
        w.WriteStartObject(name);
        WriteNumber(w, "value", e.Value);
        WriteNumber(w, "stdErr", e.StdErr);
        w.WriteEndObject();
    }

    /// <summary>A theory value and the measurement's z-score against it: {"value": ..., "zScore": ...}.</summary>
    public static void WriteTheoryValue(Utf8JsonWriter w, string name, double value, double zScore)
    {
        w.WriteStartObject(name);
        WriteNumber(w, "value", value);
        WriteNumber(w, "zScore", zScore);
        w.WriteEndObject();
    }

    public static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v)) w.WriteNumberValue(v);
            else w.WriteNullValue();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// timing, device, seed, version, when and on which host the file was written, and the resolved config (feed it
    /// back to repeat the run).
    /// </summary>
    public static void WriteProvenance(Utf8JsonWriter w, RunTiming timing, string device, string version, ResolvedConfig config)
    {
        w.WriteStartObject("timing");
        w.WriteNumber("wallSeconds", timing.WallSeconds);
        w.WriteNumber("chainStepsPerSecond", timing.ChainStepsPerSecond);
        w.WriteNumber("particleStepsPerSecond", timing.ParticleStepsPerSecond);
        w.WriteEndObject();
        w.WriteNumber("trajectories", config.Run.Numerics.Trajectories);
        w.WriteString("device", device);
        w.WriteNumber("seed", config.Run.Numerics.Seed);
        w.WriteString("version", version);
        w.WriteString("createdUtc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("host", Environment.MachineName);
        w.WritePropertyName("config");
        ConfigJson.WriteNested(w, config.Values);
    }
}
