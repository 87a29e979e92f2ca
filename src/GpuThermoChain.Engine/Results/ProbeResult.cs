using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.Results;

/// <summary>Ensemble means of the probe's position and velocity at one sample time.</summary>
public sealed record ProbeSample(double Time, Estimate Q, Estimate V);

/// <summary>
/// The fitted relaxation of &lt;v(t)&gt;: gamma_eff = 2 m r from A exp(-r t) cos(w t + phi), with its standard error from a
/// jackknife over independent trajectory groups (neighbouring samples of one trajectory are strongly correlated, so
/// the fit's own covariance would understate it).
/// </summary>
public sealed record ProbeFit(DampedCosine Curve, double GammaEff, double GammaEffStdErr, int Groups, int Points, string Method)
{
    public double ZScore(double gamma) => GammaEffStdErr > 0 ? (GammaEff - gamma) / GammaEffStdErr : double.NaN;
}

/// <summary>
/// Theory for the released probe. Markov: gamma_L, k_eff and the envelope rate gamma_L/(2m). Memory kernel
/// (<see cref="Theory.ProbeRelaxation"/>): the exact linear-response mean motion, its slow mode, and the gamma the same
/// fit returns on that exact curve (what gamma_eff should equal, fit-window effects included).
/// </summary>
public sealed record ProbeTheory(
    double GammaL, double KEff, double MarkovEnvelopeRate, double MarkovFrequency,
    double MemoryKernelGamma, double MemoryKernelFrequency, double ExpectedFitGamma,
    double SlowestBathTime, double CouplingOverTemperature);

/// <summary>A probe-release run (model = probe, the paper's Fig. 2b).</summary>
public sealed record ProbeResult(
    ResolvedConfig Config,
    IReadOnlyList<ProbeSample> Samples,
    int StepsPerSample,
    ProbeFit? Fit,
    string? FitError,
    ProbeTheory Theory,
    long Steps,
    RunTiming Timing,
    string Device,
    string Version)
{
    public const string BurnInNote = "numerics.burnInTime is not used: the probe is released at t = 0 from q = 0 with the particles uniform (their equilibrium at q = 0)";
}
