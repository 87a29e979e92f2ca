using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace GpuThermoChain.Engine.Results;

/// <summary>A fitted damped cosine v(t) = A exp(-r t) cos(w t + phi).</summary>
public readonly record struct DampedCosine(double Amplitude, double EnvelopeRate, double Frequency, double Phase, double ChiSquarePerDof)
{
    public double At(double t) => Amplitude * Math.Exp(-EnvelopeRate * t) * Math.Cos(Frequency * t + Phase);
}

/// <summary>
/// Weighted least-squares fit of a damped cosine A exp(-r t) cos(w t + phi) (Levenberg-Marquardt, MathNet.Numerics),
/// weights 1 / stdErr^2. Points with a zero standard error (t = 0, where every trajectory starts alike) are left out.
/// </summary>
public static class EnvelopeFit
{
    public static DampedCosine Fit(IReadOnlyList<double> t, IReadOnlyList<double> y, IReadOnlyList<double> stdErr, DampedCosine guess)
    {
        var idx = Enumerable.Range(0, t.Count).Where(i => stdErr[i] > 0 && double.IsFinite(y[i])).ToArray();
        if (idx.Length < 5)
            throw new ArgumentException("need at least 5 points with a positive standard error to fit a damped cosine");
        var x = Vector<double>.Build.Dense(idx.Select(i => t[i]).ToArray());
        var obs = Vector<double>.Build.Dense(idx.Select(i => y[i]).ToArray());
        var w = Vector<double>.Build.Dense(idx.Select(i => 1 / (stdErr[i] * stdErr[i])).ToArray());

        static Vector<double> Model(Vector<double> p, Vector<double> tt) =>
            tt.Map(s => p[0] * Math.Exp(-p[1] * s) * Math.Cos(p[2] * s + p[3]));
        static Matrix<double> Jacobian(Vector<double> p, Vector<double> tt)
        {
            var j = Matrix<double>.Build.Dense(tt.Count, 4);
            for (int i = 0; i < tt.Count; i++)
            {
                double s = tt[i], e = Math.Exp(-p[1] * s), c = Math.Cos(p[2] * s + p[3]), sn = Math.Sin(p[2] * s + p[3]);
                j[i, 0] = e * c;
                j[i, 1] = -s * p[0] * e * c;
                j[i, 2] = -s * p[0] * e * sn;
                j[i, 3] = -p[0] * e * sn;
            }
            return j;
        }

        var objective = ObjectiveFunction.NonlinearModel(Model, Jacobian, x, obs, w);
        var start = Vector<double>.Build.Dense([guess.Amplitude, guess.EnvelopeRate, guess.Frequency, guess.Phase]);
        var lm = new LevenbergMarquardtMinimizer(initialMu: 1e-3, gradientTolerance: 1e-15, stepTolerance: 1e-15,
            functionTolerance: 1e-15, maximumIterations: 500);
        var result = lm.FindMinimum(objective, start);
        var p = result.MinimizingPoint;
        if (p.Any(v => !double.IsFinite(v)))
            throw new InvalidOperationException("the damped-cosine fit did not converge");
        double chi2 = 0;
        var f = Model(p, x);
        for (int i = 0; i < x.Count; i++) chi2 += w[i] * (obs[i] - f[i]) * (obs[i] - f[i]);
        // Keep A > 0 and phi in (-pi, pi] so fits of similar data read alike.
        double a = p[0], phase = p[3];
        if (a < 0) { a = -a; phase += Math.PI; }
        phase = Math.IEEERemainder(phase, 2 * Math.PI);
        return new DampedCosine(a, p[1], Math.Abs(p[2]), p[2] < 0 ? -phase : phase, chi2 / Math.Max(1, x.Count - 4));
    }
}
