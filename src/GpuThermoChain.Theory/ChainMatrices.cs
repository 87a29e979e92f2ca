using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Theory;

/// <summary>Matrices of the harmonic chain shared by every method (docs/model.md, "Effective Markov chain").</summary>
internal static class ChainMatrices
{
    /// <summary>
    /// The stiffness matrix Phi: 2k on the diagonal, -k off it, Phi_11 = k + leftPinning, Phi_NN = k + rightPinning
    /// (for N = 1: Phi_11 = leftPinning). Throws <see cref="ChainUnstableException"/> if it is not positive definite.
    /// </summary>
    public static Matrix<double> Stiffness(int n, double k, double leftPinning, double rightPinning, string blame)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), "The chain needs at least one site.");
        var phi = Matrix<double>.Build.Dense(n, n);
        if (n == 1)
        {
            phi[0, 0] = leftPinning;
        }
        else
        {
            for (int j = 0; j < n; j++)
            {
                phi[j, j] = 2 * k;
                if (j + 1 < n) { phi[j, j + 1] = -k; phi[j + 1, j] = -k; }
            }
            phi[0, 0] = k + leftPinning;
            phi[n - 1, n - 1] = k + rightPinning;
        }
        if (!IsPositiveDefinite(phi))
            throw new ChainUnstableException(blame, "The stiffness matrix is not positive definite: the chain has no stationary state.");
        return phi;
    }

    /// <summary>
    /// Chooses the config name to blame for an unstable chain: a non-positive left pinning is k_eff, set by the bath
    /// temperature; else the pinning; else the coupling.
    /// </summary>
    public static string Blame(EffectiveChainSpec s) =>
        s.LeftPinning <= 0 ? "particleBath.temperature" : s.RightPinning < 0 ? "chain.pinning" : "chain.coupling";

    public static bool IsPositiveDefinite(Matrix<double> phi)
    {
        int n = phi.RowCount;
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = phi[i, j];
                for (int r = 0; r < j; r++) s -= l[i, r] * l[j, r];
                if (i == j)
                {
                    if (!(s > 0)) return false;
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        }
        return true;
    }

    /// <summary>
    /// Drift M of X = (q_1..q_N, p_1..p_N): dq = p/m dt, dp = (-Phi q - Gamma p / m) dt, with Gamma = diag(gammaL, 0.., gammaR)
    /// (for N = 1 both frictions act on the one site).
    /// </summary>
    public static Matrix<double> Drift(Matrix<double> phi, double mass, double gammaL, double gammaR, int extra = 0)
    {
        int n = phi.RowCount;
        var m = Matrix<double>.Build.Dense(2 * n + extra, 2 * n + extra);
        for (int j = 0; j < n; j++)
        {
            m[j, n + j] = 1.0 / mass;
            for (int l = 0; l < n; l++) m[n + j, l] = -phi[j, l];
        }
        m[n, n] -= gammaL / mass;
        m[2 * n - 1, 2 * n - 1] -= gammaR / mass;
        return m;
    }

    /// <summary>
    /// The current estimators of docs/model.md, "Estimators of the heat current" from the covariance <paramref name="cLeft"/> of the state driven by
    /// unit left temperature alone (right bath at T = 0), scaled by dT = T_L - T_R. The full covariance is
    /// T_R C_eq + dT C_L and C_eq carries no current, so no large equilibrium part has to cancel (gamma_L = 1e-6 safe).
    /// <paramref name="leftForceRow"/> gives the left-bath current as &lt;f_L p_1&gt;/m, f_L = row . X; null means the
    /// Langevin form gamma_L (T_L - &lt;p_1^2&gt;/m)/m.
    /// </summary>
    public static CurrentEstimators Currents(Matrix<double> cLeft, int n, double mass, double k, double gammaL, double gammaR,
        double dT, Vector<double>? leftForceRow)
    {
        double right = gammaR / mass * cLeft[2 * n - 1, 2 * n - 1] / mass * dT;
        double left;
        if (leftForceRow is null)
            left = gammaL / mass * (1 - cLeft[n, n] / mass) * dT;
        else
            left = leftForceRow * cLeft.Column(n) / mass * dT;
        double bond = right;
        if (n > 1)
        {
            double sum = 0;
            for (int j = 0; j < n - 1; j++)
            {
                double qp = cLeft[j, n + j] + cLeft[j, n + j + 1] - cLeft[j + 1, n + j] - cLeft[j + 1, n + j + 1];
                sum += k / (2 * mass) * qp;
            }
            bond = sum / (n - 1) * dT;
        }
        return new CurrentEstimators(bond, right, left);
    }

    public static double[,] ToArray(Matrix<double> c) => c.ToArray();

    /// <summary>
    /// The eigenvalues of <paramref name="m"/>, computed after balancing it (Osborne's iteration, Parlett-Reinsch form:
    /// a similarity by powers of two, exact in floating point, that equalises each row's and column's off-diagonal
    /// norms). A drift matrix mixes 1/m in its q rows with the stiffness in its p rows, and the embedding adds rates
    /// 1/tau_n: at chain.mass = 1e12 the unbalanced matrix's eigenvalues carry absolute errors ~1e-16 |M| that are 15 %
    /// of the narrowest resonance's width, which the frequency-domain quadrature places its grid by.
    /// </summary>
    public static Complex[] EigenvaluesBalanced(Matrix<double> m, TheoryWork? work = null)
    {
        var a = m.Clone();
        int n = a.RowCount;
        for (bool changed = true; changed; )
        {
            work?.Cancellation.ThrowIfCancellationRequested();
            changed = false;
            for (int i = 0; i < n; i++)
            {
                double c = 0, r = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    c += Math.Abs(a[j, i]);
                    r += Math.Abs(a[i, j]);
                }
                if (c == 0 || r == 0) continue;
                double f = 1, total = c + r;
                while (c < r / 2) { c *= 4; f *= 2; }
                while (c >= r * 2) { c /= 4; f /= 2; }
                // Scaling column i by f and row i by 1/f makes the norms c f and r / f: done when that lowers their
                // sum noticeably (c here is already c f^2).
                if ((c + r) / f < 0.95 * total)
                {
                    changed = true;
                    for (int j = 0; j < n; j++) a[i, j] /= f;
                    for (int j = 0; j < n; j++) a[j, i] *= f;
                }
            }
        }
        return a.Evd().EigenValues.ToArray();
    }
}
