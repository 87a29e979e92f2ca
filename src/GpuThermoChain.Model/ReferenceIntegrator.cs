namespace GpuThermoChain.Model;

/// <summary>
/// Host arrays for an ensemble of M trajectories in the device's structure-of-arrays layout: element (j, t)
/// of q, p (j = site), x (j = particle) and the accumulators (j = slot) sits at j * M + t.
/// </summary>
public sealed class HostEnsemble
{
    /// <summary>Empty (zero) state for <paramref name="trajectories"/> trajectories.</summary>
    public HostEnsemble(int sites, int particles, int accumulators, int trajectories)
    {
        Trajectories = trajectories;
        Q = new double[sites * trajectories];
        P = new double[sites * trajectories];
        X = new float[particles * trajectories];
        Accumulators = new double[accumulators * trajectories];
        HugePages.Advise(Q);
        HugePages.Advise(P);
        HugePages.Advise(X);
        HugePages.Advise(Accumulators);
        Status = new long[trajectories];
        Array.Fill(Status, TrajectoryStatus.Healthy);
    }

    /// <summary>M.</summary>
    public int Trajectories { get; }
    /// <summary>Positions, [site * M + t].</summary>
    public double[] Q { get; }
    /// <summary>Momenta, [site * M + t].</summary>
    public double[] P { get; }
    /// <summary>Particle positions, [particle * M + t].</summary>
    public float[] X { get; }
    /// <summary>Accumulators, [slot * M + t].</summary>
    public double[] Accumulators { get; }
    /// <summary>Per-trajectory status (<see cref="TrajectoryStatus"/>).</summary>
    public long[] Status { get; }
}

/// <summary>Array-backed <see cref="ITrajectoryState"/>: trajectory <see cref="Index"/> of a <see cref="HostEnsemble"/>.</summary>
public readonly struct ArrayTrajectoryState(HostEnsemble ensemble, int index) : ITrajectoryState
{
    private readonly HostEnsemble _e = ensemble;
    private readonly int _m = ensemble.Trajectories;

    /// <summary>Local trajectory index t.</summary>
    public int Index { get; } = index;

    /// <inheritdoc/>
    public double GetQ(int site) => _e.Q[site * _m + Index];
    /// <inheritdoc/>
    public void SetQ(int site, double value) => _e.Q[site * _m + Index] = value;
    /// <inheritdoc/>
    public double GetP(int site) => _e.P[site * _m + Index];
    /// <inheritdoc/>
    public void SetP(int site, double value) => _e.P[site * _m + Index] = value;
    /// <inheritdoc/>
    public float GetX(int particle) => _e.X[particle * _m + Index];
    /// <inheritdoc/>
    public void SetX(int particle, float value) => _e.X[particle * _m + Index] = value;
    /// <inheritdoc/>
    public double GetAccumulator(int index) => _e.Accumulators[index * _m + Index];
    /// <inheritdoc/>
    public void SetAccumulator(int index, double value) => _e.Accumulators[index * _m + Index] = value;
    /// <inheritdoc/>
    public long GetStatus() => _e.Status[Index];
    /// <inheritdoc/>
    public void SetStatus(long value) => _e.Status[Index] = value;
}

/// <summary>
/// The plain C# reference: loops over trajectories and calls the same <see cref="TimeStep.Advance{TState, TScheme, TCoupling}"/>
/// as the kernel, so kernel and reference agree step by step (same Philox keys, same arithmetic).
/// </summary>
public static class ReferenceIntegrator
{
    /// <summary>
    /// Advances every trajectory of <paramref name="ensemble"/> by <paramref name="steps"/> steps from
    /// <paramref name="firstStep"/>; trajectory t has the noise id <paramref name="trajectoryOffset"/> + t.
    /// </summary>
    public static void Advance(HostEnsemble ensemble, in StepCoefficients c, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        var loop = new Loop(ensemble, c, trajectoryOffset, firstStep, steps, firstMeasuredStep);
        ParticleSchemeDispatch.Run(c, ref loop);
    }

    /// <summary>The loop over trajectories, run with the step instantiation the dispatch names.</summary>
    private readonly struct Loop(HostEnsemble ensemble, StepCoefficients c, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
        : IParticleStepUser
    {
        public void Run<TScheme, TCoupling>()
            where TScheme : struct, IParticleScheme
            where TCoupling : struct, IParticleCoupling
        {
            for (int t = 0; t < ensemble.Trajectories; t++)
            {
                var state = new ArrayTrajectoryState(ensemble, t);
                TimeStep.Advance<ArrayTrajectoryState, TScheme, TCoupling>(ref state, c, trajectoryOffset + (uint)t, firstStep, steps, firstMeasuredStep);
            }
        }
    }
}
