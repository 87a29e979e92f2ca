using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Theory;

/// <summary>
/// Stationary covariances of linear stochastic systems (docs/model.md, "Effective Markov chain").
/// Both equations are solved by the squared Smith (doubling) iteration C = sum_k A^k Q (A^k)^T, which only adds
/// positive semidefinite terms and so keeps relative accuracy where an eigenvector method would lose it
/// (nearly defective, non-normal chain matrices). One or two steps of iterative refinement on the residual
/// then bring the residual to rounding level.
/// </summary>
public static class LyapunovSolver
{
    private const int MaxDoublings = 200;
    private const int RefinementSteps = 2;

    /// <summary>Solves M C + C M^T + Q = 0 for a stable M (all eigenvalues in the left half plane).</summary>
    /// <remarks>
    /// The Cayley transform A = (aI - M)^{-1}(aI + M) maps it to the Stein equation C = A C A^T + 2a U Q U^T,
    /// U = (aI - M)^{-1}; the shift a is the geometric mean of the extreme eigenvalue moduli of M (fastest contraction).
    /// </remarks>
    public static Matrix<double> SolveContinuous(Matrix<double> m, Matrix<double> q) => SolveContinuous(m, q, null);

    /// <inheritdoc cref="SolveContinuous(Matrix{double}, Matrix{double})"/>
    /// <param name="m">The drift.</param>
    /// <param name="q">The noise covariance rate.</param>
    /// <param name="work">Cancellation (polled at every doubling) and the count of doubling steps; null for none.</param>
    public static Matrix<double> SolveContinuous(Matrix<double> m, Matrix<double> q, TheoryWork? work)
    {
        int n = m.RowCount;
        var moduli = m.Evd().EigenValues.Select(z => z.Magnitude).Where(x => x > 0).ToArray();
        if (moduli.Length == 0) throw new ArgumentException("The drift matrix is zero.");
        double a = Math.Sqrt(moduli.Max() * moduli.Min());
        var eye = Matrix<double>.Build.DenseIdentity(n);
        var lu = (eye * a - m).LU();
        var u = lu.Inverse();
        var cayley = lu.Solve(eye * a + m);
        var stein = new SteinDoubling(cayley, work);
        Matrix<double> Transform(Matrix<double> rhs) => u * rhs.TransposeAndMultiply(u) * (2 * a);
        var c = stein.Apply(Transform(q));
        for (int step = 0; step < RefinementSteps; step++)
        {
            var residual = m * c + c.TransposeAndMultiply(m) + q;
            c += stein.Apply(Transform(Symmetrize(residual)));
        }
        return Symmetrize(c);
    }

    /// <summary>Solves the discrete Lyapunov (Stein) equation C = A C A^T + Q for a contracting A (spectral radius &lt; 1).</summary>
    public static Matrix<double> SolveDiscrete(Matrix<double> a, Matrix<double> q)
    {
        var stein = new SteinDoubling(a);
        var c = stein.Apply(q);
        for (int step = 0; step < RefinementSteps; step++)
        {
            var residual = a * c.TransposeAndMultiply(a) + q - c;
            c += stein.Apply(Symmetrize(residual));
        }
        return Symmetrize(c);
    }

    private static Matrix<double> Symmetrize(Matrix<double> x) => (x + x.Transpose()) * 0.5;

    /// <summary>The powers A^(2^k) of one contraction, kept so that several right-hand sides reuse them.</summary>
    /// <remarks>
    /// On Math.NET's column-major arrays through <see cref="ColumnMajorProducts"/>: the same products, norms and sums in
    /// the same order as Math.NET's (the same bits), without an allocation per product.
    /// </remarks>
    private sealed class SteinDoubling
    {
        private readonly List<double[]> _powers = new();
        private readonly TheoryWork? _work;
        private readonly int _n;

        public SteinDoubling(Matrix<double> a, TheoryWork? work = null)
        {
            _work = work;
            _n = a.RowCount;
            var power = a.ToColumnMajorArray();
            for (int k = 0; ; k++)
            {
                if (k == MaxDoublings)
                    throw new ChainUnstableException("system", "The linear system does not contract: no stationary state.");
                _work?.Doubled();
                _powers.Add(power);
                double norm = ColumnMajorProducts.FrobeniusNorm(power, _n);
                if (!double.IsFinite(norm) || norm > 1e150)
                    throw new ChainUnstableException("system", "The linear system is unstable: no stationary state.");
                if (norm < 1e-12 && k > 0) break;
                var square = new double[_n * _n];
                ColumnMajorProducts.Multiply(power, power, square, _n);
                power = square;
            }
        }

        /// <summary>sum_k A^k Q (A^k)^T via Q_{j+1} = Q_j + A^(2^j) Q_j (A^(2^j))^T.</summary>
        public Matrix<double> Apply(Matrix<double> q)
        {
            var sum = q.ToColumnMajorArray();
            var right = new double[sum.Length];
            var term = new double[sum.Length];
            foreach (var p in _powers)
            {
                _work?.Doubled();
                ColumnMajorProducts.MultiplyTransposed(sum, p, right, _n);
                ColumnMajorProducts.Multiply(p, right, term, _n);
                for (int i = 0; i < sum.Length; i++) sum[i] += term[i];
            }
            return Matrix<double>.Build.Dense(_n, _n, sum);
        }
    }
}
