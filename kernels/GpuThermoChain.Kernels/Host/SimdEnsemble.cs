using GpuThermoChain.Config;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels.Host;

/// <summary>
/// The CPU engine: advances trajectories 16 at a time in lockstep, one per vector lane (the layout of the
/// hand-vectorised C peer), blocks of 16 spread over the cores. The particle substeps, nearly all the work, run
/// vectorised in <see cref="SimdParticles"/> with <see cref="PolynomialLaneMath"/>; the chain part runs in
/// <see cref="SimdChain"/>, 8 doubles per vector, with the reference's double arithmetic. The noise is keyed as
/// everywhere else, so a trajectory sees the same noise here as in the ILGPU kernel; results differ from it
/// only by the few-ulp differences of the vectorised transcendentals.
/// </summary>
public sealed class SimdEnsemble : IEnsemble
{
    /// <summary>Status of the lanes that pad the last block to 16: never healthy, so never stepped or reported.</summary>
    private const long PaddingStatus = long.MinValue;

    private readonly StepCoefficients _coefficients;
    private readonly HostEnsemble _state;
    private readonly int _blocks;
    private readonly int _threads;
    private readonly bool _scalarMath;

    /// <summary>
    /// A zeroed ensemble (healthy status) of <paramref name="trajectories"/> trajectories on
    /// <paramref name="threads"/> threads (default: one per core). <paramref name="scalarMath"/> swaps the
    /// polynomials for MathF per lane (<see cref="ScalarLaneMath"/>): bit-identical to the reference, for tests.
    /// </summary>
    public SimdEnsemble(in StepCoefficients coefficients, int trajectories, uint trajectoryOffset, int threads = 0, bool scalarMath = false)
    {
        if (trajectories < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectories), "need at least one trajectory");
        }
        if ((ulong)trajectoryOffset + (ulong)trajectories > NoiseStreams.MaxTrajectories)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectoryOffset), "trajectory ids must stay below 2^32");
        }
        _coefficients = coefficients;
        Trajectories = trajectories;
        TrajectoryOffset = trajectoryOffset;
        _blocks = (trajectories + SimdParticles.Lanes - 1) / SimdParticles.Lanes;
        int padded = _blocks * SimdParticles.Lanes;
        int widest = Math.Max(Math.Max(coefficients.Sites, coefficients.Particles), coefficients.AccumulatorCount);
        if ((long)widest * padded > Array.MaxLength)
        {
            // The config validator refuses this first (EnsembleSize.Check); here it guards direct callers.
            throw new ArgumentOutOfRangeException(nameof(trajectories), $"rows * trajectories must fit in one array: at most {Array.MaxLength / widest / SimdParticles.Lanes * SimdParticles.Lanes} trajectories with {widest} rows");
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

    /// <summary>What a result records as its device, e.g. "CPU SIMD engine (AVX-512, 16 lanes, 2 threads)".</summary>
    public static string Describe(int threads)
    {
        string isa = Vector512.IsHardwareAccelerated ? "AVX-512"
            : Vector256.IsHardwareAccelerated ? "AVX2, each 512-bit vector as two 256-bit halves"
            : "no 256-bit SIMD, vectors emulated";
        return $"CPU SIMD engine ({isa}, {SimdParticles.Lanes} lanes, {threads} threads)";
    }

    /// <summary>This instance's <see cref="Describe"/> line.</summary>
    public string Description => Describe(_threads);

    /// <inheritdoc/>
    public int Trajectories { get; }
    /// <inheritdoc/>
    public uint TrajectoryOffset { get; }
    /// <inheritdoc/>
    public StepCoefficients Coefficients => _coefficients;
    /// <inheritdoc/>
    public long MeasuredSteps { get; private set; }

    private int Stride => _state.Trajectories;

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
    /// <see cref="ParticleSchemeDispatch"/> names (chosen once per <see cref="Advance"/>).
    /// </summary>
    private readonly struct Launch(SimdEnsemble ensemble, uint firstStep, int steps, uint firstMeasuredStep) : IParticleStepUser
    {
        public void Run<TScheme, TCoupling>()
            where TScheme : struct, IParticleScheme
            where TCoupling : struct, IParticleCoupling
        {
            var e = ensemble;
            uint from = firstStep;
            int chunk = steps;
            uint measuredFrom = firstMeasuredStep;
            Parallel.For(0, e._threads, new ParallelOptions { MaxDegreeOfParallelism = e._threads }, worker =>
            {
                int begin = (int)((long)e._blocks * worker / e._threads);
                int end = (int)((long)e._blocks * (worker + 1) / e._threads);
                for (int block = begin; block < end; block++)
                {
                    if (e._scalarMath)
                    {
                        e.AdvanceBlock<ScalarLaneMath, TScheme, TCoupling>(block, from, chunk, measuredFrom);
                    }
                    else
                    {
                        e.AdvanceBlock<PolynomialLaneMath, TScheme, TCoupling>(block, from, chunk, measuredFrom);
                    }
                }
            });
        }
    }

    /// <summary>
    /// All steps of one block of 16 trajectories, in the order of <see cref="TimeStep.Advance{TState, TScheme, TCoupling}"/>: per
    /// step, the probe position each lane's particles see, the vectorised substeps giving each lane's impulse,
    /// the chain part (two halves of 8 doubles), then the blow-up check, which freezes a lane from then on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AdvanceBlock<TMath, TScheme, TCoupling>(int block, uint firstStep, int steps, uint firstMeasuredStep)
        where TMath : ILaneMath
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        const int Half = SimdParticles.Lanes / 2;
        var c = _coefficients;
        int first = block * SimdParticles.Lanes;
        var trajectories = Vector512.Create(TrajectoryOffset + (uint)first) + Vector512<uint>.Indices;
        bool particles = c.Model != ModelKind.Effective;
        var chain = new SimdChain(_state, c);
        var (activeLow, activeHigh) = ActiveMasks(first);
        for (int k = 0; k < steps; k++)
        {
            uint step = firstStep + (uint)k;
            bool measure = step >= firstMeasuredStep;
            var impulseLow = Vector512<double>.Zero;
            var impulseHigh = Vector512<double>.Zero;
            if (particles)
            {
                var driftScale = Vector512.Create(c.DriftFactor)
                    * Vector512.Narrow(chain.ProbePosition(first), chain.ProbePosition(first + Half));
                var active = Vector512.Narrow(activeLow.AsInt64(), activeHigh.AsInt64()).AsSingle();
                var meanForce = Vector512.Create(c.MeanBathForce);
                var coupling = Vector512.Create(c.CouplingStrength);
                var substepTime = Vector512.Create(c.SubstepTime);
                for (int substep = 0; substep < c.Substeps; substep++)
                {
                    var forceSum = SimdParticles.Substep<TMath, TScheme, TCoupling>(_state.X, Stride, first, c, trajectories, step, (uint)substep, driftScale, active);
                    var (low, high) = Vector512.Widen(forceSum);
                    impulseLow += (meanForce - coupling * low) * substepTime;
                    impulseHigh += (meanForce - coupling * high) * substepTime;
                }
            }
            if (c.Model == ModelKind.MeanForce)
            {
                if (measure)
                {
                    chain.AccumulateMeanForce(first, impulseLow, activeLow);
                    chain.AccumulateMeanForce(first + Half, impulseHigh, activeHigh);
                }
            }
            else
            {
                var right = c.RightBath ? OStepNormal<TMath>(trajectories, step, NoiseStreams.RightLangevinBath) : default;
                var left = c.LeftBath ? OStepNormal<TMath>(trajectories, step, NoiseStreams.LeftLangevinBath) : default;
                chain.Step(first, measure, impulseLow, right.Low, left.Low, activeLow);
                chain.Step(first + Half, measure, impulseHigh, right.High, left.High, activeHigh);
            }
            var failed = (activeLow & ~chain.Finite(first)) | (activeHigh & ~chain.Finite(first + Half));
            if (failed != Vector512<double>.Zero)
            {
                RecordFailures(first, step, activeLow & ~chain.Finite(first), activeHigh & ~chain.Finite(first + Half));
                (activeLow, activeHigh) = ActiveMasks(first);
                if ((activeLow | activeHigh) == Vector512<double>.Zero)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The first normal of the O-step's Philox block (<see cref="NoiseStreams.Normals"/> with substep 0, group 0), as doubles.</summary>
    private (Vector512<double> Low, Vector512<double> High) OStepNormal<TMath>(Vector512<uint> trajectories, uint step, uint purpose)
        where TMath : ILaneMath
        => Vector512.Widen(PhiloxLanes.Normals<TMath>(_coefficients.SeedLow, _coefficients.SeedHigh, trajectories, step, purpose, 0, 0).W0);

    /// <summary>All-ones lanes for the healthy trajectories of the block starting at <paramref name="first"/>.</summary>
    private (Vector512<double> Low, Vector512<double> High) ActiveMasks(int first)
    {
        Span<long> healthy = stackalloc long[SimdParticles.Lanes];
        for (int lane = 0; lane < healthy.Length; lane++)
        {
            healthy[lane] = _state.Status[first + lane] == TrajectoryStatus.Healthy ? -1L : 0L;
        }
        return (Vector512.Create((ReadOnlySpan<long>)healthy[..8]).AsDouble(), Vector512.Create((ReadOnlySpan<long>)healthy[8..]).AsDouble());
    }

    private void RecordFailures(int first, uint step, Vector512<double> low, Vector512<double> high)
    {
        for (int lane = 0; lane < SimdParticles.Lanes / 2; lane++)
        {
            if (low.AsInt64()[lane] != 0)
            {
                _state.Status[first + lane] = step;
            }
            if (high.AsInt64()[lane] != 0)
            {
                _state.Status[first + SimdParticles.Lanes / 2 + lane] = step;
            }
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
