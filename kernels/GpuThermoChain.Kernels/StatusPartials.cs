using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels;

/// <summary>The device's blow-up reduction read back on the host (<see cref="InitialStateKernels.ReduceStatusKernel"/>).</summary>
public static class StatusPartials
{
    /// <summary>
    /// The summary of per-block partials of <see cref="InitialStateKernels.ReduceStatusKernel"/> (blocks in trajectory
    /// order); null when every trajectory is healthy. Equal to <see cref="BlowUpSummary.FromStatus"/> of the whole status.
    /// </summary>
    public static BlowUpSummary? Summarize(ReadOnlySpan<long> partials, int blocks)
    {
        const int W = InitialStateKernels.StatusPartialWidth;
        long count = 0, first = -1, firstStep = -1, earliest = -1;
        for (int b = 0; b < blocks; b++)
        {
            long n = partials[W * b];
            if (n == 0) continue;
            if (count == 0) (first, firstStep, earliest) = (partials[W * b + 1], partials[W * b + 2], partials[W * b + 3]);
            else if (partials[W * b + 3] < earliest) earliest = partials[W * b + 3];
            count += n;
        }
        return count == 0 ? null : new BlowUpSummary((int)count, (int)first, firstStep, earliest);
    }
}
