namespace GpuThermoChain.Model;

/// <summary>The argument checks every <see cref="IEnsemble.Advance"/> makes, in one place.</summary>
public static class AdvanceArguments
{
    /// <summary>
    /// Refuses step numbers outside the noise counter's range [0, 2^32) and launches of no steps; returns the first
    /// measured step clamped into the counter's range (earlier steps only advance, later ones also accumulate).
    /// </summary>
    public static uint Check(long firstStep, long steps, long firstMeasuredStep, int stepsPerLaunch)
    {
        if (firstStep < 0 || steps < 0 || (ulong)(firstStep + steps) > NoiseStreams.MaxSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), "step numbers must lie in [0, 2^32)");
        }
        if (stepsPerLaunch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepsPerLaunch), "need at least one step per launch");
        }
        return (uint)Math.Clamp(firstMeasuredStep, 0L, (long)uint.MaxValue);
    }
}
