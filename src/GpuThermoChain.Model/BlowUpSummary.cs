namespace GpuThermoChain.Model;

/// <summary>
/// What a blow-up check needs from an ensemble's status (<see cref="IEnsemble.FindBlowUps"/>): how many trajectories
/// are not healthy, the first of them in trajectory order (local index) and the step at whose end its state was not
/// finite, and the earliest such step among them all.
/// </summary>
public sealed record BlowUpSummary(int Count, int FirstTrajectory, long FirstTrajectoryStep, long EarliestStep)
{
    /// <summary>The summary of a downloaded status array; null when every trajectory is healthy.</summary>
    public static BlowUpSummary? FromStatus(ReadOnlySpan<long> status)
    {
        int count = 0, first = -1;
        long firstStep = -1, earliest = -1;
        for (int t = 0; t < status.Length; t++)
        {
            long s = status[t];
            if (s == TrajectoryStatus.Healthy) continue;
            if (count == 0) (first, firstStep, earliest) = (t, s, s);
            else if (s < earliest) earliest = s;
            count++;
        }
        return count == 0 ? null : new BlowUpSummary(count, first, firstStep, earliest);
    }
}
