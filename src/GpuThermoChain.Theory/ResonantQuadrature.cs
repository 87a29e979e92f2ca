using System.Numerics;

namespace GpuThermoChain.Theory;

/// <summary>
/// int_0^inf f(w) dw for integrands with Lorentzian resonances of width sigma_j at omega_j (the damped normal modes
/// lambda_j = -sigma_j + i omega_j). The half line is cut at each omega_j and at omega_j +- sigma_j 2^i / 4, so every piece
/// is smooth on its own scale and adaptive Gauss-Kronrod (7/15) converges even for sigma ~ 1e-6; the tail beyond the
/// last mode is mapped to a finite interval by w = W / t.
/// </summary>
/// <remarks>
/// Cost. The grid has at most 2 log2(4 W / sigma_j) + 1 points per eigenvalue, W the cut (about 2 per binade of
/// W / sigma, at most ~2200 even at sigma = 1e-300; the theory's reach keeps W / sigma below 1e13, so about 90), and each piece is halved only while halving still shrinks its error estimate
/// (see <see cref="Refine"/>), so a piece costs a few rules, not a number that grows with omega / sigma.
/// </remarks>
internal static class ResonantQuadrature
{
    private const double RelativeTolerance = 1e-14;
    private const int MaxDepth = 60;

    /// <summary>Rounding noise per unit of the integrand's condition w / d (see <see cref="RelativeNoise"/>), in units of 2^-53.</summary>
    private const double NoisePerCondition = 4 * UnitRoundoff;

    /// <summary>2^-53, the relative rounding of one double operation.</summary>
    private const double UnitRoundoff = 1.1102230246251565e-16;

    public static double Integrate(Func<double, double> f, IEnumerable<Complex> eigenvalues, TheoryWork? work = null)
    {
        work ??= TheoryWork.None;
        var all = eigenvalues.ToArray();
        double top = 0;
        foreach (var z in all) top = Math.Max(top, z.Magnitude);
        double cut = 2 * top + 1;

        // Every pole lambda (at w = |Im lambda|, |Re lambda| off the axis) gets points at distances sigma 2^i / 4 on
        // both sides, out to the neighbouring poles' frequencies (or 0 and the cut), where their own ladders take
        // over: a piece is then never wider than about its distance from the nearest pole, so each is smooth on its
        // own scale. (A ladder that stopped at 2 omega_1, short of the next pole, left a piece [2 omega_1, omega_2 / 3]
        // far wider than its distance to mode 1, whose Lorentzian tail it then missed by 1e-3 at chain.coupling = 1e6;
        // one that ran to the cut put N ladders over the whole band, ~40 000 pieces at N = 256.)
        var frequencies = all.Select(z => Math.Min(Math.Abs(z.Imaginary), cut)).Distinct().Order().ToArray();
        var points = new SortedSet<double> { 0.0, cut };
        foreach (var z in all)
        {
            double omega = Math.Min(Math.Abs(z.Imaginary), cut), sigma = Math.Max(Math.Abs(z.Real), 1e-300);
            int at = Array.BinarySearch(frequencies, omega);
            double below = at > 0 ? frequencies[at - 1] : 0, above = at + 1 < frequencies.Length ? frequencies[at + 1] : cut;
            points.Add(omega);
            for (double s = 0.25 * sigma; omega - s > below || omega + s < above; s *= 2)
            {
                if (omega - s > below) points.Add(omega - s);
                if (omega + s < above) points.Add(omega + s);
            }
        }
        var grid = points.Where(x => x >= 0 && x <= cut).ToArray();

        var counted = Counted(f, work);
        Func<double, double> tail = t => t <= 0 ? 0 : counted(cut / t) * cut / (t * t);
        var first = new (double Value, double Error)[grid.Length];
        first[0] = GaussKronrod(tail, 0, 1);
        double estimate = Math.Abs(first[0].Value);
        for (int i = 0; i + 1 < grid.Length; i++)
        {
            first[i + 1] = GaussKronrod(counted, grid[i], grid[i + 1]);
            estimate += Math.Abs(first[i + 1].Value);
        }
        double tolerance = RelativeTolerance * estimate / (grid.Length + 1);

        double sum = Refine(tail, 0, 1, first[0], tolerance, 0, (_, _) => 0);
        double Noise(double a, double b) => RelativeNoise(a, b, all);
        for (int i = 0; i + 1 < grid.Length; i++)
        {
            sum += Refine(counted, grid[i], grid[i + 1], first[i + 1], tolerance, 0, Noise);
            work.Advanced((i + 1.0) / grid.Length);
        }
        return sum;
    }

