namespace GpuThermoChain.Model;

/// <summary>
/// An ensemble of M trajectories that some engine advances with the shared <see cref="TimeStep"/>: the ILGPU
/// <c>DeviceEnsemble</c> (GPU or ILGPU's CPU accelerator) or the host SIMD engine
/// (<c>SimdEnsemble</c>). Runners program against this, so the engine is a device choice only.
/// Trajectory t carries the noise id <see cref="TrajectoryOffset"/> + t on every engine, so the same trajectory
/// sees the same noise wherever it runs. Arrays are SoA: element (row, t) at row * M + t.
/// </summary>
public interface IEnsemble : IDisposable
{
    /// <summary>M, trajectories in this ensemble.</summary>
    int Trajectories { get; }
    /// <summary>Noise id of local trajectory 0.</summary>
    uint TrajectoryOffset { get; }
    /// <summary>The step coefficients every step uses.</summary>
    StepCoefficients Coefficients { get; }
    /// <summary>Steps accumulated since the last <see cref="ResetAccumulators"/>.</summary>
    long MeasuredSteps { get; }

    /// <summary>Sets q, p [site * M + t] and x [particle * M + t] (null when there are no particles).</summary>
    void Upload(double[] q, double[] p, float[]? x);
    /// <summary>
    /// Sets q, p and x to the described start (<see cref="InitialDraws"/>, keyed by each trajectory's id, so the same
    /// on every engine and split). This default draws on the host (<see cref="EnsembleStart.DrawOnHost"/>) and uploads,
    /// which suits an engine whose state is in host memory; a device engine draws where its state lives.
    /// </summary>
    void Initialize(EnsembleStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var (q, p, x) = start.DrawOnHost(Coefficients.Sites, Coefficients.Particles, Trajectories, TrajectoryOffset);
        Upload(q, p, x);
    }
    /// <summary>Zeroes every accumulator and <see cref="MeasuredSteps"/>.</summary>
    void ResetAccumulators();
    /// <summary>
    /// Sets the accumulators [slot * M + t] and <see cref="MeasuredSteps"/> to a saved state (a checkpoint), so a
    /// resumed run adds to exactly the sums it had: the same floating-point sequence as an uninterrupted run.
    /// </summary>
    void RestoreAccumulators(double[] accumulators, long measuredSteps);
    /// <summary>
    /// Advances every trajectory by <paramref name="steps"/> steps numbered from <paramref name="firstStep"/>,
    /// at most <paramref name="stepsPerLaunch"/> per launch where the engine has launches (the result does not
    /// depend on the split). Steps numbered &gt;= <paramref name="firstMeasuredStep"/> accumulate. Blocks until done.
    /// </summary>
    void Advance(long firstStep, long steps, long firstMeasuredStep, int stepsPerLaunch);

    /// <summary>How a launch spreads the work (e.g. "128 threads x 512 groups"); empty where there are no groups.</summary>
    string LaunchShape => "";

    /// <summary>Sum and sum of squares over trajectories of every accumulator slot (bit-reproducible).</summary>
    EnsembleSums ReduceAccumulators();
    /// <summary>Sum and sum of squares over trajectories of p_j, per site.</summary>
    EnsembleSums ReduceMomenta();
    /// <summary>Sum and sum of squares over trajectories of q_j, per site.</summary>
    EnsembleSums ReducePositions();
    /// <summary>
    /// One reduction for contiguous groups of trajectories: group g is the next <paramref name="groupSizes"/>[g]
    /// trajectories (the sizes are positive and add up to <see cref="Trajectories"/>). Per group, per row of
    /// <paramref name="source"/>: sum and sum of squares over the group's trajectories, bit-identical to what the
    /// matching Reduce… of a separate ensemble holding just that group's trajectories returns (blocks of 256 counted
    /// from the group's first trajectory, then the blocks in order).
    /// </summary>
    EnsembleSums[] ReduceRowsByGroups(EnsembleRows source, IReadOnlyList<int> groupSizes);

    /// <summary>Positions, [site * M + t].</summary>
    double[] DownloadQ();
    /// <summary>Momenta, [site * M + t].</summary>
    double[] DownloadP();
    /// <summary>Particle positions, [particle * M + t] (empty without particles).</summary>
    float[] DownloadX();
    /// <summary>Accumulators, [slot * M + t] (layout in <see cref="Accumulators"/>).</summary>
    double[] DownloadAccumulators();
    /// <summary>Per trajectory: <see cref="TrajectoryStatus.Healthy"/> or the first step whose end state was not finite.</summary>
    long[] DownloadStatus();
    /// <summary>
    /// The blow-ups so far (null when every trajectory is healthy): the check after every chunk. This default scans
    /// <see cref="DownloadStatus"/> on the host; a device engine reduces the status where it lives.
    /// </summary>
    BlowUpSummary? FindBlowUps() => BlowUpSummary.FromStatus(DownloadStatus());
}

/// <summary>Which per-trajectory array a reduction sums (<see cref="IEnsemble.ReduceRowsByGroups"/>).</summary>
public enum EnsembleRows
{
    /// <summary>q_j, one row per site.</summary>
    Positions,
    /// <summary>p_j, one row per site.</summary>
    Momenta,
    /// <summary>The accumulators, one row per slot.</summary>
    Accumulators,
}
