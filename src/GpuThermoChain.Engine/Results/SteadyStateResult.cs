using GpuThermoChain.Config;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Engine.Results;

/// <summary>A theory value for the same parameters and how far the measured current sits from it.</summary>
public sealed record TheoryValue(string Name, double Value, double ZScore);

/// <summary>How long a run took and how fast it went.</summary>
public sealed record RunTiming(double WallSeconds, double ChainStepsPerSecond, double ParticleStepsPerSecond);

/// <summary>
/// A steady-state current measurement (model full or effective): every estimator of model.md section 2 with
/// its standard error, the kinetic-temperature profile, the theory for the same parameters, and how it was made.
/// </summary>
public sealed record SteadyStateResult(
    ResolvedConfig Config,
    Estimate Current,
    string QuotedEstimator,
    IReadOnlyDictionary<string, Estimate> Estimators,
    IReadOnlyList<Estimate> TemperatureProfile,
    IReadOnlyList<TheoryValue> Theory,
    StepPlan Plan,
    long MeasuredSteps,
    RunTiming Timing,
    string Device,
    string Version);
