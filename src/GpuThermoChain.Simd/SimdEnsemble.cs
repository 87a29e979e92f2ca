using System.Runtime.Intrinsics;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>
/// The CPU engine: advances trajectories in blocks, one trajectory per float lane of the widest vectors the CPU has
/// (<see cref="SimdWidth"/>: 16 with AVX-512, 8 with AVX2, 4 with 128-bit vectors; the layout of the
/// hand-vectorised C peer), the blocks spread over the cores. The particle substeps, nearly all the work, run
/// vectorised in <see cref="SimdParticles{TW, TF, TI, TD}"/> with <see cref="PolynomialLaneMath{TW, TF, TI, TD}"/>; the
/// chain part runs in <see cref="SimdChain{TW, TF, TI, TD}"/>, half a block per vector of doubles, with the reference's
/// double arithmetic. One source for every width (<see cref="ISimdWidth{TF, TI, TD}"/>). The noise is keyed as
/// everywhere else, so a trajectory sees the same noise here as in the ILGPU kernel; results differ from it
/// only by the few-ulp differences of the vectorised transcendentals.
/// </summary>
public sealed class SimdEnsemble : IEnsemble
{
    /// <summary>Status of the lanes that pad the last block to 16: never healthy, so never stepped or reported.</summary>
    private const long PaddingStatus = long.MinValue;

    /// <summary>Lanes (floats: one 64-byte line) added to every row so that rows do not alias in the cache.</summary>
    private const int RowPadding = 16;

    private readonly StepCoefficients _coefficients;
    private readonly HostEnsemble _state;
    private readonly int _blocks;
    private readonly int _threads;
    private readonly bool _scalarMath;

