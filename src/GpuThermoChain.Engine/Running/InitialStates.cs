using GpuThermoChain.Model;
using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// Initial ensemble states in the structure-of-arrays layout the device expects (element (j, t) at j*M + t).
/// Every draw is keyed by (seed, trajectory id, purpose) like the dynamics' noise, so a trajectory starts
/// the same whatever the ensemble split or device.
/// </summary>
public static class InitialStates
{
    /// <summary>Purpose id of the normals that draw the chain's initial state (distinct from the step purposes).</summary>
    public const uint ChainPurpose = 0xF0;
    /// <summary>Purpose id of the uniforms that place the bath particles.</summary>
    public const uint ParticlePurpose = 0xF1;

    /// <summary>All sites at rest at q = 0.</summary>
    public static (double[] Q, double[] P) Rest(int sites, int trajectories) =>
        (new double[sites * trajectories], new double[sites * trajectories]);

    /// <summary>
    /// Chain states drawn from a Gaussian with the given 2N x 2N covariance C of (q_1..q_N, p_1..p_N): x = L z with
    /// L L^T = C (see <see cref="SquareRoot"/>), z standard normals.
    /// </summary>
    public static (double[] Q, double[] P) Gaussian(double[,] covariance, int sites, int trajectories, uint trajectoryOffset,
        ulong seed)
    {
        var cholesky = SquareRoot(covariance);
        int dim = 2 * sites;
        var q = new double[sites * trajectories];
        var p = new double[sites * trajectories];
        var z = new double[dim];
        for (int t = 0; t < trajectories; t++)
        {
            uint id = trajectoryOffset + (uint)t;
            for (int g = 0; 4 * g < dim; g++)
            {
                var n = NoiseStreams.Normals((uint)seed, (uint)(seed >> 32), id, 0, ChainPurpose, 0, (uint)g);
                Span<double> four = [n.Z0, n.Z1, n.Z2, n.Z3];
                for (int l = 0; l < 4 && 4 * g + l < dim; l++) z[4 * g + l] = four[l];
            }
            for (int i = 0; i < dim; i++)
            {
                double s = 0;
                for (int j = 0; j < dim; j++) s += cholesky[i, j] * z[j];
                if (i < sites) q[i * trajectories + t] = s;
                else p[(i - sites) * trajectories + t] = s;
            }
        }
        return (q, p);
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
    public static float[] UniformParticles(int particles, double ringLength, int trajectories, uint trajectoryOffset, ulong seed)
    {
        var x = new float[particles * trajectories];
        for (int t = 0; t < trajectories; t++)
        {
            uint id = trajectoryOffset + (uint)t;
            for (int g = 0; 4 * g < particles; g++)
            {
                var b = Philox4x32x10.Generate(id, 0, (ParticlePurpose << NoiseStreams.SubstepBits), (uint)g, (uint)seed, (uint)(seed >> 32));
                Span<uint> words = [b.X0, b.X1, b.X2, b.X3];
                for (int l = 0; l < 4 && 4 * g + l < particles; l++)
                {
                    float xi = (float)(ringLength * ((words[l] + 0.5) / 4294967296.0));
                    // Rounding to float can land exactly on L; the ring is [0, L).
                    x[(4 * g + l) * trajectories + t] = xi < (float)ringLength ? xi : 0f;
                }
            }
        }
        return x;
    }
}
