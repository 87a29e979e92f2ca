namespace GpuThermoChain.Plots;

/// <summary>A weighted straight line y = a + b x with the standard error of b.</summary>
/// <param name="SlopeStdErr">From the weights alone (the given standard errors).</param>
/// <param name="SlopeStdErrScaled">Times sqrt(chi2/dof) when that exceeds 1 (scatter beyond the standard errors).</param>
public sealed record LineFit(double Intercept, double Slope, double SlopeStdErr, double SlopeStdErrScaled, double ChiSquarePerDof, int Points);

/// <summary>
/// The maximum of y(x) located by a weighted parabola in u = ln x over points near the top.
/// <paramref name="Location"/> = exp(u*), u* = -b / 2c; <paramref name="StdErr"/> from a parametric bootstrap
/// (each point redrawn from a normal with its standard error, the parabola refitted); <paramref name="Low"/> and
/// <paramref name="High"/> its 16th and 84th percentiles; <paramref name="DeltaStdErr"/> the linearised (delta-method) error.
/// </summary>
public sealed record MaximumFit(double Location, double Value, double StdErr, double Low, double High, double DeltaStdErr,
    double ChiSquarePerDof, int Points, int Resamples, double[] Coefficients, double Center);

public static class Fits
{
    /// <summary>Weighted least squares of y on x, weights 1/sigma^2.</summary>
    public static LineFit Line(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> sigma)
    {
        int n = x.Count;
        if (n < 2) throw new ArgumentException("a line needs at least 2 points");
        double s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double w = 1 / (sigma[i] * sigma[i]);
            s += w; sx += w * x[i]; sy += w * y[i]; sxx += w * x[i] * x[i]; sxy += w * x[i] * y[i];
        }
        double d = s * sxx - sx * sx;
        double b = (s * sxy - sx * sy) / d, a = (sxx * sy - sx * sxy) / d;
        double chi2 = 0;
        for (int i = 0; i < n; i++) chi2 += Math.Pow((y[i] - a - b * x[i]) / sigma[i], 2);
        double perDof = n > 2 ? chi2 / (n - 2) : double.NaN;
        double se = Math.Sqrt(s / d);
        return new LineFit(a, b, se, n > 2 ? se * Math.Sqrt(Math.Max(1, perDof)) : se, perDof, n);
    }

    /// <summary>Weighted parabola y = c0 + c1 u + c2 u^2 (u = x - center); null when singular.</summary>
    public static double[]? Parabola(IReadOnlyList<double> u, IReadOnlyList<double> y, IReadOnlyList<double> sigma, out double[,] covariance)
    {
        var a = new double[3, 3];
        var r = new double[3];
        for (int i = 0; i < u.Count; i++)
        {
            double w = 1 / (sigma[i] * sigma[i]);
            double[] f = [1, u[i], u[i] * u[i]];
            for (int j = 0; j < 3; j++)
            {
                r[j] += w * f[j] * y[i];
                for (int k = 0; k < 3; k++) a[j, k] += w * f[j] * f[k];
            }
        }
        var inverse = Invert3(a);
        if (inverse is null) { covariance = new double[3, 3]; return null; }
        covariance = inverse;
        var c = new double[3];
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 3; k++) c[j] += covariance[j, k] * r[k];
        return c;
    }

    /// <summary>The maximum of y(x) from a parabola in ln x over all given points (choose them near the top).</summary>
    public static MaximumFit Maximum(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> sigma, int resamples = 4000, int seed = 12345)
    {
        if (x.Count < 4) throw new ArgumentException("the parabola fit of a maximum needs at least 4 points");
        double center = x.Select(v => Math.Log(v)).Average();
        var u = x.Select(v => Math.Log(v) - center).ToArray();
        var c = Parabola(u, y, sigma, out var cov) ?? throw new InvalidOperationException("singular parabola fit");
        if (c[2] >= 0) throw new InvalidOperationException("the fitted parabola opens upwards: no maximum among these points");
        double ustar = -c[1] / (2 * c[2]);
        double chi2 = 0;
        for (int i = 0; i < u.Length; i++) chi2 += Math.Pow((y[i] - c[0] - c[1] * u[i] - c[2] * u[i] * u[i]) / sigma[i], 2);
        // Delta method: d u*/d c1 = -1/(2 c2), d u*/d c2 = c1/(2 c2^2).
        double g1 = -1 / (2 * c[2]), g2 = c[1] / (2 * c[2] * c[2]);
        double varU = g1 * g1 * cov[1, 1] + 2 * g1 * g2 * cov[1, 2] + g2 * g2 * cov[2, 2];
        double location = Math.Exp(center + ustar);

        var rng = new Random(seed);
        var found = new List<double>(resamples);
        var yy = new double[y.Count];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < yy.Length; i++) yy[i] = y[i] + sigma[i] * Gaussian(rng);
            var cb = Parabola(u, yy, sigma, out _);
            if (cb is null || cb[2] >= 0) continue;
            found.Add(Math.Exp(center - cb[1] / (2 * cb[2])));
        }
        found.Sort();
        double mean = found.Average();
        double sd = Math.Sqrt(found.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, found.Count - 1));
        double Pct(double p) => found[(int)Math.Clamp(Math.Round(p * (found.Count - 1)), 0, found.Count - 1)];
        return new MaximumFit(location, c[0] + c[1] * ustar + c[2] * ustar * ustar, sd, Pct(0.16), Pct(0.84),
            location * Math.Sqrt(varU), u.Length > 3 ? chi2 / (u.Length - 3) : double.NaN, u.Length, found.Count, c, center);
    }

    private static double Gaussian(Random r)
    {
        double u1 = 1 - r.NextDouble(), u2 = r.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double[,]? Invert3(double[,] m)
    {
        double det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
                   - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
                   + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        if (Math.Abs(det) < 1e-300) return null;
        var inv = new double[3, 3];
        inv[0, 0] = (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) / det;
        inv[0, 1] = (m[0, 2] * m[2, 1] - m[0, 1] * m[2, 2]) / det;
        inv[0, 2] = (m[0, 1] * m[1, 2] - m[0, 2] * m[1, 1]) / det;
        inv[1, 0] = (m[1, 2] * m[2, 0] - m[1, 0] * m[2, 2]) / det;
        inv[1, 1] = (m[0, 0] * m[2, 2] - m[0, 2] * m[2, 0]) / det;
        inv[1, 2] = (m[0, 2] * m[1, 0] - m[0, 0] * m[1, 2]) / det;
        inv[2, 0] = (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]) / det;
        inv[2, 1] = (m[0, 1] * m[2, 0] - m[0, 0] * m[2, 1]) / det;
        inv[2, 2] = (m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]) / det;
        return inv;
    }
}
