using GpuThermoChain.Config;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Engine.Results;

/// <summary>The measured mean bath force at one frozen probe position, with the theory for it.</summary>
public sealed record MeanForcePoint(double Position, Estimate Force, double Exact, double SecondOrder)
{
    /// <summary>This position's automatic burn-in (numerics.burnInTime = auto); null for a burn-in given as a number.</summary>
    public BurnInReport? BurnIn { get; init; }
    /// <summary>False when the automatic burn-in did not find the bath stationary by numerics.burnInMaxTime.</summary>
    public bool Steady => BurnIn is not { Stationary: false };

    public double ZExact => Force.ZScore(Exact);
    public double ZSecondOrder => Force.ZScore(SecondOrder);
}

/// <summary>A frozen-probe run (model = meanForce, the paper's Fig. 2a): one point per meanForce.positions entry.</summary>
public sealed record MeanForceResult(
    ResolvedConfig Config,
    IReadOnlyList<MeanForcePoint> Points,
    StepPlan Plan,
    long MeasuredSteps,
    double SlowestBathTime,
    RunTiming Timing,
    string Device,
    string Version)
{
    /// <summary>Every position's bath tested stationary (or the burn-in was given as a number).</summary>
    public bool Steady => Points.All(p => p.Steady);
}
