using GpuThermoChain.Config;
using static GpuThermoChain.Engine.Results.ResultJson;

namespace GpuThermoChain.Engine.Results;

/// <summary>The result.json of a probe-release run (also what <c>gtc run --json</c> prints for model = probe).</summary>
public static class ProbeJson
{
    public static string Write(ProbeResult r) => JsonText.Write(w =>
    {
        var c = r.Config.Run;
        w.WriteStartObject();
        w.WriteString("model", ConfigValidator.ModelName(c.Model));

        w.WriteStartObject("relaxation");
        if (r.Fit is { } f)
        {
            WriteNumber(w, "gammaEff", f.GammaEff);
            WriteNumber(w, "stdErr", f.GammaEffStdErr);
            WriteNumber(w, "envelopeRate", f.Curve.EnvelopeRate);
            WriteNumber(w, "frequency", f.Curve.Frequency);
            WriteNumber(w, "amplitude", f.Curve.Amplitude);
            WriteNumber(w, "phase", f.Curve.Phase);
            WriteNumber(w, "chiSquarePerDof", f.Curve.ChiSquarePerDof);
            w.WriteNumber("points", f.Points);
            w.WriteNumber("jackknifeGroups", f.Groups);
            w.WriteString("method", f.Method);
            WriteNumber(w, "zGammaL", f.ZScore(r.Theory.GammaL));
            WriteNumber(w, "zExpected", f.ZScore(r.Theory.ExpectedFitGamma));
        }
        else
        {
            w.WriteNull("gammaEff");
            w.WriteString("error", r.FitError);
        }
        w.WriteEndObject();

        w.WriteStartObject("theory");
        WriteNumber(w, "gammaL", r.Theory.GammaL);
        WriteNumber(w, "kEff", r.Theory.KEff);
        WriteNumber(w, "markovEnvelopeRate", r.Theory.MarkovEnvelopeRate);
        WriteNumber(w, "markovFrequency", r.Theory.MarkovFrequency);
        WriteNumber(w, "memoryKernelGamma", r.Theory.MemoryKernelGamma);
        WriteNumber(w, "memoryKernelFrequency", r.Theory.MemoryKernelFrequency);
        WriteNumber(w, "expectedFitGamma", r.Theory.ExpectedFitGamma);
        WriteNumber(w, "slowestBathTime", r.Theory.SlowestBathTime);
        WriteNumber(w, "couplingOverTemperature", r.Theory.CouplingOverTemperature);
        w.WriteEndObject();

        w.WriteStartObject("samples");
        WriteNumber(w, "interval", r.StepsPerSample * c.Numerics.TimeStep);
        w.WriteNumber("stepsPerSample", r.StepsPerSample);
        WriteArray(w, "t", r.Samples.Select(s => s.Time));
        WriteArray(w, "q", r.Samples.Select(s => s.Q.Value));
        WriteArray(w, "qStdErr", r.Samples.Select(s => s.Q.StdErr));
        WriteArray(w, "v", r.Samples.Select(s => s.V.Value));
        WriteArray(w, "vStdErr", r.Samples.Select(s => s.V.StdErr));
        w.WriteEndObject();

        w.WriteNumber("steps", r.Steps);
        w.WriteString("burnIn", ProbeResult.BurnInNote);
        WriteProvenance(w, r.Timing, r.Device, r.Version, r.Config);
        w.WriteEndObject();
    });
}
