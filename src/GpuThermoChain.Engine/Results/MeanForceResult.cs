using GpuThermoChain.Config;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Engine.Results;

/// <summary>The measured mean bath force at one frozen probe position, with the theory for it.</summary>
public sealed record MeanForcePoint(double Position, Estimate Force, double Exact, double SecondOrder)
{
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
    string Version);
