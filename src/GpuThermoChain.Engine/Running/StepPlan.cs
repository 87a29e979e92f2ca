using GpuThermoChain.Config;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Running;

/// <summary>Chain steps for burn-in and measurement, checked against the counter limits of the noise keys.</summary>
public sealed record StepPlan(long BurnInSteps, long MeasureSteps)
{
    public long TotalSteps => BurnInSteps + MeasureSteps;

    public static StepPlan From(NumericsParameters n)
    {
        long burn = (long)Math.Round(n.BurnInTime / n.TimeStep);
        long measure = Math.Max(1, (long)Math.Round(n.MeasureTime / n.TimeStep));
        if ((ulong)(burn + measure) >= NoiseStreams.MaxSteps)
            throw new ConfigException("numerics.measureTime",
                $"(burnInTime + measureTime) / timeStep = {burn + measure} steps exceeds the noise counter's limit of {NoiseStreams.MaxSteps - 1}; " +
                "use a larger timeStep or split the run into more trajectories");
        return new StepPlan(burn, measure);
    }
}
