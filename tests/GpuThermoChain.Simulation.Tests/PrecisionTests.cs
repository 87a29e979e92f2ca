using GpuThermoChain.Model;
using Xunit.Abstractions;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// Measures what float particles cost in J: the full model is run once by the shared step (float particles,
/// float transcendentals) and once by a hand-written all-double copy of the same scheme with the same normals,
/// and the per-trajectory bond current is compared with the spread of J between trajectories, which sets
/// the statistical error of any ensemble estimate.
/// </summary>
public class PrecisionTests(ITestOutputHelper output)
{
    [Fact]
    public void FloatParticlesMoveJFarBelowItsStatisticalError()
    {
        const int m = 16, steps = 4000;
        var c = TestSystems.Full(sites: 4, substeps: 1);
        var e = TestSystems.RandomStart(c, m);
        var start = (Q: (double[])e.Q.Clone(), P: (double[])e.P.Clone(), X: (float[])e.X.Clone());
        ReferenceIntegrator.Advance(e, c, 0, 0, steps, 0);

        var floatJ = new double[m];
        var doubleJ = new double[m];
        for (int t = 0; t < m; t++)
        {
            floatJ[t] = e.Accumulators[Accumulators.BondCurrent * m + t] / steps;
            doubleJ[t] = DoubleBondCurrent(c, (uint)t, steps,
                TestSystems.Columns(start.Q, m, t, 1), TestSystems.Columns(start.P, m, t, 1),
                TestSystems.Columns(start.X, m, t, 1).Select(x => (double)x).ToArray());
        }

        double mean = floatJ.Average();
        double spread = Math.Sqrt(floatJ.Sum(j => (j - mean) * (j - mean)) / (m - 1));
        double worst = floatJ.Zip(doubleJ, (f, d) => Math.Abs(f - d)).Max();
        output.WriteLine($"per-trajectory J over {steps} steps: spread {spread:E3}; largest |J_float - J_double| {worst:E3} ({worst / spread:E2} of the spread)");
        // Float keeps ~1e-7 relative per operation and the particle dynamics is noise-driven (no exponential
        // divergence), so the difference stays orders of magnitude below the spread; 1e-3 of it is already
        // invisible in any ensemble estimate (it would need 1e6 trajectories to show at one standard error).
        Assert.True(worst < 1e-3 * spread, $"float particles shift J by {worst:E3}, spread {spread:E3}");
    }

    /// <summary>The full-model step of <see cref="TimeStep"/>, all in double, with the same normals; returns the mean bond current.</summary>
    private static double DoubleBondCurrent(in StepCoefficients c, uint trajectory, int steps, double[] q, double[] p, double[] x)
    {
        const double m = 1, k = 1, K = 1, eps = 0.1, A = 1, rho = 2, L = 25, zeta = 0.1, tL = 5, gR = 1, dt = 0.01;
        int n = q.Length, nb = x.Length;
        double a = A / BesselI0(rho), lambda = eps * A * nb;
        double cR = Math.Exp(-gR * dt / m), noise = Math.Sqrt(2 * tL * dt / zeta);
        double bond = 0;
        double Force(int j) => n == 1 ? -K * q[0]
            : j == 0 ? -K * q[0] - k * (q[0] - q[1])
            : j == n - 1 ? -K * q[j] - k * (q[j] - q[j - 1])
            : k * (q[j - 1] - 2 * q[j] + q[j + 1]);
        for (int step = 0; step < steps; step++)
        {
            double q1Mid = q[0] + dt / 2 * p[0] / m;
            double forceSum = 0;
            for (int i = 0; i < nb; i++)
            {
                var xi = NoiseStreams.Normals(c.SeedLow, c.SeedHigh, trajectory, (uint)step, NoiseStreams.ParticleBath, 0, (uint)(i / 4));
                double theta = 2 * Math.PI * x[i] / L;
                double f = a * Math.Exp(rho * Math.Cos(theta));
                forceSum += f;
                x[i] += eps * q1Mid * dt * 2 * Math.PI * rho / (zeta * L) * Math.Sin(theta) * f + noise * xi.Get(i % 4);
                x[i] -= L * Math.Floor(x[i] / L);
            }
            double impulse = (-eps * forceSum + lambda) * dt;
            for (int j = 0; j < n; j++) p[j] += dt / 2 * Force(j) + (j == 0 ? impulse / 2 : 0);
            for (int j = 0; j < n; j++) q[j] += dt / 2 * p[j] / m;
            p[n - 1] *= cR; // T_R = 0: the right O-step has no noise term.
            for (int j = 0; j < n; j++) q[j] += dt / 2 * p[j] / m;
            for (int j = 0; j < n; j++) p[j] += dt / 2 * Force(j) + (j == 0 ? impulse / 2 : 0);
            double sum = 0;
            for (int j = 0; j + 1 < n; j++) sum += (q[j] - q[j + 1]) * (p[j] + p[j + 1]);
            bond += k / (2 * m * (n - 1)) * sum;
        }
        return bond / steps;
    }

    /// <summary>I0 by its power series, in double (converges for any argument here).</summary>
    private static double BesselI0(double x)
    {
        double term = 1, sum = 1;
        for (int k = 1; k < 100; k++)
        {
            term *= x * x / (4.0 * k * k);
            sum += term;
        }
        return sum;
    }
}
