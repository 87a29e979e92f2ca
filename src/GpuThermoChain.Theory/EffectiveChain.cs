using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Theory;

/// <summary>A stationary state of a linear chain model: its covariance, the current estimators and the kinetic temperatures.</summary>
/// <param name="Covariance">Stationary covariance of (q_1..q_N, p_1..p_N[, bath variables]).</param>
/// <param name="Currents">Estimators of docs/model.md, "Estimators of the heat current" evaluated exactly from the covariance.</param>
/// <param name="TemperatureProfile">&lt;p_j^2&gt;/m for j = 1..N.</param>
public sealed record StationaryState(double[,] Covariance, CurrentEstimators Currents, IReadOnlyList<double> TemperatureProfile);

/// <summary>
/// The Markov effective chain of docs/model.md, "Effective Markov chain": site 1 with pinning k_eff and Langevin bath (gamma_L, T_L),
/// site N with pinning K and (gamma_R, T_R). Three independent routes to its current: Green's function,
/// Lyapunov equation, and the N -> infinity closed form.
/// </summary>
public static class EffectiveChain
{
    /// <summary>Green's function current J = (2 gamma_L gamma_R (T_L - T_R)/pi) int_0^inf w^2 |G_1N(w)|^2 dw, exact for any N (docs/model.md, "Effective Markov chain").</summary>
    public static double CurrentGreen(TheoryParameters p) => CurrentGreen(EffectiveChainSpec.FromParameters(p));

    /// <inheritdoc cref="CurrentGreen(TheoryParameters)"/>
    public static double CurrentGreen(EffectiveChainSpec s) => CurrentGreen(s, null);

    /// <inheritdoc cref="CurrentGreen(TheoryParameters)"/>
    /// <param name="s">The chain.</param>
    /// <param name="work">Cancellation, progress and the count of integrand evaluations; null for none.</param>
    public static double CurrentGreen(EffectiveChainSpec s, TheoryWork? work)
    {
        var phi = Stiffness(s);
        double dT = s.LeftTemperature - s.RightTemperature;
        if (dT == 0 || s.LeftFriction == 0 || s.RightFriction == 0 || (s.Sites > 1 && s.SpringConstant == 0)) return 0;
        var diagonal = phi.Diagonal().ToArray();
        var eigenvalues = ChainMatrices.EigenvaluesBalanced(ChainMatrices.Drift(phi, s.Mass, s.LeftFriction, s.RightFriction), work);
        double integral = ResonantQuadrature.Integrate(
            w => w * w * GreenFunctionCurrent.EndToEndSquared(s.Sites, s.Mass, s.SpringConstant, diagonal, w,
                new Complex(0, w * s.LeftFriction), new Complex(0, w * s.RightFriction)),
            eigenvalues, work);
        return 2 * s.LeftFriction * s.RightFriction * dT / Math.PI * integral;
    }

    /// <summary>
    /// Stationary state from the Lyapunov equation M C + C M^T + B B^T = 0 of the chain's linear SDE (docs/model.md, "Effective Markov chain").
    /// C = T_R C_eq + (T_L - T_R) C_L with C_eq = diag(Phi^{-1}, m I) exact and C_L solved with unit left noise only, so that
    /// the estimators (taken from C_L) keep full relative precision even when the current is tiny.
    /// </summary>
    public static StationaryState Lyapunov(TheoryParameters p) => Lyapunov(EffectiveChainSpec.FromParameters(p));

    /// <inheritdoc cref="Lyapunov(TheoryParameters)"/>
    public static StationaryState Lyapunov(EffectiveChainSpec s) => Lyapunov(s, null);

    /// <inheritdoc cref="Lyapunov(TheoryParameters)"/>
    /// <param name="s">The chain.</param>
    /// <param name="work">Cancellation and the count of doubling steps; null for none.</param>
    public static StationaryState Lyapunov(EffectiveChainSpec s, TheoryWork? work)
    {
        int n = s.Sites;
        var phi = Stiffness(s);
        var drift = ChainMatrices.Drift(phi, s.Mass, s.LeftFriction, s.RightFriction);
        var noise = Matrix<double>.Build.Dense(2 * n, 2 * n);
        noise[n, n] = 2 * s.LeftFriction;
        var cLeft = LyapunovSolver.SolveContinuous(drift, noise, work);

        var cEq = Matrix<double>.Build.Dense(2 * n, 2 * n);
        cEq.SetSubMatrix(0, 0, phi.Inverse());
        for (int j = 0; j < n; j++) cEq[n + j, n + j] = s.Mass;
        double dT = s.LeftTemperature - s.RightTemperature;
        var c = cEq * s.RightTemperature + cLeft * dT;

        var currents = ChainMatrices.Currents(cLeft, n, s.Mass, s.SpringConstant, s.LeftFriction, s.RightFriction, dT, null);
        var profile = Enumerable.Range(0, n).Select(j => c[n + j, n + j] / s.Mass).ToArray();
        return new StationaryState(c.ToArray(), currents, profile);
    }

    /// <summary>
    /// The N -> infinity closed form J = 2 gamma_L gamma_R k^2 (T_L - T_R) / (m [D0 - D1 + sqrt(D0 (D0 - 2 D1))]),
    /// D0 = gamma_L K^2 + gamma_R k_eff^2, D1 = 2k [gamma_L (K - k) + gamma_R (k_eff - k)] - (2k/m) gamma_L gamma_R (gamma_L + gamma_R)
    /// (docs/model.md, "Closed form"; prefactor 2, not the paper's 4). Exact at any N for a uniform chain (k_eff = K = k).
    /// </summary>
    public static double ClosedForm(TheoryParameters p) => ClosedForm(EffectiveChainSpec.FromParameters(p));

    /// <inheritdoc cref="ClosedForm(TheoryParameters)"/>
    public static double ClosedForm(EffectiveChainSpec s)
    {
        double gl = s.LeftFriction, gr = s.RightFriction, k = s.SpringConstant, m = s.Mass;
        double kl = s.LeftPinning, kr = s.RightPinning;
        double d0 = gl * kr * kr + gr * kl * kl;
        double d1 = 2 * k * (gl * (kr - k) + gr * (kl - k)) - 2 * k / m * gl * gr * (gl + gr);
        return 2 * gl * gr * k * k * (s.LeftTemperature - s.RightTemperature) / (m * (d0 - d1 + Math.Sqrt(d0 * (d0 - 2 * d1))));
    }

    /// <summary>The weak-coupling limit gamma_L (T_L - T_R)/m (docs/model.md, "Closed form").</summary>
    public static double WeakCoupling(EffectiveChainSpec s) => s.LeftFriction * (s.LeftTemperature - s.RightTemperature) / s.Mass;

    internal static Matrix<double> Stiffness(EffectiveChainSpec s) =>
        ChainMatrices.Stiffness(s.Sites, s.SpringConstant, s.LeftPinning, s.RightPinning, ChainMatrices.Blame(s));
}
