namespace GpuThermoChain.Model;

/// <summary>
/// Where an initial draw writes one trajectory's chain and particles: a struct over host arrays or device views, so
/// that the host and a kernel run the same <see cref="InitialDraws"/> with no virtual calls. Indices are 0-based.
/// </summary>
public interface IInitialStateTarget
{
    /// <summary>Position q of site <paramref name="site"/>.</summary>
    double GetQ(int site);
    /// <summary>Sets position q of site <paramref name="site"/>.</summary>
    void SetQ(int site, double value);
    /// <summary>Momentum p of site <paramref name="site"/>.</summary>
    double GetP(int site);
    /// <summary>Sets momentum p of site <paramref name="site"/>.</summary>
    void SetP(int site, double value);
    /// <summary>Sets the ring position of bath particle <paramref name="particle"/>.</summary>
    void SetX(int particle, float value);
}

/// <summary>
/// A square factor L (2N x 2N, row r, column c) of the chain's initial covariance, L L^T = C over (q_1..q_N, p_1..p_N):
/// host array or device view, read the same way.
/// </summary>
public interface IChainFactor
{
    /// <summary>Element (row, column) of L.</summary>
    double Get(int row, int column);
}

/// <summary>A chain factor stored row-major in a host array of 2N x 2N elements.</summary>
public readonly struct ArrayChainFactor(double[] values, int dimension) : IChainFactor
{
    private readonly double[] _values = values;
    private readonly int _dimension = dimension;

    /// <inheritdoc/>
    public double Get(int row, int column) => _values[row * _dimension + column];
}

/// <summary>
/// The one definition of a trajectory's initial state, for the host and every device: each value is a pure function of
/// (seed, trajectory id, purpose, index), keyed like the dynamics' noise (docs/model.md, "Random numbers"), so a
/// trajectory starts the same whatever the ensemble's split, device or launch size.
/// </summary>
/// <remarks>
/// Bits: the particle positions are a single double product rounded to float, the same on every device. The chain is
/// x_i = sum_j L_ij z_j summed in increasing j: bit-identical wherever the arithmetic is IEEE double without contraction
/// (the host, ILGPU's CPU accelerator). On a GPU, ILGPU writes the products and sums as PTX mul.f64 and add.f64
/// without .rn, which ptxas may fuse into FMAs, and the fast float log/sin/cos (<see cref="Philox4x32x10.BoxMuller"/>)
/// differ from the host's in the last bits of z: a GPU's chain start can differ from the host's in the last bits (the
/// same Gaussian draw, not the same bits; <c>gtc bench --setup M --setup-compare</c> prints by how much).
/// </remarks>
public static class InitialDraws
{
    /// <summary>Purpose id of the normals that draw the chain's initial state (distinct from the step purposes).</summary>
    public const uint ChainPurpose = 0xF0;
    /// <summary>Purpose id of the uniforms that place the bath particles.</summary>
    public const uint ParticlePurpose = 0xF1;

    /// <summary>
    /// Bath particles uniform on the ring [0, L) (their stationary distribution when the probe sits at 0): particle
    /// i from word i % 4 of the Philox block (id, 0, purpose, i / 4) under the seed.
    /// </summary>
    public static void Particles<TTarget>(ref TTarget target, int particles, double ringLength, uint seedLow, uint seedHigh, uint id)
        where TTarget : struct, IInitialStateTarget
    {
        for (int g = 0; 4 * g < particles; g++)
        {
            var b = Philox4x32x10.Generate(id, 0, ParticlePurpose << NoiseStreams.SubstepBits, (uint)g, seedLow, seedHigh);
            int first = 4 * g;
            target.SetX(first, RingPosition(b.X0, ringLength));
            if (first + 1 < particles) target.SetX(first + 1, RingPosition(b.X1, ringLength));
            if (first + 2 < particles) target.SetX(first + 2, RingPosition(b.X2, ringLength));
            if (first + 3 < particles) target.SetX(first + 3, RingPosition(b.X3, ringLength));
        }
    }

    /// <summary>A 32-bit word as a position on the ring [0, L): L (w + 0.5) 2^-32 in double, rounded once to float.</summary>
    public static float RingPosition(uint word, double ringLength)
    {
        float x = (float)(ringLength * ((word + 0.5) / 4294967296.0));
        // Rounding to float can land exactly on L; the ring is [0, L).
        return x < (float)ringLength ? x : 0f;
    }

    /// <summary>
    /// The chain drawn from a Gaussian of covariance L L^T: x = L z over (q_1..q_N, p_1..p_N), z_j the normal j % 4 of
    /// the block (id, 0, purpose, j / 4) (<see cref="NoiseStreams.Normals"/>). Each x_i adds L_ij z_j in increasing j
    /// from +0, in place in the target (no per-trajectory scratch, which a kernel has not got).
    /// </summary>
    public static void Chain<TTarget, TFactor>(ref TTarget target, TFactor factor, int sites, uint seedLow, uint seedHigh, uint id)
        where TTarget : struct, IInitialStateTarget
        where TFactor : struct, IChainFactor
    {
        for (int i = 0; i < sites; i++)
        {
            target.SetQ(i, 0.0);
            target.SetP(i, 0.0);
        }
        int dimension = 2 * sites;
        for (int g = 0; 4 * g < dimension; g++)
        {
            var n = NoiseStreams.Normals(seedLow, seedHigh, id, 0, ChainPurpose, 0, (uint)g);
            int first = 4 * g;
            AddColumn(ref target, factor, sites, first, n.Z0);
            if (first + 1 < dimension) AddColumn(ref target, factor, sites, first + 1, n.Z1);
            if (first + 2 < dimension) AddColumn(ref target, factor, sites, first + 2, n.Z2);
            if (first + 3 < dimension) AddColumn(ref target, factor, sites, first + 3, n.Z3);
        }
    }

    /// <summary>Site 1 at (q1, p1), every other site at rest at q = 0 (q1 = p1 = 0: the chain at rest).</summary>
    public static void SiteOne<TTarget>(ref TTarget target, int sites, double q1, double p1)
        where TTarget : struct, IInitialStateTarget
    {
        for (int i = 0; i < sites; i++)
        {
            target.SetQ(i, i == 0 ? q1 : 0.0);
            target.SetP(i, i == 0 ? p1 : 0.0);
        }
    }

    /// <summary>x_i += L_i,column z for every row i (rows 0..N-1 are q, N..2N-1 are p).</summary>
    private static void AddColumn<TTarget, TFactor>(ref TTarget target, TFactor factor, int sites, int column, double z)
        where TTarget : struct, IInitialStateTarget
        where TFactor : struct, IChainFactor
    {
        for (int i = 0; i < sites; i++) target.SetQ(i, target.GetQ(i) + factor.Get(i, column) * z);
        for (int i = 0; i < sites; i++) target.SetP(i, target.GetP(i) + factor.Get(sites + i, column) * z);
    }
}
