using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Theory;

/// <summary>
/// The memory-kernel theory of docs/model.md, "Memory-kernel theory": site 1 keeps its bare pinning K and feels the bath's dynamic
/// susceptibility chi(w) = (1/T_L) sum_n c_n / (1 - i w tau_n) instead of (k_eff, gamma_L). Two independent routes:
/// the frequency-domain Green's function, and a Markovian embedding (one Ornstein-Uhlenbeck variable per mode) solved
/// by a Lyapunov equation.
/// </summary>
public static class MemoryKernel
{
    /// <summary>chi(w) = (1/T_L) sum_n c_n / (1 - i w tau_n); chi(0) = N_b eps^2 Var(F)/T_L = K - k_eff (docs/model.md, "Memory-kernel theory").</summary>
    public static Complex Susceptibility(TheoryParameters p, double w)
    {
        Complex sum = 0;
        foreach (var mode in BathModes.Modes(p)) sum += mode.C / new Complex(1, -w * mode.Tau);
        return sum / p.BathTemperature;
    }

    /// <summary>gamma_L(w) = Im chi(w) / w = (1/T_L) sum_n c_n tau_n / (1 + w^2 tau_n^2); gamma_L(0) is the Markov gamma_L.</summary>
    public static double Friction(TheoryParameters p, double w)
    {
        double sum = 0;
        foreach (var mode in BathModes.Modes(p)) sum += mode.C * mode.Tau / (1 + w * w * mode.Tau * mode.Tau);
        return sum / p.BathTemperature;
    }

    /// <summary>J = (2 gamma_R (T_L - T_R)/pi) int_0^inf w^2 gamma_L(w) |G_1N(w)|^2 dw with the memory-kernel G (docs/model.md, "Memory-kernel theory"), finite N.</summary>
    /// <exception cref="ChainUnstableException">k_eff &lt;= 0 (the static limit of the kernel leaves no restoring force).</exception>
    public static double CurrentFrequencyDomain(TheoryParameters p) => CurrentFrequencyDomain(p, null);

    /// <inheritdoc cref="CurrentFrequencyDomain(TheoryParameters)"/>
    /// <param name="p">The parameters.</param>
    /// <param name="work">Cancellation, progress and the count of integrand evaluations; null for none.</param>
    public static double CurrentFrequencyDomain(TheoryParameters p, TheoryWork? work)
    {
        var system = new Embedded(p);
        double dT = p.BathTemperature - p.RightTemperature;
        if (dT == 0 || p.RightFriction == 0 || (p.Sites > 1 && p.SpringConstant == 0)) return 0;
        var diagonal = system.BareStiffness.Diagonal().ToArray();
        var modes = system.Modes;
        double integral = ResonantQuadrature.Integrate(w =>
        {
            Complex chi = 0;
            double friction = 0;
            foreach (var mode in modes)
            {
                double wt = w * mode.Tau, denominator = 1 + wt * wt;
                chi += new Complex(mode.C / denominator, mode.C * wt / denominator);
                friction += mode.C * mode.Tau / denominator;
            }
            chi /= p.BathTemperature;
            friction /= p.BathTemperature;
            return w * w * friction * GreenFunctionCurrent.EndToEndSquared(p.Sites, p.Mass, p.SpringConstant, diagonal, w,
                chi, new Complex(0, w * p.RightFriction));
        }, ChainMatrices.EigenvaluesBalanced(system.Drift, work), work);
        return 2 * p.RightFriction * dT / Math.PI * integral;
    }

    /// <summary>
    /// The Markovian embedding (docs/model.md, "Memory-kernel theory"): dy_n = -(y_n - c_n q_1/T_L) dt/tau_n + sqrt(2 c_n/tau_n) dW_n, force
    /// sum_n y_n on site 1; the stationary covariance of (q, p, y) from its Lyapunov equation. The left-bath estimator is
    /// &lt;(sum_n y_n) p_1&gt;/m. As for the Markov chain, C = T_R C_eq + (T_L - T_R) C_L with C_eq the exact Boltzmann covariance.
    /// </summary>
    public static StationaryState Embedding(TheoryParameters p) => Embedding(p, null);

