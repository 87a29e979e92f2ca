namespace GpuThermoChain.Engine.Benchmarks;

/// <summary>
/// Throughput at one ensemble size: <see cref="Repeats"/> timed launches of <see cref="Steps"/> chain steps
/// each, after one untimed warm-up launch; particle-steps = trajectories x steps x N_b x S.
/// </summary>
public sealed record ThroughputPoint(
    int Trajectories,
    long Steps,
    int Repeats,
    double SetupSeconds,
    IReadOnlyList<double> Seconds,
    double MedianSeconds,
    double ParticleStepsPerSecond,
    double ChainStepsPerSecond,
    string LaunchShape = "");

/// <summary>
/// Throughput of one kernel layout (<see cref="GpuThermoChain.Kernels.KernelLayout"/>, by its short name) at one
/// ensemble size, measured as <see cref="ThroughputPoint"/>; <see cref="FirstLaunchSeconds"/> is set-up plus the
/// first launch, which for the first size of a layout includes that kernel's compile.
/// </summary>
public sealed record LayoutPoint(string Layout, ThroughputPoint Point, double FirstLaunchSeconds);

/// <summary>A current estimate from one run: value, standard error, relative error, and the run's shape and wall time.</summary>
public sealed record CurrentRun(
    int Trajectories,
    double BurnInTime,
    double MeasureTime,
    double Current,
    double StdErr,
    double RelativeError,
    double WallSeconds,
    double ParticleStepsPerSecond);

/// <summary>
/// Time to reach the target relative standard error on J (bond estimator) at one T_L: a pilot run gives the
/// per-trajectory variance, which is extrapolated (variance ~ 1/measureTime) to the trajectory-time needed;
/// the full run (where the plan allows and the prediction fits the budget) measures the real wall time,
/// burn-in and set-up included.
/// </summary>
public sealed record TimeToTarget(
    double TemperatureLeft,
    int ParticleSubsteps,
    string Estimator,
    double TargetRelativeError,
    CurrentRun Pilot,
    double TheoryMemoryKernel,
    string TargetCurrentSource,
    double VarianceTimesTime,
    double NeededTrajectoryTime,
    int PredictedTrajectories,
    double PredictedMeasureTime,
    double PredictedWallSeconds,
    CurrentRun? Run,
    string? Skipped);

/// <summary>Everything <c>gtc bench</c> measured, with the device and the parameters.</summary>
public sealed record BenchResult(
    string Device,
    string DeviceKind,
    string Version,
    DateTimeOffset Date,
    bool Quick,
    BenchParameters Parameters,
    double FirstLaunchSeconds,
    double CompileSeconds,
    IReadOnlyList<ThroughputPoint> Throughput,
    IReadOnlyList<TimeToTarget> TimeTo1Percent,
    double TotalSeconds,
    IReadOnlyList<LayoutPoint>? Layouts = null,
    IReadOnlyList<string>? LayoutNotes = null,
    GpuThermoChain.Engine.Devices.DeviceShape? Shape = null,
    IReadOnlyList<AutoLayout>? AutoLayouts = null)
{
    /// <summary>The best particle-steps/s over the ensemble sizes.</summary>
    public double PeakParticleStepsPerSecond => Throughput.Count == 0 ? double.NaN : Throughput.Max(t => t.ParticleStepsPerSecond);
}

/// <summary>The model parameters the throughput table uses (the paper's; docs/model.md, "The system").</summary>
public sealed record BenchParameters(
    int Sites,
    int Particles,
    double SpringConstant,
    double ParticleFriction,
    double TemperatureLeft,
    double TemperatureRight,
    double TimeStep,
    int ParticleSubsteps);

/// <summary>The layout <c>numerics.kernelLayout=auto</c> picks for an ensemble of this size on the benchmarked device.</summary>
public sealed record AutoLayout(int Trajectories, string Layout);
