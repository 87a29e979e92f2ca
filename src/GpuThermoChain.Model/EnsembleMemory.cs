using GpuThermoChain.Config;

namespace GpuThermoChain.Model;

/// <summary>
/// An ensemble that does not fit in memory, said in the user's terms: how much it needed and what to change. The
/// CLI prints an <see cref="InsufficientMemoryException"/> as one line (exit 1).
/// </summary>
public static class EnsembleMemory
{
    /// <summary>Bytes of ensemble state per trajectory (<see cref="EnsembleSize.BytesPerTrajectory"/>).</summary>
    public static long BytesPerTrajectory(in StepCoefficients coefficients) =>
        EnsembleSize.BytesPerTrajectory(coefficients.Sites, coefficients.Particles);

    /// <summary>The error for <paramref name="trajectories"/> trajectories that did not fit in <paramref name="where"/>.</summary>
    public static InsufficientMemoryException OutOfMemory(in StepCoefficients coefficients, int trajectories, string where, Exception? inner)
    {
        long perTrajectory = BytesPerTrajectory(coefficients);
        return new InsufficientMemoryException(
            $"the ensemble of {trajectories} trajectories needs about {EnsembleSize.Bytes((double)perTrajectory * trajectories)} " +
            $"({perTrajectory} bytes per trajectory x {trajectories}), more than {where} could get; use fewer trajectories per process or device " +
            "(numerics.trajectories; split a full/effective run with --shard i/n and gtc merge, or over several devices, e.g. --device cuda:all)", inner);
    }
}