    /// <summary>
    /// A zeroed ensemble (healthy status) of <paramref name="trajectories"/> trajectories on
    /// <paramref name="threads"/> threads (default: one per core). <paramref name="scalarMath"/> swaps the
    /// polynomials for MathF per lane (<see cref="ScalarLaneMath{TW, TF, TI, TD}"/>): bit-identical to the reference,
    /// for tests. <paramref name="width"/>: the vectors to run on (default: the widest the CPU has; tests run the
    /// others too, which .NET emulates where the CPU lacks them, with the same results).
    /// </summary>
    public SimdEnsemble(in StepCoefficients coefficients, int trajectories, uint trajectoryOffset, int threads = 0, bool scalarMath = false,
        SimdWidth width = SimdWidth.Widest)
    {
        if (trajectories < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectories), "need at least one trajectory");
        }
        if ((ulong)trajectoryOffset + (ulong)trajectories > NoiseStreams.MaxTrajectories)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectoryOffset), "trajectory ids must stay below 2^32");
        }
        Width = width == SimdWidth.Widest ? SimdWidths.Widest : width;
        int lanes = SimdWidths.Lanes(Width);
        _coefficients = coefficients;
        Trajectories = trajectories;
        TrajectoryOffset = trajectoryOffset;
        _blocks = (trajectories + lanes - 1) / lanes;
        int padded = _blocks * lanes;
        int widest = Math.Max(Math.Max(coefficients.Sites, coefficients.Particles), coefficients.AccumulatorCount);
        if ((long)widest * padded > Array.MaxLength)
        {
            // The config validator refuses this first (EnsembleSize.Check); here it guards direct callers.
            throw new ArgumentOutOfRangeException(nameof(trajectories), $"rows * trajectories must fit in one array: at most {Array.MaxLength / widest / lanes * lanes} trajectories with {widest} rows");
        }
        // Rows one 64-byte line longer than the blocks need, where that still fits: with M a multiple of 1024, rows 4 KiB
        // apart would all fall in one set of the first-level cache, which holds only 8 of the 40 particle rows a block
        // reads every substep.
        if ((long)widest * (padded + RowPadding) <= Array.MaxLength)
        {
            padded += RowPadding;
        }
        try
        {
            _state = new HostEnsemble(coefficients.Sites, coefficients.Particles, coefficients.AccumulatorCount, padded);
        }
        catch (OutOfMemoryException e)
        {
            // Said in the user's terms (how much, and what to change) while the numbers are at hand; the CLI prints it as is.
            throw EnsembleMemory.OutOfMemory(coefficients, trajectories, "this process", e);
        }
        Array.Fill(_state.Status, PaddingStatus, trajectories, padded - trajectories);
        _threads = Math.Clamp(threads > 0 ? threads : Environment.ProcessorCount, 1, _blocks);
        _scalarMath = scalarMath;
    }

    /// <summary>
    /// What a result records as its device, e.g. "CPU SIMD engine (AVX-512, 16 lanes, 2 threads)": the vectors
    /// <paramref name="width"/> stands for (default: the widest the CPU has, which the engine runs on).
    /// </summary>
    public static string Describe(int threads, SimdWidth width = SimdWidth.Widest)
    {
        var chosen = width == SimdWidth.Widest ? SimdWidths.Widest : width;
        return $"CPU SIMD engine ({SimdWidths.Name(chosen)}, {SimdWidths.Lanes(chosen)} lanes, {threads} threads)";
    }

    /// <summary>This instance's <see cref="Describe"/> line.</summary>
    public string Description => Describe(_threads, Width);

    /// <summary>The vectors this ensemble runs on.</summary>
    public SimdWidth Width { get; }

    /// <inheritdoc/>
    public int Trajectories { get; }
    /// <inheritdoc/>
    public uint TrajectoryOffset { get; }
    /// <inheritdoc/>
    public StepCoefficients Coefficients => _coefficients;
    /// <inheritdoc/>
    public long MeasuredSteps { get; private set; }

    private int Stride => _state.Trajectories;

    /// <summary>
    /// See <see cref="IEnsemble.Initialize"/>: drawn straight into the engine's padded rows (<see cref="EnsembleStart.DrawInto"/>),
    /// the same bits as drawing into SoA arrays and uploading them, without those arrays and the copy (2^20 trajectories:
    /// 0.4 GB less memory touched).
    /// </summary>
    public void Initialize(EnsembleStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.DrawInto(_state.Q, _state.P, _coefficients.Particles > 0 ? _state.X : null, Stride, _coefficients.Sites, _coefficients.Particles,
            Trajectories, TrajectoryOffset);
    }

    /// <inheritdoc/>
    public void Upload(double[] q, double[] p, float[]? x)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(p);
        CopyIn(q, _state.Q, _coefficients.Sites, nameof(q));
        CopyIn(p, _state.P, _coefficients.Sites, nameof(p));
        if (_coefficients.Particles > 0)
        {
            ArgumentNullException.ThrowIfNull(x);
            CopyIn(x, _state.X, _coefficients.Particles, nameof(x));
        }
    }

    /// <inheritdoc/>
    public void ResetAccumulators()
    {
        Array.Clear(_state.Accumulators);
        MeasuredSteps = 0;
    }

    /// <inheritdoc/>
    public void RestoreAccumulators(double[] accumulators, long measuredSteps)
    {
        ArgumentNullException.ThrowIfNull(accumulators);
        CopyIn(accumulators, _state.Accumulators, _coefficients.AccumulatorCount, nameof(accumulators));
        MeasuredSteps = measuredSteps;
    }

    /// <summary>
    /// See <see cref="IEnsemble.Advance"/>. There are no launches here: each thread runs all
    /// <paramref name="steps"/> steps of its blocks in one go, so <paramref name="stepsPerLaunch"/> is only checked.
    /// </summary>
    public void Advance(long firstStep, long steps, long firstMeasuredStep, int stepsPerLaunch)
    {
        uint measuredFrom = AdvanceArguments.Check(firstStep, steps, firstMeasuredStep, stepsPerLaunch);
        for (long done = 0; done < steps; done += int.MaxValue)
        {
            var launch = new Launch(this, (uint)(firstStep + done), (int)Math.Min(int.MaxValue, steps - done), measuredFrom);
            ParticleSchemeDispatch.Run(_coefficients, ref launch);
        }
        long stop = firstStep + steps;
        MeasuredSteps += Math.Max(0, stop - Math.Max(firstStep, firstMeasuredStep));
    }

    /// <summary>
    /// One pass over every block, spread over the threads, with the step compiled for the particle scheme that
    /// <see cref="ParticleSchemeDispatch"/> names (chosen once per <see cref="Advance"/>) and for the ensemble's width.
    /// </summary>
    private readonly struct Launch(SimdEnsemble ensemble, uint firstStep, int steps, uint firstMeasuredStep) : IParticleStepUser
    {
        public void Run<TScheme, TCoupling>()
            where TScheme : struct, IParticleScheme
            where TCoupling : struct, IParticleCoupling
        {
            switch (ensemble.Width)
            {
                case SimdWidth.Bits512:
                    Blocks<Simd512, Vector512<float>, Vector512<int>, Vector512<double>, TScheme, TCoupling>();
                    break;
                case SimdWidth.Bits256:
                    Blocks<Simd256, Vector256<float>, Vector256<int>, Vector256<double>, TScheme, TCoupling>();
                    break;
                default:
                    Blocks<Simd128, Vector128<float>, Vector128<int>, Vector128<double>, TScheme, TCoupling>();
                    break;
            }
        }

        private void Blocks<TW, TF, TI, TD, TScheme, TCoupling>()
            where TW : struct, ISimdWidth<TF, TI, TD>
            where TF : struct
            where TI : struct
            where TD : struct
            where TScheme : struct, IParticleScheme
            where TCoupling : struct, IParticleCoupling
        {
            var e = ensemble;
            uint from = firstStep;
            int chunk = steps;
            uint measuredFrom = firstMeasuredStep;
            // Which exponential the step's coupling allows: a property of the coefficients, decided once per launch.
            bool expWithinRange = PolynomialLaneMathWithinRange<TW, TF, TI, TD>.Covers<TCoupling>(e._coefficients);
            Parallel.For(0, e._threads, new ParallelOptions { MaxDegreeOfParallelism = e._threads }, worker =>
            {
                var c = e._coefficients;
                int begin = (int)((long)e._blocks * worker / e._threads);
                int end = (int)((long)e._blocks * (worker + 1) / e._threads);
                for (int block = begin; block < end; block++)
                {
                    int first = block * TW.Lanes;
                    if (e._scalarMath)
                    {
                        SimdBlock<TW, TF, TI, TD>.Advance<ScalarLaneMath<TW, TF, TI, TD>, TScheme, TCoupling>(e._state, c, e.TrajectoryOffset, first, from, chunk, measuredFrom);
                    }
                    else if (expWithinRange)
                    {
                        SimdBlock<TW, TF, TI, TD>.Advance<PolynomialLaneMathWithinRange<TW, TF, TI, TD>, TScheme, TCoupling>(e._state, c, e.TrajectoryOffset, first, from, chunk, measuredFrom);
                    }
                    else
                    {
                        SimdBlock<TW, TF, TI, TD>.Advance<PolynomialLaneMath<TW, TF, TI, TD>, TScheme, TCoupling>(e._state, c, e.TrajectoryOffset, first, from, chunk, measuredFrom);
                    }
                }
            });
        }
    }

    /// <inheritdoc/>
    public EnsembleSums ReduceAccumulators() => HostReduction.Reduce(_state.Accumulators, _coefficients.AccumulatorCount, Trajectories, Stride);
    /// <inheritdoc/>
    public EnsembleSums ReduceMomenta() => HostReduction.Reduce(_state.P, _coefficients.Sites, Trajectories, Stride);
    /// <inheritdoc/>
    public EnsembleSums ReducePositions() => HostReduction.Reduce(_state.Q, _coefficients.Sites, Trajectories, Stride);
    /// <inheritdoc/>
    public EnsembleSums[] ReduceRowsByGroups(EnsembleRows source, IReadOnlyList<int> groupSizes) => source switch
    {
        EnsembleRows.Positions => HostReduction.ReduceByGroups(_state.Q, _coefficients.Sites, Trajectories, Stride, groupSizes),
        EnsembleRows.Momenta => HostReduction.ReduceByGroups(_state.P, _coefficients.Sites, Trajectories, Stride, groupSizes),
        EnsembleRows.Accumulators => HostReduction.ReduceByGroups(_state.Accumulators, _coefficients.AccumulatorCount, Trajectories, Stride, groupSizes),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <inheritdoc/>
    public double[] DownloadQ() => CopyOut(_state.Q, _coefficients.Sites);
    /// <inheritdoc/>
    public double[] DownloadP() => CopyOut(_state.P, _coefficients.Sites);
    /// <inheritdoc/>
    public float[] DownloadX() => _coefficients.Particles > 0 ? CopyOut(_state.X, _coefficients.Particles) : [];
    /// <inheritdoc/>
    public double[] DownloadAccumulators() => CopyOut(_state.Accumulators, _coefficients.AccumulatorCount);
    /// <inheritdoc/>
    public long[] DownloadStatus() => CopyOut(_state.Status, 1);

    /// <summary>Host memory only; nothing to release.</summary>
    public void Dispose()
    {
    }

    private void CopyIn<T>(T[] source, T[] target, int rows, string name)
    {
        if (source.Length != rows * Trajectories)
        {
            throw new ArgumentException($"{name} must have {rows} * {Trajectories} elements in SoA layout", name);
        }
        for (int row = 0; row < rows; row++)
        {
            Array.Copy(source, row * Trajectories, target, row * Stride, Trajectories);
        }
    }

    private T[] CopyOut<T>(T[] source, int rows)
    {
        var result = new T[rows * Trajectories];
        for (int row = 0; row < rows; row++)
        {
            Array.Copy(source, row * Stride, result, row * Trajectories, Trajectories);
        }
        return result;
    }
}
