using System.Globalization;
using System.Text.Json;
using GpuThermoChain.Config;
using static GpuThermoChain.Engine.Results.ResultJson;

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
        w.WriteNumber("coupling", r.Parameters.SpringConstant);
        w.WriteNumber("particleFriction", r.Parameters.ParticleFriction);
        w.WriteNumber("temperatureLeft", r.Parameters.TemperatureLeft);
        w.WriteNumber("temperatureRight", r.Parameters.TemperatureRight);
        w.WriteNumber("timeStep", r.Parameters.TimeStep);
        w.WriteNumber("particleSubsteps", r.Parameters.ParticleSubsteps);
        w.WriteEndObject();
        WriteNumber(w, "firstLaunchSeconds", r.FirstLaunchSeconds);
        WriteNumber(w, "compileSeconds", r.CompileSeconds);
        WriteNumber(w, "peakParticleStepsPerSecond", r.PeakParticleStepsPerSecond);

        w.WriteStartArray("throughput");
        foreach (var t in r.Throughput)
        {
            w.WriteStartObject();
            w.WriteNumber("trajectories", t.Trajectories);
            w.WriteNumber("steps", t.Steps);
            w.WriteNumber("repeats", t.Repeats);
            WriteNumber(w, "setupSeconds", t.SetupSeconds);
            WriteNumber(w, "medianSeconds", t.MedianSeconds);
            WriteArray(w, "seconds", t.Seconds);
            WriteNumber(w, "particleStepsPerSecond", t.ParticleStepsPerSecond);
            WriteNumber(w, "chainStepsPerSecond", t.ChainStepsPerSecond);
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
            WriteNumber(w, "firstLaunchSeconds", l.FirstLaunchSeconds);
            WriteNumber(w, "medianSeconds", l.Point.MedianSeconds);
            WriteArray(w, "seconds", l.Point.Seconds);
            WriteNumber(w, "particleStepsPerSecond", l.Point.ParticleStepsPerSecond);
            w.WriteString("launch", l.Point.LaunchShape);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("layoutNotes");
        foreach (var n in r.LayoutNotes ?? []) w.WriteStringValue(n);
        w.WriteEndArray();
        // The device as the layout rule sees it, and the layout numerics.kernelLayout=auto picks at each measured size.
        if (r.Shape is { } shape)
        {
            w.WriteStartObject("deviceShape");
            w.WriteNumber("multiprocessors", shape.Multiprocessors);
            w.WriteNumber("maxThreadsPerMultiprocessor", shape.MaxThreadsPerMultiprocessor);
            w.WriteNumber("warpSize", shape.WarpSize);
            w.WriteNumber("residentThreads", shape.ResidentThreads);
            w.WriteEndObject();
        }
        w.WriteStartArray("autoLayouts");
        foreach (var a in r.AutoLayouts ?? [])
        {
            w.WriteStartObject();
            w.WriteNumber("trajectories", a.Trajectories);
            w.WriteString("layout", a.Layout);
            w.WriteEndObject();
        }
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
            WriteNumber(w, "theoryMemoryKernel", t.TheoryMemoryKernel);
            w.WriteString("targetCurrentSource", t.TargetCurrentSource);
            WriteNumber(w, "varianceTimesTime", t.VarianceTimesTime);
            WriteNumber(w, "neededTrajectoryTime", t.NeededTrajectoryTime);
            w.WriteStartObject("predicted");
            w.WriteNumber("trajectories", t.PredictedTrajectories);
            WriteNumber(w, "measureTime", t.PredictedMeasureTime);
            WriteNumber(w, "wallSeconds", t.PredictedWallSeconds);
            w.WriteEndObject();
            if (t.Run is { } run) WriteRun(w, "run", run);
            else w.WriteNull("run");
            if (t.Skipped is { } s) w.WriteString("skipped", s);
            else w.WriteNull("skipped");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteNumber(w, "totalSeconds", r.TotalSeconds);
        w.WriteEndObject();
    });

    private static void WriteRun(Utf8JsonWriter w, string name, CurrentRun r)
    {
        w.WriteStartObject(name);
        w.WriteNumber("trajectories", r.Trajectories);
        WriteNumber(w, "burnInTime", r.BurnInTime);
        WriteNumber(w, "measureTime", r.MeasureTime);
        WriteNumber(w, "current", r.Current);
        WriteNumber(w, "stdErr", r.StdErr);
        WriteNumber(w, "relativeError", r.RelativeError);
        WriteNumber(w, "wallSeconds", r.WallSeconds);
        WriteNumber(w, "particleStepsPerSecond", r.ParticleStepsPerSecond);
        w.WriteEndObject();
    }
}
