using GpuThermoChain.Config;
using GpuThermoChain.Model;
using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// Initial ensemble states: the <see cref="EnsembleStart"/> a run hands its ensemble (which draws it where its state
/// lives, <see cref="IEnsemble.Initialize"/>), and the same draws as host arrays in the structure-of-arrays layout
/// (element (j, t) at j*M + t). Every draw is keyed by (seed, trajectory id, purpose) like the dynamics' noise
/// (<see cref="InitialDraws"/>), so a trajectory starts the same whatever the ensemble split or device.
/// </summary>
public static class InitialStates
{
    /// <summary>Purpose id of the normals that draw the chain's initial state (distinct from the step purposes).</summary>
    public const uint ChainPurpose = InitialDraws.ChainPurpose;
    /// <summary>Purpose id of the uniforms that place the bath particles.</summary>
    public const uint ParticlePurpose = InitialDraws.ParticlePurpose;

    /// <summary>
    /// A steady-state run's start: numerics.initialState rest, or theory (the chain from the stationary covariance
    /// <paramref name="covariance"/> of the theory that matches the model); particles uniform on the ring.
    /// </summary>
    public static EnsembleStart ForRun(RunConfig c, double[,]? covariance) => c.Numerics.InitialState == InitialState.Rest
        ? EnsembleStart.Rest(c.Numerics.Seed, c.ParticleBath.RingLength)
        : EnsembleStart.Gaussian(Factor(covariance ?? throw new ArgumentNullException(nameof(covariance))), c.Chain.Sites,
            c.Numerics.Seed, c.ParticleBath.RingLength);

    /// <summary>All sites at rest at q = 0.</summary>
    public static (double[] Q, double[] P) Rest(int sites, int trajectories) =>
        (new double[sites * trajectories], new double[sites * trajectories]);

    /// <summary>
    /// Chain states drawn from a Gaussian with the given 2N x 2N covariance C of (q_1..q_N, p_1..p_N): x = L z with
    /// L L^T = C (see <see cref="SquareRoot"/>), z standard normals (<see cref="InitialDraws.Chain{TTarget, TFactor}"/>).
    /// </summary>
    public static (double[] Q, double[] P) Gaussian(double[,] covariance, int sites, int trajectories, uint trajectoryOffset,
        ulong seed)
    {
        var (q, p, _) = EnsembleStart.Gaussian(Factor(covariance), sites, seed, 1.0).DrawOnHost(sites, 0, trajectories, trajectoryOffset);
        return (q, p);
    }

    /// <summary><see cref="SquareRoot"/> of the covariance, row-major (the form an ensemble's draw reads).</summary>
    public static double[] Factor(double[,] covariance)
    {
        var l = SquareRoot(covariance);
        var flat = new double[l.RowCount * l.ColumnCount];
        for (int i = 0; i < l.RowCount; i++)
            for (int j = 0; j < l.ColumnCount; j++)
                flat[i * l.ColumnCount + j] = l[i, j];
        return flat;
    }

    /// <summary>
    /// A factor L with L L^T = C: the Cholesky factor when C is numerically positive definite; otherwise (long chains
    /// at T_R = 0 make C semidefinite to rounding) V sqrt(max(lambda, 0)) from C's symmetric eigendecomposition,
    /// which drops only directions of zero variance.
    /// </summary>
    public static Matrix<double> SquareRoot(double[,] covariance)
    {
        var c = Matrix<double>.Build.DenseOfArray(covariance);
        try
        {
            return c.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            var evd = ((c + c.Transpose()) * 0.5).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            var roots = evd.EigenValues.Map(l => Math.Sqrt(Math.Max(l.Real, 0)));
            return evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(roots);
        }
    }

    /// <summary>Bath particles uniform on the ring [0, L): their stationary distribution when the probe sits at 0.</summary>
    public static float[] UniformParticles(int particles, double ringLength, int trajectories, uint trajectoryOffset, ulong seed) =>
        EnsembleStart.Rest(seed, ringLength).DrawOnHost(0, particles, trajectories, trajectoryOffset).X ?? [];
}
