using System.Diagnostics;
using GpuThermoChain.Engine.Results;

namespace GpuThermoChain.Engine.Running;

/// <summary>The phases a run's wall time is split into (<see cref="RunPhases"/>).</summary>
public enum RunPhase
{
    SetUp,
    Advance,
    Check,
    Reduction,
    Checkpoint,
}

/// <summary>Adds up the wall time a run spends in each <see cref="RunPhase"/>.</summary>
public sealed class PhaseClock
{
    private readonly double[] _seconds = new double[Enum.GetValues<RunPhase>().Length];

    /// <summary>Seconds spent so far in <paramref name="phase"/>.</summary>
    public double this[RunPhase phase] => _seconds[(int)phase];

    /// <summary>Runs <paramref name="action"/>, counting its wall time to <paramref name="phase"/>.</summary>
    public void Time(RunPhase phase, Action action)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            action();
        }
        finally
        {
            _seconds[(int)phase] += Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
    }

    /// <summary>Runs <paramref name="f"/>, counting its wall time to <paramref name="phase"/>.</summary>
    public T Time<T>(RunPhase phase, Func<T> f)
    {
        T result = default!;
        Time(phase, () => { result = f(); });
        return result;
    }

    /// <summary>
    /// The split, with the advance's own rates for <paramref name="chainSteps"/> chain steps (trajectories x steps)
    /// advanced in this session, each N_b x S particle-steps (<paramref name="k"/>).
    /// </summary>
    public RunPhases Phases(double chainSteps, in GpuThermoChain.Model.StepCoefficients k)
    {
        double advance = this[RunPhase.Advance];
        return new(this[RunPhase.SetUp], advance, this[RunPhase.Check], this[RunPhase.Reduction], this[RunPhase.Checkpoint],
            chainSteps / advance, chainSteps * k.Particles * k.Substeps / advance);
    }
}
