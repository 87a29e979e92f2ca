using GpuThermoChain.Kernels;
using GpuThermoChain.Simd;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// One ensemble made of contiguous parts on several devices (part k holds trajectory ids
/// offset_k .. offset_k + M_k - 1, in order). Advance runs the parts side by side; downloads concatenate them in
/// trajectory order; the sums are taken on the host over the concatenated accumulators in the order of
/// <see cref="HostReduction"/> (that of a single device's reduction), exactly as <c>gtc merge</c> reduces shards.
/// </summary>
public sealed class SplitEnsemble : IEnsemble
{
    private readonly IReadOnlyList<IEnsemble> _parts;
    private readonly IReadOnlyList<Action> _binds;

    public SplitEnsemble(IReadOnlyList<IEnsemble> parts, IReadOnlyList<Action> binds)
    {
        if (parts.Count == 0) throw new ArgumentException("need at least one part", nameof(parts));
        for (int k = 1; k < parts.Count; k++)
            if (parts[k].TrajectoryOffset != parts[k - 1].TrajectoryOffset + (uint)parts[k - 1].Trajectories)
                throw new ArgumentException("parts must be contiguous in trajectory id", nameof(parts));
        _parts = parts;
        _binds = binds;
        Trajectories = parts.Sum(p => p.Trajectories);
    }

    public int Trajectories { get; }
    public uint TrajectoryOffset => _parts[0].TrajectoryOffset;
    public StepCoefficients Coefficients => _parts[0].Coefficients;
    public long MeasuredSteps => _parts[0].MeasuredSteps;

    public void Upload(double[] q, double[] p, float[]? x)
    {
        var coefficients = Coefficients;
        Each((part, first) => part.Upload(Slice(q, coefficients.Sites, first, part.Trajectories), Slice(p, coefficients.Sites, first, part.Trajectories),
            x is null ? null : Slice(x, coefficients.Particles, first, part.Trajectories)));
    }

    /// <summary>
    /// Each part draws its own trajectories where they live (bound to its device first, as for a launch): a
    /// trajectory's start depends only on its id.
    /// </summary>
    public void Initialize(EnsembleStart start)
    {
        for (int i = 0; i < _parts.Count; i++)
        {
            _binds[i]();
            _parts[i].Initialize(start);
        }
    }

    public void ResetAccumulators() => Each((part, _) => part.ResetAccumulators());

    public void RestoreAccumulators(double[] accumulators, long measuredSteps) =>
        Each((part, first) => part.RestoreAccumulators(Slice(accumulators, Coefficients.AccumulatorCount, first, part.Trajectories), measuredSteps));

    /// <summary>Every part advances the same steps, each on its own thread bound to its device.</summary>
    public void Advance(long firstStep, long steps, long firstMeasuredStep, int stepsPerLaunch)
    {
        var tasks = _parts.Select((part, i) => Task.Factory.StartNew(() =>
        {
            _binds[i]();
            part.Advance(firstStep, steps, firstMeasuredStep, stepsPerLaunch);
        }, TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    public EnsembleSums ReduceAccumulators() => HostReduction.Reduce(DownloadAccumulators(), Coefficients.AccumulatorCount, Trajectories, Trajectories);
    public EnsembleSums ReduceMomenta() => HostReduction.Reduce(DownloadP(), Coefficients.Sites, Trajectories, Trajectories);
    public EnsembleSums ReducePositions() => HostReduction.Reduce(DownloadQ(), Coefficients.Sites, Trajectories, Trajectories);
    public EnsembleSums[] ReduceRowsByGroups(EnsembleRows source, IReadOnlyList<int> groupSizes) => source switch
    {
        EnsembleRows.Positions => HostReduction.ReduceByGroups(DownloadQ(), Coefficients.Sites, Trajectories, Trajectories, groupSizes),
        EnsembleRows.Momenta => HostReduction.ReduceByGroups(DownloadP(), Coefficients.Sites, Trajectories, Trajectories, groupSizes),
        EnsembleRows.Accumulators => HostReduction.ReduceByGroups(DownloadAccumulators(), Coefficients.AccumulatorCount, Trajectories, Trajectories, groupSizes),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    public double[] DownloadQ() => Gather(p => p.DownloadQ(), Coefficients.Sites);
    public double[] DownloadP() => Gather(p => p.DownloadP(), Coefficients.Sites);
    public float[] DownloadX() => Coefficients.Particles > 0 ? Gather(p => p.DownloadX(), Coefficients.Particles) : [];
    public double[] DownloadAccumulators() => Gather(p => p.DownloadAccumulators(), Coefficients.AccumulatorCount);
    public long[] DownloadStatus() => Gather(p => p.DownloadStatus(), 1);

    /// <summary>Each part's own check, joined in trajectory order (the first blow-up is in the first part that has one).</summary>
    public BlowUpSummary? FindBlowUps()
    {
        BlowUpSummary? joined = null;
        int first = 0;
        for (int i = 0; i < _parts.Count; i++)
        {
            _binds[i]();
            if (_parts[i].FindBlowUps() is { } b)
            {
                joined = joined is null
                    ? b with { FirstTrajectory = first + b.FirstTrajectory }
                    : joined with { Count = joined.Count + b.Count, EarliestStep = Math.Min(joined.EarliestStep, b.EarliestStep) };
            }
            first += _parts[i].Trajectories;
        }
        return joined;
    }

    public void Dispose()
    {
        foreach (var p in _parts) p.Dispose();
    }

    private void Each(Action<IEnsemble, int> action)
    {
        int first = 0;
        foreach (var part in _parts)
        {
            action(part, first);
            first += part.Trajectories;
        }
    }

    /// <summary>Rows [row * M + first, + count) of an SoA array of M columns, as an SoA array of count columns.</summary>
    private T[] Slice<T>(T[] source, int rows, int first, int count)
    {
        if (source.Length != rows * Trajectories)
            throw new ArgumentException($"expected {rows} * {Trajectories} elements in SoA layout");
        var result = new T[rows * count];
        for (int r = 0; r < rows; r++) Array.Copy(source, (long)r * Trajectories + first, result, (long)r * count, count);
        return result;
    }

    private T[] Gather<T>(Func<IEnsemble, T[]> download, int rows)
    {
        var result = new T[rows * Trajectories];
        Each((part, first) =>
        {
            var a = download(part);
            for (int r = 0; r < rows; r++) Array.Copy(a, (long)r * part.Trajectories, result, (long)r * Trajectories + first, part.Trajectories);
        });
        return result;
    }
}
