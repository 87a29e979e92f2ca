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
    private sealed class SteinDoubling
    {
        private readonly List<Matrix<double>> _powers = new();
        private readonly TheoryWork? _work;

        public SteinDoubling(Matrix<double> a, TheoryWork? work = null)
        {
            _work = work;
            var power = a;
            for (int k = 0; ; k++)
            {
                if (k == MaxDoublings)
                    throw new ChainUnstableException("system", "The linear system does not contract: no stationary state.");
                _work?.Doubled();
                _powers.Add(power);
                double norm = power.FrobeniusNorm();
                if (!double.IsFinite(norm) || norm > 1e150)
                    throw new ChainUnstableException("system", "The linear system is unstable: no stationary state.");
                if (norm < 1e-12 && k > 0) break;
                power = power * power;
            }
        }

        /// <summary>sum_k A^k Q (A^k)^T via Q_{j+1} = Q_j + A^(2^j) Q_j (A^(2^j))^T.</summary>
        /// <remarks>
        /// Into two scratch matrices made once, not a new matrix per product: the same Math.NET products and sums in the
        /// same order (the same bits), without a fresh allocation, and the memory it first touches, for every doubling.
        /// </remarks>
        public Matrix<double> Apply(Matrix<double> q)
        {
            var sum = q.Clone();
            var right = Matrix<double>.Build.Dense(q.RowCount, q.ColumnCount);
            var term = Matrix<double>.Build.Dense(q.RowCount, q.ColumnCount);
            foreach (var p in _powers)
            {
                _work?.Doubled();
                sum.TransposeAndMultiply(p, right);
                p.Multiply(right, term);
                sum.Add(term, sum);
            }
            return sum;
        }
    }
}
