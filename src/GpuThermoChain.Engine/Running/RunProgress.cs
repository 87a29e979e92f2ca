namespace GpuThermoChain.Engine.Running;

/// <summary>Where a run stands: which phase, chain steps done of the total, and time so far.</summary>
public readonly record struct RunProgress(string Phase, long StepsDone, long StepsTotal, TimeSpan Elapsed)
{
    public double Fraction => StepsTotal > 0 ? (double)StepsDone / StepsTotal : 1;

    /// <summary>Estimated time left, from the average pace so far (null before any step is done).</summary>
    public TimeSpan? Remaining => StepsDone > 0
        ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * (StepsTotal - StepsDone) / StepsDone)
        : null;
}
