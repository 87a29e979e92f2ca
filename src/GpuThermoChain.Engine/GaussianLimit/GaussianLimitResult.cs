using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Engine.GaussianLimit;

/// <summary>One bath size of a finished study, as its sweep row tabulated it.</summary>
public sealed record StudyPoint(int Index, int Particles, double CouplingStrength, int ParticleSubsteps, double Current, double StdErr,
    double MemoryKernel, ulong Seed, string Device, double WallSeconds);

/// <summary>
/// A finished Gaussian-limit study: the points, the fit to N_b -> infinity, J_inf against the memory-kernel theory,
/// and the theory's truncation at the configured N_b, J(N_b) - J_inf.
/// </summary>
public sealed record GaussianLimitResult(GaussianLimitPlan Plan, string Estimator, IReadOnlyList<StudyPoint> Points, BathSizeFit Fit,
    double MemoryKernel)
{
    /// <summary>z of J_inf against the memory kernel (NaN where the theory has no stationary state).</summary>
    public double ZScore => (Fit.Chosen.Limit - MemoryKernel) / Fit.Chosen.LimitStdErr;

    public (double Value, double StdErr) Truncation => Fit.Chosen.Truncation(Plan.ConfiguredParticles);
    public (double Value, double StdErr) RelativeTruncation => Fit.Chosen.RelativeTruncation(Plan.ConfiguredParticles);

    /// <summary>
    /// A p-value below this says the chosen form does not describe the points (at the 0.1 % level): more, or larger,
    /// bath sizes are needed before J_inf can be trusted.
    /// </summary>
    public const double PoorFitPValue = 1e-3;

    public bool PoorFit => Fit.Chosen.PValue < PoorFitPValue;

    /// <summary>
    /// What J_inf's z means, in words. J_inf has no truncation, so beyond 4 standard errors it is a disagreement of the
    /// simulation (time step, burn-in) or of the fitted form. Where the line was chosen but the fit with the 1/N_b^2
    /// term reaches the theory, that is said too: the curvature test has little power when the smallest N_b carries a
    /// large truncation, so the straight line's J_inf may be what is off.
    /// </summary>
    public string Verdict
    {
        get
        {
            double limit = Results.TheoryDeviation.NoteAbove;
            if (!double.IsFinite(ZScore))
                return "the memory-kernel theory is unavailable at these parameters (no stationary state): J_inf stands alone";
            if (Math.Abs(ZScore) <= limit)
                return $"the full model agrees with the theory where it is exact (|z| <= {limit})";
            string text = $"J_inf disagrees with the theory beyond {limit} standard errors. J_inf carries no truncation, so this is not it: " +
                          "suspect the time step (numerics.timeStep, numerics.particleSubsteps), the burn-in, or the fitted form (add bath sizes)";
            if (!Fit.CurvatureNeeded && Fit.Quadratic is { } q && Math.Abs((q.Limit - MemoryKernel) / q.LimitStdErr) <= limit)
                text += string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $". With the 1/N_b^2 term J_inf is within {limit} (z = {(q.Limit - MemoryKernel) / q.LimitStdErr:F2}): the straight line through the smallest N_b may be what is off; add larger bath sizes, or drop the smallest");
            return text;
        }
    }

    /// <summary>From the study's sweep table (one row per point, as <see cref="SweepRunner"/> tabulates it).</summary>
    public static GaussianLimitResult From(GaussianLimitPlan plan, PointsTable table)
    {
        var points = table.Rows.Select(r => new StudyPoint(
            (int)r.Num("index"), (int)r.Num("particleBath.particles"), r.Num("particleBath.epsilon"),
            (int)r.Num("numerics.particleSubsteps"), r.Num("J"), r.Num("J_err"), r.Num("memoryKernel"),
            ulong.Parse(r.Text("seed"), System.Globalization.CultureInfo.InvariantCulture), r.Text("device"), r.Num("wallSeconds")))
            .OrderBy(p => p.Particles).ToList();
        var fit = BathSizeFit.Of(points.Select(p => new BathSizePoint(p.Particles, p.Current, p.StdErr)).ToList());
        // The theory depends on N_b and eps only through N_b eps^2, so every point carries the same value (to the last
        // bits of eps's square root); the configured point's own, or the first, is quoted.
        double mk = (points.FirstOrDefault(p => p.Particles == plan.ConfiguredParticles) ?? points[0]).MemoryKernel;
        string estimator = table.Rows[0].Text("estimator");
        return new GaussianLimitResult(plan, estimator, points, fit, mk);
    }
}
