using System.Globalization;

namespace GpuThermoChain.Config;

/// <summary>
/// The frozen probe (model = meanForce) tilts each particle's potential to U(x) = eps q F(x). Where |U''| is largest the
/// particle relaxes in tau_q = zeta / (eps |q| max|F''|), which for the deep wells of Fig. 2a is far shorter than the
/// free-bath tau_1, so the particle step must resolve tau_q too (how finely depends on the scheme's order).
/// F(x) = a exp(rho (cos theta - 1)), theta = 2 pi x / L, a = A e^rho / I0(rho) (docs/model.md, "The system"), so
/// F'' = a k^2 e^(rho (cos theta - 1)) (rho^2 sin^2 theta - rho cos theta), k = 2 pi / L, whose largest modulus is
/// a rho k^2, at theta = 0 (the factor e^(rho (cos theta - 1)) |rho sin^2 theta - cos theta| never exceeds its value 1
/// there, for any rho >= 0).
/// </summary>
public static class MeanForceWell
{
    /// <summary>
    /// The Euler-Maruyama particle step must be at most this fraction of tau_q at the largest |q|. Measured with <c>gtc run --set
    /// model=meanForce</c> against the exact mean force it prints (CPU, 2026-12): the bias is linear in h / tau_q,
    /// relative 0.07 h / tau_q at eps q = -2, T_L = 1 (q = -20, eps = 0.1; 256 trajectories x 200: h / tau_q = 0.082,
    /// 0.041, 0.020, 0.010 gave z = 27, 13, 6.6, 4.1) and 0.003 h / tau_q in the deep well eps q = -200, T_L = 5
    /// (q = -2000: z = 4927 at h / tau_q = 8.2 and 258 at 0.128, the reviewer's cases). At this limit the bias is at most
    /// ~0.35 %, which is below the statistical error of quick runs (~64 trajectories x 20) at eps |q| ~ T_L; to keep it
    /// below the statistical error of the default ensemble (256 trajectories x 200) use h &lt;= 0.003 tau_q (Fig. 2a's
    /// runs use 0.0026). The limit is not tighter so that quick runs stay cheap. Where eps |q| is below T_L the free bath's
    /// tau_1 sets the bias rather than tau_q: at the default q = +-10 (eps q / T_L = 0.2, tau_q = 0.244, tau_1 = 0.317) the
    /// force sat 2.9 % and 2.1 % off at h = 0.01 = 0.041 tau_q (docs/precision.md, "Particle scheme").
    /// </summary>
    public const double EulerMaruyamaMaxSubstepOverWellTime = 0.05;

    /// <summary>
    /// The same limit for the Leimkuhler-Matthews step, whose bias is second order in h. Measured at q = +-10 (eps = 0.1,
    /// T_L = 5; 8192 trajectories x 100, ParticleSchemeOrderTests): 0.15-0.2 % of the force at h = 0.12 tau_q, 0.6-0.7 % at
    /// 0.25 tau_q, 2.3-2.6 % at 0.49 tau_q. At this limit it is ~0.3 %, a tenth of what Euler-Maruyama shows at its own (3.5 %).
    /// </summary>
    public const double LeimkuhlerMatthewsMaxSubstepOverWellTime = 0.15;

    /// <summary>The largest particle step, in units of tau_q at the largest |q|, that <paramref name="scheme"/> may take.</summary>
    public static double MaxSubstepOverWellTime(ParticleScheme scheme) => scheme == ParticleScheme.LeimkuhlerMatthews
        ? LeimkuhlerMatthewsMaxSubstepOverWellTime
        : EulerMaruyamaMaxSubstepOverWellTime;

