using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Theory;

/// <summary>The slow oscillating pair of eigenvalues of the probe's mean motion: envelope rate and frequency.</summary>
/// <param name="EnvelopeRate">Decay rate of the envelope of &lt;v(t)&gt;, -Re lambda (written gamma / (2m)).</param>
/// <param name="Frequency">Angular frequency, |Im lambda|.</param>
public readonly record struct ProbeMode(double EnvelopeRate, double Frequency)
{
    /// <summary>The friction this rate corresponds to, gamma = 2 m * rate.</summary>
    public double Friction(double mass) => 2 * mass * EnvelopeRate;
}

/// <summary>
/// The mean motion of a single released probe (N = 1, k = 0, no right bath; the paper's Fig. 2b) in the linear-response,
/// order-eps^2 theory with the bath's memory kept (docs/model.md, "Memory-kernel theory", Markovian embedding without the noise):
/// m v' = -K q + sum_n y_n,  y_n' = -(y_n - c_n q / T_L) / tau_n,  q(0) = 0, v(0) = v0, y_n(0) = 0 (particles uniform).
/// Noise averages out of the mean because the equations are linear. As tau_n -> 0 it is the Markov oscillator
/// m v' = -k_eff q - gamma_L v, whose envelope decays at gamma_L / (2m). Valid while eps |q| F / T_L stays small
/// (the bath's response is then linear in q).
/// </summary>
public static class ProbeRelaxation
{
    /// <summary>The drift matrix of (q, v, y_1..y_n) for <paramref name="p"/> (only Mass, Pinning and the bath enter).</summary>
    public static Matrix<double> DriftMatrix(TheoryParameters p)
    {
        var modes = BathModes.Modes(p);
        int n = 2 + modes.Count;
        var a = Matrix<double>.Build.Dense(n, n);
        a[0, 1] = 1;
        a[1, 0] = -p.PinningConstant / p.Mass;
        for (int i = 0; i < modes.Count; i++)
        {
            a[1, 2 + i] = 1 / p.Mass;
            a[2 + i, 0] = modes[i].C / (p.BathTemperature * modes[i].Tau);
            a[2 + i, 2 + i] = -1 / modes[i].Tau;
        }
        return a;
    }

    /// <summary>
    /// &lt;q(t)&gt; and &lt;v(t)&gt; at t = 0, dt, 2 dt, ... (<paramref name="count"/> values), by repeated multiplication
    /// with the exact propagator exp(A dt).
    /// </summary>
    public static (double[] Q, double[] V) MeanTrajectory(TheoryParameters p, double initialVelocity, double dt, int count)
    {
        var a = DriftMatrix(p);
        var propagator = Exponential(a, dt);
        var x = Vector<double>.Build.Dense(a.RowCount);
        x[1] = initialVelocity;
        var q = new double[count];
        var v = new double[count];
        for (int i = 0; i < count; i++)
        {
            q[i] = x[0];
            v[i] = x[1];
            x = propagator * x;
        }
        return (q, v);
    }

    /// <summary>The oscillating eigenvalue pair of the memory-kernel mean motion (the slowest complex pair).</summary>
    public static ProbeMode MemoryKernelMode(TheoryParameters p)
    {
        var eigen = DriftMatrix(p).Evd().EigenValues;
        var pair = eigen.Where(l => Math.Abs(l.Imaginary) > 0).OrderByDescending(l => l.Real).FirstOrDefault();
        if (pair.Imaginary == 0)
            throw new ChainUnstableException("particleBath.temperature", "the probe's mean motion is overdamped or unstable: no oscillating mode");
        return new ProbeMode(-pair.Real, Math.Abs(pair.Imaginary));
    }

    /// <summary>The Markov oscillator's mode: rate gamma_L/(2m), frequency sqrt(k_eff/m - (gamma_L/2m)^2).</summary>
    public static ProbeMode MarkovMode(TheoryParameters p)
    {
        double rate = BathModes.GammaL(p) / (2 * p.Mass);
        double w2 = BathModes.KEff(p) / p.Mass - rate * rate;
        return new ProbeMode(rate, w2 > 0 ? Math.Sqrt(w2) : double.NaN);
    }

    /// <summary>exp(A t) by scaling and squaring of the Taylor series (the fast bath modes make A stiff, but it is small).</summary>
    private static Matrix<double> Exponential(Matrix<double> a, double t)
    {
        var m = a * t;
        double norm = m.InfinityNorm();
        int squarings = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        m /= Math.Pow(2, squarings);
        var result = Matrix<double>.Build.DenseIdentity(a.RowCount);
        var term = Matrix<double>.Build.DenseIdentity(a.RowCount);
        for (int k = 1; k <= 30; k++)
        {
            term = term * m / k;
            result += term;
            if (term.InfinityNorm() < 1e-18 * result.InfinityNorm()) break;
        }
        for (int i = 0; i < squarings; i++) result *= result;
        return result;
    }
}
