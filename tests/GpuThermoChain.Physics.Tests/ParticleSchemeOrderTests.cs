using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Running;
using Xunit.Abstractions;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// The order of each particle scheme, measured where it shows: the mean force on a probe frozen in a deep well
/// (meanForce model, q = -10 and +10, eps = 0.1, T_L = 5, paper values otherwise) against the exact quadrature, over
/// particle steps h that double, one substep per step. The bias b(h) = force - exact is fitted as C h^p by weighted least
/// squares on log|b| (weights (b / stdErr)^2, the inverse variance of log|b|). The steps go beyond what the validator
/// lets a run take (for Leimkuhler-Matthews its bias is below the statistical error of this ensemble at any allowed
/// step), so the configs are loaded without the numerics checks. Off the default test run (Category=Validation,
/// scripts/validate-long.sh); docs/precision.md, "Particle scheme", quotes its output.
/// </summary>
[Trait("Category", "Validation")]
public sealed class ParticleSchemeOrderTests(SimdCpuDevice cpu, ITestOutputHelper output) : IClassFixture<SimdCpuDevice>
{
    /// <summary>
    /// The fitted order must lie within 4 of its standard errors of the scheme's order (1 and 2), and be measured to
    /// +-0.3 at least (so that a first-order Leimkuhler-Matthews could not pass). Fixed seed. Leimkuhler-Matthews gets 8x
    /// the trajectories: its bias at h = 0.06 is ~0.4 % of the force, and the fit needs it several standard errors wide.
    /// </summary>
    [Theory]
    [InlineData(ParticleScheme.EulerMaruyama, 1.0, 1024, new[] { 0.02, 0.01, 0.005 })]
    [InlineData(ParticleScheme.LeimkuhlerMatthews, 2.0, 8192, new[] { 0.12, 0.06, 0.03 })]
    public void MeanForceBiasHasTheSchemesOrder(ParticleScheme scheme, double order, int trajectories, double[] steps)
    {
        var points = new List<(double H, double Q, double Bias, double StdErr)>();
        foreach (double h in steps)
        {
            var config = ConfigLoader.Parse(null, [
                "model=meanForce", "meanForce.positions=-10,10", "numerics.particleSubsteps=1",
                "numerics.timeStep=" + h.ToString("R", CultureInfo.InvariantCulture),
                "numerics.particleScheme=" + ParticleSchemes.Name(scheme),
                "numerics.burnInTime=10", "numerics.measureTime=100", "numerics.trajectories=" + trajectories.ToString(CultureInfo.InvariantCulture), "numerics.seed=31"],
                "order test", checkNumerics: false);
            var r = MeanForceRunner.Run(config, cpu.Device);
            foreach (var p in r.Points)
            {
                points.Add((h, p.Position, p.Force.Value - p.Exact, p.Force.StdErr));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{ParticleSchemes.Name(scheme)} h = {h:G3} q = {p.Position:G3}: force {p.Force.Value:F6} +- {p.Force.StdErr:F6}, exact {p.Exact:F6}, bias {p.Force.Value - p.Exact:+0.000000;-0.000000} (z = {(p.Force.Value - p.Exact) / p.Force.StdErr:F1}), {r.Timing.ParticleStepsPerSecond:E3} particle-steps/s"));
            }
        }
        foreach (double q in new[] { -10.0, 10.0 })
        {
            var (p, stdErr) = FitOrder(points.Where(x => x.Q == q).Select(x => (x.H, x.Bias, x.StdErr)).ToList());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ParticleSchemes.Name(scheme)} q = {q:G3}: fitted order {p:F2} +- {stdErr:F2}"));
            Assert.True(Math.Abs(p - order) < 4 * stdErr && stdErr < 0.3,
                string.Create(CultureInfo.InvariantCulture, $"q = {q}: fitted order {p:F2} +- {stdErr:F2}, expected {order}"));
        }
    }

    /// <summary>Weighted least squares of log|b| = log C + p log h; returns p and its standard error.</summary>
    private static (double Order, double StdErr) FitOrder(IReadOnlyList<(double H, double Bias, double StdErr)> points)
    {
        double[] w = [.. points.Select(x => x.Bias * x.Bias / (x.StdErr * x.StdErr))];
        double[] lx = [.. points.Select(x => Math.Log(x.H))];
        double[] ly = [.. points.Select(x => Math.Log(Math.Abs(x.Bias)))];
        double sw = w.Sum();
        double mx = w.Zip(lx, (a, b) => a * b).Sum() / sw;
        double my = w.Zip(ly, (a, b) => a * b).Sum() / sw;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < w.Length; i++)
        {
            sxx += w[i] * (lx[i] - mx) * (lx[i] - mx);
            sxy += w[i] * (lx[i] - mx) * (ly[i] - my);
        }
        return (sxy / sxx, 1 / Math.Sqrt(sxx));
    }
}
