using System.Diagnostics;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.GaussianLimit;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Engine.Validation;

/// <summary>
/// The physics self-test behind <c>gtc validate</c>, also run by the CI tests on the CPU accelerator. Every
/// statistical check has a fixed seed and a tolerance in standard errors: |z| &lt; 4 has a false-alarm
/// probability of 6e-5 per comparison for a Gaussian estimate, so a failure means a real discrepancy.
/// </summary>
public static class ValidationSuite
{
    /// <summary>Largest |z| a statistical check accepts.</summary>
    public const double ZTolerance = 4.0;

    /// <summary>
    /// The full model's allowance against the memory-kernel theory on top of the statistical one: the theory is
    /// exact only to order eps^2 (eps = 0.1), and docs/model.md, "Memory-kernel theory" measured it within 0.2-0.4 % of long
    /// simulations, so 1 % is a bound on the theory's error, not on the simulation's.
    /// </summary>
    public const double MemoryKernelRelativeAllowance = 0.01;

    /// <summary>All checks in order, at the given ensemble size.</summary>
    public static IEnumerable<Func<IComputeDevice, CheckResult>> All(ValidationSize size) =>
    [
        PhiloxKnownAnswers,
        ReferenceComparison.Run,
        d => Equilibrium(d, size),
        d => EffectiveChainAgainstDiscreteScheme(d, size),
        d => FullModelAgainstMemoryKernel(d, size),
        d => MeanForceAgainstQuadrature(d, size),
        d => GaussianLimit(d, size),
    ];

    /// <summary>Philox4x32-10 as the device's engine computes it reproduces the known answers (<see cref="PhiloxSelfCheck"/>).</summary>
    public static CheckResult PhiloxKnownAnswers(IComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return PhiloxSelfCheck.Run(device.Philox);
    }

    /// <summary>
    /// Full model with T_L = T_R: no heat current, and every site at the common temperature (equipartition).
    /// </summary>
    public static CheckResult Equilibrium(IComputeDevice device, ValidationSize size)
    {
        const double temperature = 2.0;
        var r = Run(device, size, "model=full", "chain.sites=4", $"particleBath.temperature={temperature}",
            $"langevinBath.temperature={temperature}", "numerics.seed=11");
        var zs = r.TemperatureProfile.Select(e => e.ZScore(temperature)).Append(r.Current.ZScore(0)).ToArray();
        double worst = zs.Max(Math.Abs);
        string profile = string.Join(" ", r.TemperatureProfile.Select(e => F($"{e.Value:F4}")));
        return new CheckResult($"equilibrium, full model, T_L = T_R = {temperature}: J = 0 and <p_j^2>/m = T", worst < ZTolerance,
            F($"J = {r.Current.Value:G3} +- {r.Current.StdErr:G2}; <p_j^2>/m = {profile}; max |z| = {worst:F2}"),
            F($"|z| < {ZTolerance} for J and each site"), r.Timing.WallSeconds);
    }

    /// <summary>
    /// The effective chain against the exact stationary current of its own discrete scheme (the one-step map is
    /// linear), so no time-step bias hides in the tolerance. dt = 0.25 (omega_max dt = 0.5, the largest step the
    /// validator allows) makes that bias, +0.17 % here, several standard errors wide against the continuous-time
    /// theory reported beside it; the effective chain has no particles, so a long run is cheap.
    /// </summary>
    public static CheckResult EffectiveChainAgainstDiscreteScheme(IComputeDevice device, ValidationSize size)
    {
        var r = Run(device, size with { MeasureTime = 4 * size.MeasureTime }, "model=effective", "chain.sites=4",
            "particleBath.temperature=5", "numerics.timeStep=0.25", "numerics.seed=12");
        var exact = r.Theory.Single(t => t.Name == "discreteScheme");
        var continuous = r.Theory.Single(t => t.Name == "markov");
        return new CheckResult("effective chain vs exact discrete-scheme current (N = 4, T_L = 5, dt = 0.25)",
            Math.Abs(exact.ZScore) < ZTolerance,
            F($"J = {r.Current.Value:G6} +- {r.Current.StdErr:G2}; exact {exact.Value:G6} (z = {exact.ZScore:F2}); continuous-time {continuous.Value:G6} (z = {continuous.ZScore:F2})"),
            F($"|z| < {ZTolerance}"), r.Timing.WallSeconds);
    }

    /// <summary>The full model (N = 4, paper parameters, T_L = 5) against the memory-kernel theory.</summary>
    public static CheckResult FullModelAgainstMemoryKernel(IComputeDevice device, ValidationSize size)
    {
        var r = Run(device, size, "model=full", "chain.sites=4", "particleBath.temperature=5", "numerics.seed=13");
        var mk = r.Theory.Single(t => t.Name == "memoryKernel");
        var markov = r.Theory.Single(t => t.Name == "markov");
        double allowed = ZTolerance * r.Current.StdErr + MemoryKernelRelativeAllowance * mk.Value;
        double diff = r.Current.Value - mk.Value;
        return new CheckResult("full model vs memory-kernel theory (N = 4, N_b = 40, T_L = 5)", Math.Abs(diff) < allowed,
            F($"J = {r.Current.Value:G6} +- {r.Current.StdErr:G2}; memory kernel {mk.Value:G6} (z = {mk.ZScore:F2}, {100 * diff / mk.Value:+0.00;-0.00} %); Markov {markov.Value:G6} (z = {markov.ZScore:F2})"),
            F($"|J - J_mk| < {ZTolerance} stdErr + {100 * MemoryKernelRelativeAllowance} % (theory is order eps^2)"), r.Timing.WallSeconds);
    }

