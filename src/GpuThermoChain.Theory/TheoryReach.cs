using System.Numerics;
using MathNet.Numerics;

namespace GpuThermoChain.Theory;

/// <summary>
/// Thrown where a parameter set is physically fine but beyond what the theory can compute in double precision (see
/// <see cref="TheoryReach"/>). <see cref="Parameter"/> names the config entry to change when the caller knows it.
/// </summary>
public sealed class TheoryOutOfReachException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

/// <summary>
/// What the theory can compute: every route (Lyapunov doubling, the frequency-domain quadratures, the eigenvalues they
/// place their grids by) loses about 1e-21 times the spread of the system's time scales to rounding, relative: the
/// fastest rate (the top chain frequency, or the fastest bath mode 1/tau_n) over the slowest decay rate (the narrowest
/// resonance's half-width). Measured at N = 8 on the paper's bath, raising chain.pinning: spread 3.6e11 (K = 1e4) gave
/// Green's function and Lyapunov currents 3e-9 apart, 2.7e14 (K = 1e5) 6e-7, and at 2.4e14 (K = 1e6) the eigenvalue
/// solver returned a growing mode and the Lyapunov doubling no longer contracted. Below <see cref="MaxTimeScaleSpread"/>
/// the routes agree to ~1e-7, far below any simulation's standard error, and every computation's cost is bounded.
/// Separately, the stiffness matrix's condition number (its largest over its smallest eigenvalue) multiplies the
/// rounding of every covariance: a near-rigid chain (chain.coupling = 1e15 at K = 1) has the bond differences
/// q_j - q_{j+1} cancel to nothing and gave a Lyapunov current of 1.6e9 against a true 0.126, while at a condition of
/// 1.6e7 (chain.coupling = 1e6) the routes still agreed to 1e-11; <see cref="MaxStiffnessCondition"/> keeps the
/// loss below ~1e-7.
/// </summary>
public static class TheoryReach
{
    /// <summary>The largest ratio of fastest rate to slowest decay rate the theory accepts.</summary>
    public const double MaxTimeScaleSpread = 1e13;

    /// <summary>The largest condition number of the (bath-softened) stiffness matrix the theory accepts.</summary>
    public const double MaxStiffnessCondition = 1e9;

    /// <summary>
    /// The condition number of the effective chain's stiffness matrix (k_eff on site 1); +infinity where it cannot be
    /// computed.
    /// </summary>
    /// <exception cref="ChainUnstableException">The chain has no stationary state at all.</exception>
    public static double StiffnessCondition(TheoryParameters p)
    {
        var spec = EffectiveChainSpec.FromParameters(p);
        try
        {
            var eigen = EffectiveChain.Stiffness(spec).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues;
            double max = eigen.Max(z => z.Real), min = eigen.Min(z => z.Real);
            return min > 0 && double.IsFinite(max) ? max / min : double.PositiveInfinity;
        }
        catch (NonConvergenceException)
        {
            return double.PositiveInfinity;
        }
    }

    /// <summary>
    /// The spread of time scales of the Markov chain's drift and the bath's modes; +infinity when the numbers are not
    /// even representable (a rate that overflows or vanishes, an eigenvalue solver that fails to converge).
    /// </summary>
    /// <exception cref="ChainUnstableException">The chain has no stationary state at all (physics, not precision).</exception>
    public static double TimeScaleSpread(TheoryParameters p)
    {
        var spec = EffectiveChainSpec.FromParameters(p);
        double[] numbers = [spec.Mass, spec.SpringConstant, spec.LeftPinning, spec.RightPinning, spec.LeftFriction, spec.RightFriction];
        if (numbers.Any(x => !double.IsFinite(x)) || !(spec.LeftFriction > 0) || !(spec.Mass > 0))
            return double.PositiveInfinity;
        var modes = BathModes.Modes(p);
        double fastest = 0, slowest = double.PositiveInfinity;
        foreach (var mode in modes)
        {
            if (!(mode.Tau > 0) || !double.IsFinite(mode.Tau) || !double.IsFinite(mode.C)) return double.PositiveInfinity;
            fastest = Math.Max(fastest, 1 / mode.Tau);
            slowest = Math.Min(slowest, 1 / mode.Tau);
        }
        Complex[] eigenvalues;
        try
        {
            var phi = EffectiveChain.Stiffness(spec);
            eigenvalues = ChainMatrices.EigenvaluesBalanced(ChainMatrices.Drift(phi, spec.Mass, spec.LeftFriction, spec.RightFriction));
        }
        catch (NonConvergenceException)
        {
            return double.PositiveInfinity;
        }
        foreach (var z in eigenvalues)
        {
            if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary)) return double.PositiveInfinity;
            fastest = Math.Max(fastest, z.Magnitude);
            slowest = Math.Min(slowest, -z.Real);
        }
        return slowest > 0 ? fastest / slowest : double.PositiveInfinity;
    }

    /// <summary>True when <paramref name="p"/> is within reach (a chain without stationary state counts as within: the theory says so itself).</summary>
    public static bool Within(TheoryParameters p)
    {
        try
        {
            return TimeScaleSpread(p) <= MaxTimeScaleSpread && StiffnessCondition(p) <= MaxStiffnessCondition;
        }
        catch (ChainUnstableException)
        {
            return true;
        }
    }
}
