namespace GpuThermoChain.Theory;

/// <summary>The refined maximum of a scanned function.</summary>
/// <param name="Location">Where the maximum sits (refined unless <paramref name="AtGridEdge"/>).</param>
/// <param name="Value">f at <paramref name="Location"/>.</param>
/// <param name="AtGridEdge">True when the largest grid value is the first or last grid point: the true maximum may lie outside the grid, and no refinement was done.</param>
public sealed record MaximumResult(double Location, double Value, bool AtGridEdge);

/// <summary>Locates the maximum of f(x) scanned on a grid (e.g. J(T_L), docs/model.md, "Memory-kernel theory": Markov 1.54 vs memory kernel ~2.0).</summary>
public static class ScanMaximum
{
    /// <summary>
    /// Takes the largest of <paramref name="values"/> on the increasing <paramref name="grid"/> and refines it by Brent's
    /// method (golden section plus parabolic steps) on the bracket formed by its two neighbours.
    /// </summary>
    public static MaximumResult Find(Func<double, double> f, IReadOnlyList<double> grid, IReadOnlyList<double> values, double tolerance = 1e-10)
    {
        if (grid.Count != values.Count || grid.Count == 0) throw new ArgumentException("grid and values must be non-empty and of equal length.");
        int best = 0;
        for (int i = 1; i < values.Count; i++) if (values[i] > values[best]) best = i;
        if (best == 0 || best == grid.Count - 1) return new MaximumResult(grid[best], values[best], true);
        var (x, fx) = BrentMaximize(f, grid[best - 1], grid[best + 1], grid[best], values[best], tolerance);
        return new MaximumResult(x, fx, false);
    }

    /// <summary>Brent's localmin applied to -f on [a, b], started from the interior point x0 with f(x0) = f0.</summary>
    public static (double X, double Value) BrentMaximize(Func<double, double> f, double a, double b, double x0, double f0, double tolerance = 1e-10)
    {
        const double golden = 0.3819660112501051;
        double x = x0, w = x0, v = x0, fx = -f0, fw = fx, fv = fx, d = 0, e = 0;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = 0.5 * (a + b);
            double tol1 = tolerance * Math.Abs(x) + 1e-14, tol2 = 2 * tol1;
            if (Math.Abs(x - mid) <= tol2 - 0.5 * (b - a)) break;
            bool golden_step = true;
            if (Math.Abs(e) > tol1)
            {
                double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) p = -p; else q = -q;
                if (Math.Abs(p) < Math.Abs(0.5 * q * e) && p > q * (a - x) && p < q * (b - x))
                {
                    e = d;
                    d = p / q;
                    double u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2) d = x < mid ? tol1 : -tol1;
                    golden_step = false;
                }
            }
            if (golden_step)
            {
                e = (x < mid ? b : a) - x;
                d = golden * e;
            }
            double u = Math.Abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
            double fu = -f(u);
            if (fu <= fx)
            {
                if (u < x) b = x; else a = x;
                v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
            }
            else
            {
                if (u < x) a = u; else b = u;
                if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
                else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
            }
        }
        return (x, -fx);
    }
}
