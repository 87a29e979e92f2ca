namespace GpuThermoChain.Model;

/// <summary>
/// One trajectory's state as the step code sees it; a struct implements it over device views (kernel) or plain
/// arrays (reference), and <see cref="TimeStep"/> is generic over it, so both run the same step with no virtual
/// calls. The chain's q, p and accumulators come from <see cref="IChainState{T}"/>. Indices are 0-based: site j = 0..N-1 is the model's site j + 1.
/// </summary>
public interface ITrajectoryState : IChainState<double>
{
    /// <summary>Ring position x in [0, L) of bath particle <paramref name="particle"/>.</summary>
    float GetX(int particle);
    /// <summary>Sets ring position of bath particle <paramref name="particle"/>.</summary>
    void SetX(int particle, float value);
    /// <summary>First step whose end state was not finite, or <see cref="TrajectoryStatus.Healthy"/>.</summary>
    long GetStatus();
    /// <summary>Records the first non-finite step.</summary>
    void SetStatus(long value);
}

/// <summary>Values of the per-trajectory status slot.</summary>
public static class TrajectoryStatus
{
    /// <summary>No blow-up so far; any other value is the step number whose end state was not finite.</summary>
    public const long Healthy = -1;
}
