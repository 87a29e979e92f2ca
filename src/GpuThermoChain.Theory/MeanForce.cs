using MathNet.Numerics;

namespace GpuThermoChain.Theory;

/// <summary>The quasi-static mean bath force on a probe frozen at q (docs/model.md, "Effective Markov chain"; the paper's Fig. 2a).</summary>
public static class MeanForce
{
    /// <summary>
    /// F_qs(q) = -eps N_b &lt;F&gt;_q + lambda with &lt;F&gt;_q = int F e^{-eps q F/T_L} dx / int e^{-eps q F/T_L} dx, no expansion.
    /// The integrand is smooth and periodic, so the trapezoid rule converges exponentially; the point count is doubled
    /// until two rules agree to 1e-15. Exponents are shifted by their maximum so that nothing overflows.
    /// </summary>
    public static double Exact(TheoryParameters p, double q) =>
        -p.CouplingStrength * p.BathParticles * (ConditionalMeanF(p, q) - p.Amplitude);

    /// <summary>The order-eps^2 expansion eps^2 N_b Var(F) q / T_L (docs/model.md, "Effective Markov chain"): the force that softens k_eff.</summary>
    public static double SecondOrder(TheoryParameters p, double q) =>
        p.CouplingStrength * p.CouplingStrength * p.BathParticles * BathModes.VarianceF(p.Amplitude, p.Localisation) * q / p.BathTemperature;

    /// <summary>
    /// &lt;F&gt;_q, the mean of F over the ring under the Boltzmann weight e^{-eps q F / T_L}. Written via the ring angle
    /// theta = 2 pi x / L, with F = A e^{rho (cos theta - 1)} / I0e(rho) (I0e the exponentially scaled I_0).
    /// </summary>
    public static double ConditionalMeanF(TheoryParameters p, double q)
    {
        double s = p.CouplingStrength * q / p.BathTemperature;
        double scale = p.Amplitude / SpecialFunctions.BesselIScaled(0, p.Localisation);
        double previous = double.NaN;
        for (int points = 64; points <= 1 << 20; points *= 2)
        {
            double current = TrapezoidMean(points, p.Localisation, scale, s);
            if (Math.Abs(current - previous) <= 1e-15 * Math.Abs(current)) return current;
            previous = current;
        }
        return previous;
    }

    private static double TrapezoidMean(int points, double rho, double scale, double s)
    {
        var f = new double[points];
        double maxExponent = double.NegativeInfinity;
        for (int j = 0; j < points; j++)
        {
            f[j] = scale * Math.Exp(rho * (Math.Cos(2 * Math.PI * j / points) - 1));
            maxExponent = Math.Max(maxExponent, -s * f[j]);
        }
        double z = 0, zf = 0;
        for (int j = 0; j < points; j++)
        {
            double w = Math.Exp(-s * f[j] - maxExponent);
            z += w;
            zf += w * f[j];
        }
        return zf / z;
    }
}