    /// <summary>tau_q = zeta / (eps |q| a rho (2 pi / L)^2); infinite where the well is flat (q = 0, eps = 0 or rho = 0).</summary>
    public static double RelaxationTime(ParticleBathParameters pb, double q)
    {
        double rho = pb.Localisation;
        double k = 2 * Math.PI / pb.RingLength;
        // a = A e^rho / I0(rho) = A / (e^-rho I0(rho)); the scaled Bessel function stays finite for any rho.
        double a = pb.Amplitude / ScaledBesselI0(rho);
        double curvature = pb.CouplingStrength * Math.Abs(q) * a * rho * k * k;
        return curvature > 0 ? pb.Friction / curvature : double.PositiveInfinity;
    }

    /// <summary>
    /// The fewest particle substeps per chain step with which <see cref="Check"/> accepts <paramref name="c"/>'s step for
    /// its scheme at the largest |q| (1 where the wells are flat), in double: it can exceed what the catalog allows.
    /// </summary>
    public static double RequiredSubsteps(RunConfig c)
    {
        double tauQ = RelaxationTime(c.ParticleBath, c.MeanForce.Positions.Max(Math.Abs));
        double allowed = MaxSubstepOverWellTime(c.Numerics.ParticleScheme) * tauQ;
        return SubstepCount.Needed(c.Numerics.TimeStep, allowed);
    }

    /// <summary>Refuses a meanForce config whose particle step does not resolve the well at the largest |q|.</summary>
    public static void Check(RunConfig c)
    {
        var pb = c.ParticleBath;
        var nu = c.Numerics;
        double qMax = c.MeanForce.Positions.Max(Math.Abs);
        double tauQ = RelaxationTime(pb, qMax);
        double h = nu.TimeStep / nu.ParticleSubsteps;
        double ratio = MaxSubstepOverWellTime(nu.ParticleScheme);
        double allowed = ratio * tauQ;
        if (h <= allowed)
            return;
        // What would pass: enough substeps (if the catalog allows that many), or positions within the |q| that this
        // step resolves (tau_q is inversely proportional to |q|).
        double substeps = Math.Ceiling(nu.TimeStep / allowed);
        double qPass = qMax * allowed / h;
        string fix = substeps <= ParameterCatalog.Get("numerics.particleSubsteps").Max
            ? $"use numerics.particleSubsteps >= {substeps:F0}, or keep every |q| in meanForce.positions <= {F(qPass)}"
            : $"no allowed numerics.particleSubsteps is fine enough at this timeStep; keep every |q| in meanForce.positions <= {F(qPass)}, " +
              "or lower numerics.timeStep or particleBath.epsilon";
        throw new ConfigException("meanForce.positions",
            $"|q| = {F(qMax)} needs a finer particle step: in the well the probe tilts, particles relax in " +
            $"tau_q = zeta / (eps |q| a rho (2 pi / L)^2) = {F(tauQ)} (a = A e^rho / I0(rho)), and the particle step " +
            $"timeStep/particleSubsteps = {F(h)} must be <= {F(ratio)} tau_q = {F(allowed)} " +
            $"for numerics.particleScheme = {ParticleSchemes.Name(nu.ParticleScheme)} (a coarser step biases the mean force); {fix}");
    }

    /// <summary>e^-x I0(x) for x >= 0 (Abramowitz and Stegun 9.8.1-2, relative error below 2e-7: ample for a limit).</summary>
    private static double ScaledBesselI0(double x)
    {
        if (x < 3.75)
        {
            double t = x / 3.75, t2 = t * t;
            double i0 = 1 + t2 * (3.5156229 + t2 * (3.0899424 + t2 * (1.2067492 + t2 * (0.2659732 + t2 * (0.0360768 + t2 * 0.0045813)))));
            return Math.Exp(-x) * i0;
        }
        double u = 3.75 / x;
        return (0.39894228 + u * (0.01328592 + u * (0.00225319 + u * (-0.00157565 + u * (0.00916281 + u * (-0.02057706
            + u * (0.02635537 + u * (-0.01647633 + u * 0.00392377)))))))) / Math.Sqrt(x);
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
