using MathNet.Numerics.Distributions;

namespace GpuThermoChain.Engine.GaussianLimit;

/// <summary>One measured point of a Gaussian-limit study: the bath size and the current there.</summary>
public readonly record struct BathSizePoint(int Particles, double Current, double StdErr);

/// <summary>
/// A weighted least-squares fit of J(N_b) = J_inf + c / N_b (+ d / N_b^2), weights 1 / stdErr^2. Coefficients are in
/// the order J_inf, c, d; <see cref="Covariance"/> is their covariance from the points' standard errors (not rescaled by
/// chi2/dof: the standard errors are those of independent ensembles, and <see cref="PValue"/> says whether the form fits).
/// </summary>
public sealed record BathSizeFitResult(int Terms, double[] Coefficients, double[,] Covariance, double ChiSquare, int Dof)
{
    public double Limit => Coefficients[0];
    public double LimitStdErr => Math.Sqrt(Covariance[0, 0]);

    /// <summary>Probability of a chi2 at least this large if the form is right (NaN with no degrees of freedom).</summary>
    public double PValue => Dof > 0 ? 1 - ChiSquared.CDF(Dof, ChiSquare) : double.NaN;

    /// <summary>The fitted J(N_b).</summary>
    public double At(double particles) => Coefficients[0] + Truncation(particles).Value;

    /// <summary>J(N_b) - J_inf with its standard error (the fit's covariance through the gradient 1/N_b, 1/N_b^2).</summary>
    public (double Value, double StdErr) Truncation(double particles)
    {
        var g = Gradient(particles);
        g[0] = 0;
        double value = 0;
        for (int i = 1; i < Terms; i++) value += Coefficients[i] * g[i];
        return (value, Math.Sqrt(Quadratic(g)));
    }

    /// <summary>(J(N_b) - J_inf) / J_inf with its standard error (delta method, full covariance).</summary>
    public (double Value, double StdErr) RelativeTruncation(double particles)
    {
        var (t, _) = Truncation(particles);
        double j = Limit;
        var g = Gradient(particles);
        g[0] = -t / (j * j);
        for (int i = 1; i < Terms; i++) g[i] /= j;
        return (t / j, Math.Sqrt(Quadratic(g)));
    }

    private double[] Gradient(double particles)
    {
        var g = new double[Terms];
        for (int i = 0; i < Terms; i++) g[i] = Math.Pow(1 / particles, i);
        return g;
    }

    private double Quadratic(double[] g)
    {
        double s = 0;
        for (int i = 0; i < Terms; i++)
            for (int j = 0; j < Terms; j++)
                s += g[i] * Covariance[i, j] * g[j];
        return Math.Max(0, s);
    }
}

/// <summary>
/// The extrapolation to the Gaussian bath (docs/model.md, "Gaussian-bath limit"): at fixed N_b eps^2 the memory-kernel
/// theory is unchanged and exact only as N_b -> infinity, where the bath force becomes Gaussian; the leading corrections
/// of the full model are in powers of 1 / N_b. The straight line in 1 / N_b is the default; with four points or more the
/// 1 / N_b^2 term is fitted too and kept only where it is needed (<see cref="CurvatureZ"/>).
/// </summary>
public sealed record BathSizeFit(BathSizeFitResult Linear, BathSizeFitResult? Quadratic)
{
    /// <summary>
    /// The 1 / N_b^2 term is kept when its coefficient is more than this many standard errors from zero. For nested
    /// weighted fits that differ by one term the drop in chi2 is exactly z_d^2 (the F-test with known variances), so
    /// |z_d| &gt; 3 is a chi2 drop &gt; 9 on one degree of freedom, p = 0.0027: a curvature the points really show, not noise.
    /// </summary>
    public const double CurvatureZ = 3.0;

    /// <summary>d / stdErr(d) of the quadratic fit (NaN without one).</summary>
    public double CurvatureZScore => Quadratic is { } q ? q.Coefficients[2] / Math.Sqrt(q.Covariance[2, 2]) : double.NaN;

    public bool CurvatureNeeded => Math.Abs(CurvatureZScore) > CurvatureZ;

    /// <summary>The fit the study reports: the quadratic where the curvature is needed, else the line.</summary>
    public BathSizeFitResult Chosen => CurvatureNeeded ? Quadratic! : Linear;

    public static BathSizeFit Of(IReadOnlyList<BathSizePoint> points)
    {
        if (points.Count < 2)
            throw new ArgumentException("a Gaussian-limit fit needs at least two bath sizes");
        if (points.Select(p => p.Particles).Distinct().Count() != points.Count)
            throw new ArgumentException("each bath size may appear once");
        if (points.Any(p => !double.IsFinite(p.Current) || !(p.StdErr > 0)))
            throw new ArgumentException("every point needs a finite current and a positive standard error");
        return new BathSizeFit(Fit(points, 2), points.Count >= 4 ? Fit(points, 3) : null);
    }

    /// <summary>Weighted least squares with <paramref name="terms"/> powers of 1 / N_b, via the normal equations.</summary>
    public static BathSizeFitResult Fit(IReadOnlyList<BathSizePoint> points, int terms)
    {
        var a = new MathNet.Numerics.LinearAlgebra.Double.DenseMatrix(terms, terms);
        var b = new MathNet.Numerics.LinearAlgebra.Double.DenseVector(terms);
        foreach (var p in points)
        {
            double w = 1 / (p.StdErr * p.StdErr), x = 1.0 / p.Particles;
            for (int i = 0; i < terms; i++)
            {
                b[i] += w * Math.Pow(x, i) * p.Current;
                for (int j = 0; j < terms; j++) a[i, j] += w * Math.Pow(x, i + j);
            }
        }
        var cov = a.Inverse();
        var c = cov * b;
        double chi2 = points.Sum(p =>
        {
            double x = 1.0 / p.Particles, f = 0;
            for (int i = 0; i < terms; i++) f += c[i] * Math.Pow(x, i);
            return Math.Pow((p.Current - f) / p.StdErr, 2);
        });
        return new BathSizeFitResult(terms, c.ToArray(), cov.ToArray(), chi2, points.Count - terms);
    }
}
