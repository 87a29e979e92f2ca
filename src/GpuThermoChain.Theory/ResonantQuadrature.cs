using System.Numerics;

namespace GpuThermoChain.Theory;

/// <summary>
/// int_0^inf f(w) dw for integrands with Lorentzian resonances of width sigma_j at omega_j (the damped normal modes
/// lambda_j = -sigma_j + i omega_j). The half line is cut at each omega_j and at omega_j +- sigma_j 2^i, so every piece
/// is smooth on its own scale and adaptive Gauss-Kronrod (7/15) converges even for sigma ~ 1e-6; the tail beyond the
/// last mode is mapped to a finite interval by w = W / t.
/// </summary>
internal static class ResonantQuadrature
{
    private const double RelativeTolerance = 1e-14;
    private const int MaxDepth = 60;

    public static double Integrate(Func<double, double> f, IEnumerable<Complex> eigenvalues)
    {
        var modes = eigenvalues.Where(z => z.Imaginary > 0).ToArray();
        double top = 0;
        foreach (var z in eigenvalues) top = Math.Max(top, z.Magnitude);
        double cut = 2 * top + 1;

        var points = new SortedSet<double> { 0.0, cut };
        foreach (var z in modes)
        {
            double omega = z.Imaginary, sigma = Math.Max(-z.Real, 1e-300);
            points.Add(Math.Min(omega, cut));
            for (double s = 0.25 * sigma; s < omega; s *= 2)
            {
                points.Add(omega - s);
                if (omega + s < cut) points.Add(omega + s);
            }
        }
        var grid = points.Where(x => x >= 0 && x <= cut).ToArray();

        Func<double, double> tail = t => t <= 0 ? 0 : f(cut / t) * cut / (t * t);
        double estimate = Math.Abs(GaussKronrod(tail, 0, 1).Value);
        for (int i = 0; i + 1 < grid.Length; i++) estimate += Math.Abs(GaussKronrod(f, grid[i], grid[i + 1]).Value);
        double tolerance = RelativeTolerance * estimate / (grid.Length + 1);

        double sum = Adaptive(tail, 0, 1, tolerance, 0);
        for (int i = 0; i + 1 < grid.Length; i++) sum += Adaptive(f, grid[i], grid[i + 1], tolerance, 0);
        return sum;
    }

    private static double Adaptive(Func<double, double> f, double a, double b, double tolerance, int depth)
    {
        var (value, error) = GaussKronrod(f, a, b);
        double mid = 0.5 * (a + b);
        if (error <= tolerance || depth >= MaxDepth || mid <= a || mid >= b) return value;
        return Adaptive(f, a, mid, tolerance / Math.Sqrt(2), depth + 1) + Adaptive(f, mid, b, tolerance / Math.Sqrt(2), depth + 1);
    }

    private static readonly double[] Nodes =
    {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
        0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0,
    };

    private static readonly double[] KronrodWeights =
    {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
        0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    };

    private static readonly double[] GaussWeights =
    {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    };

    /// <summary>One 15-point Kronrod rule with the embedded 7-point Gauss rule; the error is |K15 - G7| (pessimistic).</summary>
    private static (double Value, double Error) GaussKronrod(Func<double, double> f, double a, double b)
    {
        double c = 0.5 * (a + b), h = 0.5 * (b - a);
        double fc = f(c);
        double kronrod = KronrodWeights[7] * fc, gauss = GaussWeights[3] * fc;
        for (int i = 0; i < 7; i++)
        {
            double x = h * Nodes[i];
            double sum = f(c - x) + f(c + x);
            kronrod += KronrodWeights[i] * sum;
            if (i % 2 == 1) gauss += GaussWeights[i / 2] * sum;
        }
        return (kronrod * h, Math.Abs((kronrod - gauss) * h));
    }
}
