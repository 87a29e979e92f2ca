using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GpuThermoChain.Model;

/// <summary>How an ensemble's chains start (<see cref="EnsembleStart"/>).</summary>
public enum ChainStart
{
    /// <summary>Site 1 at (q1, p1), every other site at rest (q1 = p1 = 0: the whole chain at rest).</summary>
    SiteOne,
    /// <summary>Drawn from a Gaussian: x = L z with L the given factor of the covariance (<see cref="InitialDraws.Chain{TTarget, TFactor}"/>).</summary>
    Gaussian,
}

/// <summary>
/// An ensemble's initial state, described rather than drawn: the chain's start, bath particles uniform on the ring
/// (when the ensemble has particles), all keyed by the run seed and each trajectory's id (<see cref="InitialDraws"/>),
/// so any engine may draw it where its state lives (<see cref="IEnsemble.Initialize"/>) with the same result.
/// </summary>
public sealed class EnsembleStart
{
    private EnsembleStart(ChainStart chain, double q1, double p1, double[]? factor, int dimension, ulong seed, double ringLength)
    {
        Chain = chain;
        Q1 = q1;
        P1 = p1;
        Factor = factor;
        FactorDimension = dimension;
        Seed = seed;
        RingLength = ringLength;
    }

    /// <summary>How the chains start.</summary>
    public ChainStart Chain { get; }
    /// <summary>Site 1's position for <see cref="ChainStart.SiteOne"/>.</summary>
    public double Q1 { get; }
    /// <summary>Site 1's momentum for <see cref="ChainStart.SiteOne"/>.</summary>
    public double P1 { get; }
    /// <summary>The covariance factor L, row-major 2N x 2N, for <see cref="ChainStart.Gaussian"/>; null otherwise.</summary>
    public double[]? Factor { get; }
    /// <summary>2N, the factor's order (0 without a factor).</summary>
    public int FactorDimension { get; }
    /// <summary>The run seed that keys every draw.</summary>
    public ulong Seed { get; }
    /// <summary>The ring length L the particles are placed on.</summary>
    public double RingLength { get; }

    /// <summary>Every site at rest at q = 0; particles uniform on the ring.</summary>
    public static EnsembleStart Rest(ulong seed, double ringLength) => new(ChainStart.SiteOne, 0.0, 0.0, null, 0, seed, ringLength);

    /// <summary>Site 1 at (q1, p1), the other sites at rest; particles uniform on the ring.</summary>
    public static EnsembleStart SiteOne(double q1, double p1, ulong seed, double ringLength) =>
        new(ChainStart.SiteOne, q1, p1, null, 0, seed, ringLength);

    /// <summary>The chain from a Gaussian with covariance L L^T (L row-major, 2N x 2N); particles uniform on the ring.</summary>
    public static EnsembleStart Gaussian(double[] factor, int sites, ulong seed, double ringLength)
    {
        ArgumentNullException.ThrowIfNull(factor);
        if (factor.Length != 4 * sites * sites)
            throw new ArgumentException($"the factor must have (2N)^2 = {4 * sites * sites} elements for N = {sites}", nameof(factor));
        return new(ChainStart.Gaussian, 0.0, 0.0, (double[])factor.Clone(), 2 * sites, seed, ringLength);
    }

    /// <summary>The run seed's low 32 bits (Philox key word 0).</summary>
    public uint SeedLow => (uint)Seed;
    /// <summary>The run seed's high 32 bits (Philox key word 1).</summary>
    public uint SeedHigh => (uint)(Seed >> 32);

    /// <summary>Refuses a start that does not fit an ensemble of <paramref name="sites"/> sites.</summary>
    public void CheckFits(int sites)
    {
        if (Chain == ChainStart.Gaussian && FactorDimension != 2 * sites)
            throw new ArgumentException($"the start's factor is {FactorDimension} x {FactorDimension}, the ensemble's chain needs 2N = {2 * sites}");
    }

