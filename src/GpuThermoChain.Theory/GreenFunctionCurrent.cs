using System.Numerics;

namespace GpuThermoChain.Theory;

/// <summary>
/// |G_1N(w)|^2 for a tridiagonal dynamic matrix D(w) = -m w^2 + Phi - (site-1 and site-N self energies), the kernel of the
/// Green's function currents of docs/model.md, "Effective Markov chain" and "Memory-kernel theory". Off-diagonal entries are -k, so
/// G_1N = k^{N-1} / det D, with det D = prod r_j from the ratio recurrence r_j = d_j - k^2 / r_{j-1}
/// (ratios, not minors, so nothing overflows at large w or N).
/// </summary>
internal static class GreenFunctionCurrent
{
    /// <param name="n">Sites.</param>
    /// <param name="mass">m.</param>
    /// <param name="k">Spring between neighbours.</param>
    /// <param name="phiDiagonal">Diagonal of Phi.</param>
    /// <param name="w">Frequency.</param>
    /// <param name="leftSelfEnergy">Subtracted from D_11 (i w gamma_L for Markov, chi(w) for the memory kernel).</param>
    /// <param name="rightSelfEnergy">Subtracted from D_NN (i w gamma_R); for N = 1 both act on the one site.</param>
    public static double EndToEndSquared(int n, double mass, double k, double[] phiDiagonal, double w,
        Complex leftSelfEnergy, Complex rightSelfEnergy)
    {
        double free = -mass * w * w;
        if (n == 1)
        {
            var d = free + phiDiagonal[0] - leftSelfEnergy - rightSelfEnergy;
            return 1.0 / (d.Real * d.Real + d.Imaginary * d.Imaginary);
        }
        double magnitude = 1.0;
        Complex r = Complex.Zero;
        for (int j = 0; j < n; j++)
        {
            Complex d = free + phiDiagonal[j];
            if (j == 0) d -= leftSelfEnergy;
            if (j == n - 1) d -= rightSelfEnergy;
            r = j == 0 ? d : d - k * k / r;
            double abs = r.Magnitude;
            magnitude *= j < n - 1 ? Math.Abs(k) / abs : 1.0 / abs;
        }
        return magnitude * magnitude;
    }
}
