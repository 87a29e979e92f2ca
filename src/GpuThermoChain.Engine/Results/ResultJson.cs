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
    /// "burnIn": how an automatic burn-in was found (numerics.burnInTime = auto): the burn-in used, whether the ensemble
    /// tested stationary, the test's false-alarm rate, groups, statistics per stage and threshold, and every stage's figures.
    /// </summary>
    public static void WriteBurnIn(Utf8JsonWriter w, BurnInReport b, double timeStep)
    {
        w.WriteStartObject("burnIn");
        w.WriteString("mode", b.Auto ? "auto" : "fixed");
        w.WriteNumber("time", b.Time);
        w.WriteNumber("steps", b.Steps);
        w.WriteBoolean("stationary", b.Stationary);
        w.WriteNumber("maxTime", b.MaxTime);
        w.WriteString("test", "per stage, two equal windows; per group of trajectories, each estimator's change between the windows " +
            "(drift) and each pair of estimators' difference (agreement); |t| over the groups against Student t with groups - 1 " +
            "degrees of freedom, two-sided, the false-alarm rate shared equally among the stage's statistics");
        w.WriteNumber("falseAlarmRate", b.FalseAlarmRate);
        w.WriteNumber("groups", b.Groups);
        if (b.Weakness is { } weak)
            w.WriteString("weakTest", weak);
        w.WriteNumber("statisticsPerStage", b.Tests);
        w.WriteNumber("threshold", b.Threshold);
        w.WriteStartArray("stages");
        foreach (var s in b.Stages)
        {
            w.WriteStartObject();
            w.WriteNumber("from", s.StartStep * timeStep);
            w.WriteNumber("to", s.EndStep * timeStep);
            WriteT(w, "driftT", s.DriftT);
            w.WriteString("driftOf", s.DriftOf);
            if (s.AgreementOf.Length > 0)
            {
                WriteT(w, "agreementT", s.AgreementT);
                w.WriteString("agreementOf", s.AgreementOf);
            }
            w.WriteBoolean("passed", s.Passed);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A |t| statistic (<see cref="TStatisticJson.Write"/>).</summary>
    private static void WriteT(Utf8JsonWriter w, string name, double t) => TStatisticJson.Write(w, name, t);

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
        if (timing.Phases is { } phases)
        {
            w.WriteStartObject("phases");
            w.WriteNumber("setUpSeconds", phases.SetUpSeconds);
            w.WriteNumber("advanceSeconds", phases.AdvanceSeconds);
            w.WriteNumber("checkSeconds", phases.CheckSeconds);
            w.WriteNumber("reductionSeconds", phases.ReductionSeconds);
            w.WriteNumber("checkpointSeconds", phases.CheckpointSeconds);
            WriteNumber(w, "advanceChainStepsPerSecond", phases.AdvanceChainStepsPerSecond);
            WriteNumber(w, "advanceParticleStepsPerSecond", phases.AdvanceParticleStepsPerSecond);
            w.WriteEndObject();
        }
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
