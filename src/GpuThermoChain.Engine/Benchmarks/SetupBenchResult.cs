using System.Globalization;
using GpuThermoChain.Config;
using static GpuThermoChain.Engine.Results.ResultJson;

namespace GpuThermoChain.Engine.Benchmarks;

/// <summary>
/// What <c>gtc bench --setup M</c> measured (<see cref="SetupBenchmark"/>): seconds of each phase at M trajectories
/// and the projection to a run of <see cref="SetupBenchmark.ReferenceSteps"/> steps.
/// </summary>
public sealed record SetupBenchResult(
    string Device, string DeviceKind, string Version, DateTimeOffset Date,
    int Trajectories, int Steps, string Layout, int StepsPerLaunch,
    double TheorySeconds, double WarmUpSeconds,
    double AllocateSeconds, double DrawSeconds, double AdvanceSeconds, double CheckSeconds, double ReductionSeconds,
    double AdvanceParticleStepsPerSecond, double ParticleStepsPerChainStep, HostPath? Host, double TotalSeconds)
{
    /// <summary>Blow-up checks in a run of <see cref="SetupBenchmark.ReferenceSteps"/> steps: one per launch chunk.</summary>
    public int ReferenceChecks => (SetupBenchmark.ReferenceSteps + StepsPerLaunch - 1) / StepsPerLaunch;

    /// <summary>Everything of such a run but its steps (and the theory and compile, which do not grow with M).</summary>
    public double SetUpAndReductionSeconds => AllocateSeconds + DrawSeconds + ReferenceChecks * CheckSeconds + ReductionSeconds;

    /// <summary>The advance of such a run at the measured rate.</summary>
    public double ReferenceAdvanceSeconds => AdvanceSeconds * SetupBenchmark.ReferenceSteps / Steps;

    /// <summary>Such a run's overall rate over the advance's own: 1 when set-up and reduction cost nothing.</summary>
    public double ReferenceRateRatio => ReferenceAdvanceSeconds / (ReferenceAdvanceSeconds + SetUpAndReductionSeconds);

    public string Text()
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"gtc bench --setup {Trajectories}: full model at the paper's parameters from the theory's stationary state, layout {Layout}");
        sw.WriteLine($"  device: {Device}; gtc {Version}; {Date:yyyy-MM-dd HH:mm} UTC");
        sw.WriteLine($"  theory + covariance factor (host, independent of M) {TheorySeconds:F3} s; warm-up (kernel compiles) {WarmUpSeconds:F3} s");
        sw.WriteLine($"  allocate {AllocateSeconds:F4} s, initial draw {DrawSeconds:F4} s, advance {Steps} steps {AdvanceSeconds:F4} s " +
                     $"({AdvanceParticleStepsPerSecond:E3} particle-steps/s), blow-up check {CheckSeconds:F4} s, reduction {ReductionSeconds:F4} s");
        sw.WriteLine($"  a run of {SetupBenchmark.ReferenceSteps} steps ({ReferenceChecks} checks): set-up + checks + reduction {SetUpAndReductionSeconds:F3} s " +
                     $"against advance {ReferenceAdvanceSeconds:F2} s: overall rate = {ReferenceRateRatio:F3} x the advance's");
        if (Host is { } h)
            sw.WriteLine($"  host path: draw {h.DrawSeconds:F4} s + upload {h.UploadSeconds:F4} s; status download + scan {h.StatusScanSeconds:F4} s; " +
                         $"device draw vs host draw: {h.Difference.Describe()}");
        sw.WriteLine($"  total {TotalSeconds:F1} s");
        return sw.ToString();
    }

    public string Json() => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("device", Device);
        w.WriteString("deviceKind", DeviceKind);
        w.WriteString("version", Version);
        w.WriteString("date", Date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteNumber("trajectories", Trajectories);
        w.WriteNumber("steps", Steps);
        w.WriteString("layout", Layout);
        w.WriteNumber("stepsPerLaunch", StepsPerLaunch);
        WriteNumber(w, "theorySeconds", TheorySeconds);
        WriteNumber(w, "warmUpSeconds", WarmUpSeconds);
        WriteNumber(w, "allocateSeconds", AllocateSeconds);
        WriteNumber(w, "drawSeconds", DrawSeconds);
        WriteNumber(w, "advanceSeconds", AdvanceSeconds);
        WriteNumber(w, "checkSeconds", CheckSeconds);
        WriteNumber(w, "reductionSeconds", ReductionSeconds);
        WriteNumber(w, "advanceParticleStepsPerSecond", AdvanceParticleStepsPerSecond);
        w.WriteStartObject("reference");
        w.WriteNumber("steps", SetupBenchmark.ReferenceSteps);
        w.WriteNumber("checks", ReferenceChecks);
        WriteNumber(w, "setUpAndReductionSeconds", SetUpAndReductionSeconds);
        WriteNumber(w, "advanceSeconds", ReferenceAdvanceSeconds);
        WriteNumber(w, "rateRatio", ReferenceRateRatio);
        w.WriteEndObject();
        if (Host is { } h)
        {
            w.WriteStartObject("hostPath");
            WriteNumber(w, "drawSeconds", h.DrawSeconds);
            WriteNumber(w, "uploadSeconds", h.UploadSeconds);
            WriteNumber(w, "statusScanSeconds", h.StatusScanSeconds);
            w.WriteBoolean("deviceDrawIdentical", h.Difference.Identical);
            w.WriteNumber("chainElementsDiffering", h.Difference.ChainElementsDiffering);
            WriteNumber(w, "largestChainRelative", h.Difference.LargestChainRelative);
            w.WriteNumber("particleElementsDiffering", h.Difference.ParticleElementsDiffering);
            WriteNumber(w, "largestParticleAbsolute", h.Difference.LargestParticleAbsolute);
            w.WriteEndObject();
        }
        WriteNumber(w, "totalSeconds", TotalSeconds);
        w.WriteEndObject();
    });
}