    /// <inheritdoc cref="Embedding(TheoryParameters)"/>
    /// <param name="p">The parameters.</param>
    /// <param name="work">Cancellation and the count of doubling steps; null for none.</param>
    public static StationaryState Embedding(TheoryParameters p, TheoryWork? work)
    {
        var system = new Embedded(p);
        int n = p.Sites, size = system.Drift.RowCount;
        var noise = Matrix<double>.Build.Dense(size, size);
        for (int i = 0; i < system.Modes.Count; i++)
            noise[2 * n + i, 2 * n + i] = 2 * system.Modes[i].C / (p.BathTemperature * system.Modes[i].Tau);
        var cLeft = LyapunovSolver.SolveContinuous(system.Drift, noise, work);
        double dT = p.BathTemperature - p.RightTemperature;
        var c = system.EquilibriumCovariance() * p.RightTemperature + cLeft * dT;

        var force = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(size);
        for (int i = 2 * n; i < size; i++) force[i] = 1;
        var currents = ChainMatrices.Currents(cLeft, n, p.Mass, p.SpringConstant, 0, p.RightFriction, dT, force);
        var profile = Enumerable.Range(0, n).Select(j => c[n + j, n + j] / p.Mass).ToArray();
        return new StationaryState(c.ToArray(), currents, profile);
    }

    /// <summary>The (q, p) block of an embedding covariance, whose rows and columns start with q_1..q_N, p_1..p_N.</summary>
    public static double[,] ChainBlock(double[,] full, int sites)
    {
        int size = 2 * sites;
        var block = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) block[i, j] = full[i, j];
        return block;
    }

    /// <summary>The enlarged linear system (q, p, y) of the embedding.</summary>
    private sealed class Embedded
    {
        public readonly TheoryParameters P;
        public readonly IReadOnlyList<BathMode> Modes;
        public readonly Matrix<double> BareStiffness;
        public readonly Matrix<double> EffectiveStiffness;
        public readonly Matrix<double> Drift;

        public Embedded(TheoryParameters p)
        {
            P = p;
            EffectiveChainSpec.FromParameters(p);
            Modes = BathModes.Modes(p);
            int n = p.Sites;
            BareStiffness = ChainMatrices.Stiffness(n, p.SpringConstant, p.PinningConstant, p.PinningConstant, "chain.pinning");
            double chi0 = Modes.Sum(m => m.C) / p.BathTemperature;
            EffectiveStiffness = BareStiffness.Clone();
            EffectiveStiffness[0, 0] -= chi0;
            if (!ChainMatrices.IsPositiveDefinite(EffectiveStiffness))
                throw new ChainUnstableException("particleBath.temperature", "The bath-softened stiffness matrix is not positive definite.");
            Drift = ChainMatrices.Drift(BareStiffness, p.Mass, 0, p.RightFriction, Modes.Count);
            for (int i = 0; i < Modes.Count; i++)
            {
                int y = 2 * n + i;
                Drift[n, y] = 1;
                Drift[y, y] = -1 / Modes[i].Tau;
                Drift[y, 0] = Modes[i].C / (p.BathTemperature * Modes[i].Tau);
            }
        }

        /// <summary>
        /// Boltzmann covariance at unit temperature of H = p^2/2m + q Phi q/2 - q_1 sum y + T_L sum y_n^2/(2 c_n), the
        /// extended energy whose overdamped y-dynamics is exactly the embedding: q-block Phi_eff^{-1}, p-block m I,
        /// cov(y_n, q) = (c_n/T_L) (Phi_eff^{-1})_{1,.}, cov(y_n, y_l) = delta c_n/T_L + c_n c_l (Phi_eff^{-1})_11 / T_L^2.
        /// </summary>
        public Matrix<double> EquilibriumCovariance()
        {
            int n = P.Sites, size = Drift.RowCount;
            double t = P.BathTemperature;
            var s = EffectiveStiffness.Inverse();
            var c = Matrix<double>.Build.Dense(size, size);
            c.SetSubMatrix(0, 0, s);
            for (int j = 0; j < n; j++) c[n + j, n + j] = P.Mass;
            for (int i = 0; i < Modes.Count; i++)
            {
                int y = 2 * n + i;
                for (int j = 0; j < n; j++) c[y, j] = c[j, y] = Modes[i].C / t * s[0, j];
                for (int l = 0; l < Modes.Count; l++)
                    c[y, 2 * n + l] = (i == l ? Modes[i].C / t : 0) + Modes[i].C * Modes[l].C * s[0, 0] / (t * t);
            }
            return c;
        }
    }
}