    /// <summary>
    /// The integrand's relative rounding noise on [a, b]. Evaluating a function with a pole at distance d from w is, in
    /// double, like evaluating it at a w jittered by ~eps w (the near cancellation of the determinant at a resonance
    /// cannot place w closer to the pole than that, no more than the spacing of doubles can), so its relative noise is
    /// ~eps w |f'/f| &lt;= 2 eps w / d, d the distance from [a, b] to the nearest pole (an eigenvalue lambda sits at
    /// w = |Im lambda|, |Re lambda| off the real axis).
    /// </summary>
    private static double RelativeNoise(double a, double b, Complex[] poles)
    {
        double d = double.PositiveInfinity;
        foreach (var z in poles)
        {
            double x = Math.Abs(z.Imaginary);
            double dx = x < a ? a - x : x > b ? x - b : 0;
            d = Math.Min(d, Math.Sqrt(dx * dx + z.Real * z.Real));
        }
        return NoisePerCondition * (1 + 2 * Math.Max(Math.Abs(a), Math.Abs(b)) / d);
    }

    // Every evaluation is counted (the work counters are what the cost tests assert on) and polls the cancellation: a
    // token's check is one read, far cheaper than the integrand (a complex solve of the chain's size).
    private static Func<double, double> Counted(Func<double, double> f, TheoryWork work) => w =>
    {
        work.Evaluated(1);
        return f(w);
    };

    /// <summary>
    /// Halves [a, b] until the error estimate meets the tolerance or falls within the integrand's rounding noise
    /// (<paramref name="noise"/>(a, b) relative, see <see cref="RelativeNoise"/>). Near a resonance of width sigma that
    /// noise is ~1e-16 omega / sigma; chasing it with a fixed tolerance made the cost grow like K^4 in the pinning and
    /// never end at K = 1e4 or chain.mass = 1e12. Stopping there costs accuracy only at the noise level, which the
    /// theory's reach (<see cref="TheoryReach"/>) keeps below ~1e-7 relative. A second guard catches noise the model
    /// underestimates: a piece that is smooth on its own scale (every piece is, by the grid's construction) has
    /// |K15 - G7| fall by 2^10 or more per halving, so halves whose estimates still add up to a quarter of the whole's,
    /// and whose sum moved by no more than twice that estimate, are taken as converged to the noise.
    /// </summary>
    private static double Refine(Func<double, double> f, double a, double b, (double Value, double Error) rule,
        double tolerance, int depth, Func<double, double, double> noise)
    {
        double mid = 0.5 * (a + b);
        if (rule.Error <= tolerance || rule.Error <= noise(a, b) * Math.Abs(rule.Value) || depth >= MaxDepth || mid <= a || mid >= b)
            return rule.Value;
        var left = GaussKronrod(f, a, mid);
        var right = GaussKronrod(f, mid, b);
        if (left.Error + right.Error >= 0.25 * rule.Error && Math.Abs(left.Value + right.Value - rule.Value) <= 2 * rule.Error)
            return left.Value + right.Value;
        double t = tolerance / Math.Sqrt(2);
        return Refine(f, a, mid, left, t, depth + 1, noise) + Refine(f, mid, b, right, t, depth + 1, noise);
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