    /// <summary>
    /// The state drawn on the host, in the SoA layout of <see cref="IEnsemble.Upload"/>: q, p [site * M + t] and x
    /// [particle * M + t] (null without particles) for trajectory ids <paramref name="trajectoryOffset"/> + t.
    /// </summary>
    public (double[] Q, double[] P, float[]? X) DrawOnHost(int sites, int particles, int trajectories, uint trajectoryOffset)
    {
        var q = new double[(long)sites * trajectories];
        var p = new double[(long)sites * trajectories];
        float[]? x = particles > 0 ? new float[(long)particles * trajectories] : null;
        DrawInto(q, p, x, trajectories, sites, particles, trajectories, trajectoryOffset);
        return (q, p, x);
    }

    /// <summary>
    /// The state drawn into host arrays whose rows are <paramref name="stride"/> elements apart (&gt;= M): q, p
    /// [site * stride + t], x [particle * stride + t] for t &lt; M = <paramref name="trajectories"/>; the rest of each row is
    /// not touched. An engine that keeps its state in such arrays (the SIMD engine's padded rows) draws straight into
    /// them, without a second array and a copy. The trajectories are independent, so they are drawn in parallel with
    /// the same bits as one by one.
    /// </summary>
    public void DrawInto(double[] q, double[] p, float[]? x, int stride, int sites, int particles, int trajectories, uint trajectoryOffset)
    {
        CheckFits(sites);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(p);
        if (stride < trajectories || q.LongLength < (long)sites * stride || p.LongLength < (long)sites * stride
            || (particles > 0 && (x is null || x.LongLength < (long)particles * stride)))
            throw new ArgumentException($"the arrays must hold {sites} (q, p) and {particles} (x) rows of {stride} >= {trajectories} elements");
        const int Batch = 4096;
        int batches = (trajectories + Batch - 1) / Batch;
        Parallel.For(0, batches, b =>
        {
            int end = Math.Min(trajectories, (b + 1) * Batch);
            for (int t = b * Batch; t < end; t++)
            {
                var target = new HostTarget(q, p, x, stride, t);
                Draw(ref target, sites, particles, trajectoryOffset + (uint)t);
            }
        });
    }

    /// <summary>Draws trajectory <paramref name="id"/>'s whole start into <paramref name="target"/> (the host's side of the one definition).</summary>
    private void Draw(ref HostTarget target, int sites, int particles, uint id)
    {
        if (Chain == ChainStart.Gaussian)
            InitialDraws.Chain(ref target, new ArrayChainFactor(Factor!, FactorDimension), sites, SeedLow, SeedHigh, id);
        else
            InitialDraws.SiteOne(ref target, sites, Q1, P1);
        if (particles > 0)
            InitialDraws.Particles(ref target, particles, RingLength, SeedLow, SeedHigh, id);
    }

    /// <summary>
    /// Trajectory t of host SoA arrays whose rows are <c>stride</c> elements apart. Unchecked element access: DrawInto has
    /// checked that every row of every array holds the trajectories, and the chain's draw reads and writes each of its 2N
    /// values 2N times (a Gaussian start at N = 8: 512 accesses per trajectory, whose bounds checks were a third of it).
    /// </summary>
    private readonly struct HostTarget(double[] q, double[] p, float[]? x, int stride, int t) : IInitialStateTarget
    {
        private readonly double[] _q = q;
        private readonly double[] _p = p;
        private readonly float[]? _x = x;
        private readonly int _stride = stride;
        private readonly int _t = t;

        public double GetQ(int site) => Element(_q, site);
        public void SetQ(int site, double value) => Element(_q, site) = value;
        public double GetP(int site) => Element(_p, site);
        public void SetP(int site, double value) => Element(_p, site) = value;
        public void SetX(int particle, float value) => Element(_x!, particle) = value;

        private ref T Element<T>(T[] rows, int row) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rows), (nint)row * _stride + _t);
    }
}