    /// <summary>
    /// The mean force on a probe frozen in the deep wells q = -10, +10 (eps = 0.1, T_L = 5, the model's default particle
    /// scheme and step) against the exact quadrature: where a first-order particle step shows its bias (Euler-Maruyama at this
    /// step sits 2-3 % off, 8 standard errors of this check at the SIMD engine's size and 25 at the GPU's). Measured for
    /// a sixteenth of the statistical checks' time (particles only, but 40 of them per trajectory), after 2 time units of
    /// burn-in (6 tau_1: the uniform start's deviation is down to 2e-3, and averages to 5e-5 over the measurement). The
    /// default step's bias, ~0.03 % (docs/precision.md, "Particle scheme"), is a quarter of a standard error at the GPU size.
    /// </summary>
    public static CheckResult MeanForceAgainstQuadrature(IComputeDevice device, ValidationSize size)
    {
        var config = ConfigLoader.Parse(null, [
            "model=meanForce", "meanForce.positions=-10,10", "numerics.seed=14", "numerics.burnInTime=2",
            $"numerics.trajectories={size.Trajectories}", F($"numerics.measureTime={size.MeasureTime / 16}")], "validate");
        var r = MeanForceRunner.Run(config, device);
        double worst = r.Points.Max(p => Math.Abs(p.ZExact));
        string figures = string.Join("; ", r.Points.Select(p =>
            F($"q = {p.Position:G3}: {p.Force.Value:G6} +- {p.Force.StdErr:G2}, exact {p.Exact:G6} (z = {p.ZExact:F2})")));
        return new CheckResult(
            $"mean force on a frozen probe vs exact quadrature (q = +-10, {ParticleSchemes.Name(config.Run.Numerics.ParticleScheme)})",
            worst < ZTolerance, figures, F($"|z| < {ZTolerance} at each q"), r.Timing.WallSeconds);
    }

    /// <summary>The bath sizes of the Gaussian-limit check, with N_b eps^2 = <see cref="GaussianLimitProduct"/> at each.</summary>
    public static readonly int[] GaussianLimitSizes = [2, 4, 8, 16];

    /// <summary>N_b eps^2 of the Gaussian-limit check: the paper's (40 x 0.1^2 = 0.4).</summary>
    public const double GaussianLimitProduct = 0.4;

    /// <summary>
    /// The full model at any precision (docs/model.md, "Gaussian-bath limit"): at fixed N_b eps^2 the memory-kernel theory
    /// is exact only as N_b -> infinity, so J at N_b = 2, 4, 8, 16 (N = 4, T_L = 1, where the truncation is large: -9 %
    /// at N_b = 2, -1 % at N_b = 16, measured with --device cpu at 8192 trajectories, 2026-12-04) is fitted to
    /// J_inf + c/N_b (+ d/N_b^2 where the points need it, BathSizeFit) and J_inf must lie within 4 standard errors of
    /// the theory. No allowance for the theory's error is needed, unlike the check at N_b = 40: J_inf has no truncation.
    /// The small baths keep it cheap (a few seconds on the CPU); the figure also shows how far N_b = 2 alone sits from
    /// the theory, i.e. how large a truncation the extrapolation removed.
    /// </summary>
    public static CheckResult GaussianLimit(IComputeDevice device, ValidationSize size)
    {
        var clock = Stopwatch.StartNew();
        var points = new List<BathSizePoint>();
        double mk = double.NaN, zSmallest = double.NaN;
        for (int i = 0; i < GaussianLimitSizes.Length; i++)
        {
            int n = GaussianLimitSizes[i];
            var r = Run(device, size with { Trajectories = size.GaussianLimitEnsemble }, "model=full", "chain.sites=4", "particleBath.temperature=1",
                F($"particleBath.particles={n}"), F($"particleBath.epsilon={Math.Sqrt(GaussianLimitProduct / n):R}"), F($"numerics.seed={31 + i}"));
            points.Add(new BathSizePoint(n, r.Current.Value, r.Current.StdErr));
            var theory = r.Theory.Single(t => t.Name == "memoryKernel");
            mk = theory.Value;
            if (i == 0) zSmallest = theory.ZScore;
        }
        var fit = BathSizeFit.Of(points);
        var f = fit.Chosen;
        double z = (f.Limit - mk) / f.LimitStdErr;
        string curvature = fit.Quadratic is null ? "" : F($", d/N_b^2 term z = {fit.CurvatureZScore:F2} ({(fit.CurvatureNeeded ? "kept" : "not needed")})");
        return new CheckResult(F($"Gaussian-limit extrapolation vs memory-kernel theory (N = 4, T_L = 1, N_b = {string.Join(", ", GaussianLimitSizes)}, N_b eps^2 = {GaussianLimitProduct})"),
            Math.Abs(z) < ZTolerance,
            F($"J_inf = {f.Limit:G6} +- {f.LimitStdErr:G2} ({100 * f.LimitStdErr / f.Limit:F3} %); memory kernel {mk:G6} (z = {z:F2}); ") +
            F($"at N_b = {GaussianLimitSizes[0]} z = {zSmallest:F1}; chi2 = {f.ChiSquare:F2} on {f.Dof} dof{curvature}"),
            F($"|z| < {ZTolerance} (J_inf has no truncation)"), clock.Elapsed.TotalSeconds);
    }

    private static SteadyStateResult Run(IComputeDevice device, ValidationSize size, params string[] sets)
    {
        var all = sets.Concat([
            $"numerics.trajectories={size.Trajectories}",
            F($"numerics.measureTime={size.MeasureTime}"),
            "numerics.burnInTime=20",
            "numerics.initialState=theory",
        ]);
        return SteadyStateRunner.Run(ConfigLoader.Parse(null, all, "validate"), device);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
