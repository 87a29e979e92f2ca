using System.Globalization;
using System.Text.Json;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.Benchmarks;

/// <summary>What <c>gtc bench --json</c> prints (field names are what scripts/gpu-check.sh and the tests read).</summary>
public static class BenchJson
{
    public static string Write(BenchResult r) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("device", r.Device);
        w.WriteString("deviceKind", r.DeviceKind);
        w.WriteString("version", r.Version);
        w.WriteString("date", r.Date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteBoolean("quick", r.Quick);
        w.WriteStartObject("parameters");
        w.WriteNumber("sites", r.Parameters.Sites);
        w.WriteNumber("particles", r.Parameters.Particles);
        w.WriteNumber("coupling", r.Parameters.Coupling);
        w.WriteNumber("particleFriction", r.Parameters.ParticleFriction);
        w.WriteNumber("temperatureLeft", r.Parameters.TemperatureLeft);
        w.WriteNumber("temperatureRight", r.Parameters.TemperatureRight);
        w.WriteNumber("timeStep", r.Parameters.TimeStep);
        w.WriteNumber("particleSubsteps", r.Parameters.ParticleSubsteps);
        w.WriteEndObject();
        Number(w, "firstLaunchSeconds", r.FirstLaunchSeconds);
        Number(w, "compileSeconds", r.CompileSeconds);
        Number(w, "peakParticleStepsPerSecond", r.PeakParticleStepsPerSecond);

        w.WriteStartArray("throughput");
        foreach (var t in r.Throughput)
        {
            w.WriteStartObject();
            w.WriteNumber("trajectories", t.Trajectories);
            w.WriteNumber("steps", t.Steps);
            w.WriteNumber("repeats", t.Repeats);
            Number(w, "setupSeconds", t.SetupSeconds);
            Number(w, "medianSeconds", t.MedianSeconds);
            w.WriteStartArray("seconds");
            foreach (double s in t.Seconds) w.WriteNumberValue(s);
            w.WriteEndArray();
            Number(w, "particleStepsPerSecond", t.ParticleStepsPerSecond);
            Number(w, "chainStepsPerSecond", t.ChainStepsPerSecond);
            w.WriteString("launch", t.LaunchShape);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        // Kernel layouts side by side (gtc bench --layouts); empty when none was asked for.
        w.WriteStartArray("layouts");
        foreach (var l in r.Layouts ?? [])
        {
            w.WriteStartObject();
            w.WriteString("layout", l.Layout);
            w.WriteNumber("trajectories", l.Point.Trajectories);
            w.WriteNumber("steps", l.Point.Steps);
            w.WriteNumber("repeats", l.Point.Repeats);
            Number(w, "firstLaunchSeconds", l.FirstLaunchSeconds);
            Number(w, "medianSeconds", l.Point.MedianSeconds);
            w.WriteStartArray("seconds");
            foreach (double s in l.Point.Seconds) w.WriteNumberValue(s);
            w.WriteEndArray();
            Number(w, "particleStepsPerSecond", l.Point.ParticleStepsPerSecond);
            w.WriteString("launch", l.Point.LaunchShape);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("layoutNotes");
        foreach (var n in r.LayoutNotes ?? []) w.WriteStringValue(n);
        w.WriteEndArray();

        w.WriteStartArray("timeTo1Percent");
        foreach (var t in r.TimeTo1Percent)
        {
            w.WriteStartObject();
            w.WriteNumber("temperatureLeft", t.TemperatureLeft);
            w.WriteNumber("particleSubsteps", t.ParticleSubsteps);
            w.WriteString("estimator", t.Estimator);
            w.WriteNumber("targetRelativeError", t.TargetRelativeError);
            WriteRun(w, "pilot", t.Pilot);
            Number(w, "theoryMemoryKernel", t.TheoryMemoryKernel);
            w.WriteString("targetCurrentSource", t.TargetCurrentSource);
            Number(w, "varianceTimesTime", t.VarianceTimesTime);
            Number(w, "neededTrajectoryTime", t.NeededTrajectoryTime);
            w.WriteStartObject("predicted");
            w.WriteNumber("trajectories", t.PredictedTrajectories);
            Number(w, "measureTime", t.PredictedMeasureTime);
            Number(w, "wallSeconds", t.PredictedWallSeconds);
            w.WriteEndObject();
            if (t.Run is { } run) WriteRun(w, "run", run);
            else w.WriteNull("run");
            if (t.Skipped is { } s) w.WriteString("skipped", s);
            else w.WriteNull("skipped");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Number(w, "totalSeconds", r.TotalSeconds);
        w.WriteEndObject();
    });

    private static void WriteRun(Utf8JsonWriter w, string name, CurrentRun r)
    {
        w.WriteStartObject(name);
        w.WriteNumber("trajectories", r.Trajectories);
        Number(w, "burnInTime", r.BurnInTime);
        Number(w, "measureTime", r.MeasureTime);
        Number(w, "current", r.Current);
        Number(w, "stdErr", r.StdErr);
        Number(w, "relativeError", r.RelativeError);
        Number(w, "wallSeconds", r.WallSeconds);
        Number(w, "particleStepsPerSecond", r.ParticleStepsPerSecond);
        w.WriteEndObject();
    }

    /// <summary>JSON has no NaN or infinity: such a figure is null.</summary>
    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
