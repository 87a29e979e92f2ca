using System.Globalization;

namespace GpuThermoChain.Config;

/// <summary>
/// Checks that need more than one parameter: model-specific requirements and whether the time steps
/// can resolve the chain and the bath. Single-parameter ranges are checked while parsing.
/// </summary>
public static class ConfigValidator
{
    /// <summary>The chain step must keep omega_max * dt at or below this (Verlet phase error ~ (omega dt)^2 / 24).</summary>
    public const double MaxChainPhasePerStep = 0.5;

    /// <summary>
    /// The particle substep must be at most this fraction of the slowest bath time tau_1. Measured on the full model
    /// (N = 8, paper parameters, T_L = 5, 4096 trajectories x 500 time units, 2026-11-27): J is 0.12 % +- 0.16 % below
    /// the memory-kernel theory at h = 0.1 tau_1 and 0.02 % +- 0.16 % above it at h = 0.05 tau_1, so at this limit the
    /// step's bias in J stays below the 1 % to which the order-eps^2 theory itself is good. The mean force on a probe
    /// frozen far out (q ~ T_L / eps) is more sensitive: there the well's own relaxation time decides
    /// (<see cref="MeanForceWell"/>). This is the Euler-Maruyama limit, and Leimkuhler-Matthews's for the meanForce model.
    /// </summary>
    public const double MaxSubstepOverTau1 = 0.1;

    /// <summary>
    /// The Leimkuhler-Matthews limit where the probe moves (full, probe). Second order for stationary averages, it is first
    /// order for the heat current, with a larger constant: at N = 4, T_L = 5 (2048 trajectories x 200, one seed) J sat
    /// +1.82 %, +0.93 %, +0.51 % above the memory-kernel theory at h / tau_1 = 0.032, 0.016, 0.008, about 0.57 h / tau_1,
    /// where Euler-Maruyama sat -0.07 % and +0.01 % at 0.032 and 0.008 (docs/precision.md, "Particle scheme"). At this
    /// limit its J bias is ~0.3 %, near Euler-Maruyama's at 0.1 tau_1.
    /// </summary>
    public const double LeimkuhlerMatthewsMovingProbeMaxSubstepOverTau1 = 0.005;

    /// <summary>The largest particle step, in units of tau_1, that <paramref name="scheme"/> may take in <paramref name="model"/>.</summary>
    public static double MaxSubstepOverTau1For(ModelKind model, ParticleScheme scheme) =>
        scheme == ParticleScheme.LeimkuhlerMatthews && model != ModelKind.MeanForce
            ? LeimkuhlerMatthewsMovingProbeMaxSubstepOverTau1
            : MaxSubstepOverTau1;

    /// <summary>tau_1 = zeta L^2 / (4 pi^2 T_L), the free bath's slowest relaxation time.</summary>
    public static double SlowestBathTime(ParticleBathParameters pb) =>
        pb.Friction * pb.RingLength * pb.RingLength / (4 * Math.PI * Math.PI * pb.Temperature);

    /// <summary>
    /// The fewest particle substeps per chain step that <see cref="Validate"/> accepts for <paramref name="c"/>'s model and
    /// scheme (the bath's tau_1 limit and, for the meanForce model, the well's), in double: it can exceed the catalog's
    /// maximum. 1 for the effective model.
    /// </summary>
    public static double RequiredSubsteps(RunConfig c)
    {
        if (c.Model == ModelKind.Effective)
            return 1;
        double limit = MaxSubstepOverTau1For(c.Model, c.Numerics.ParticleScheme) * SlowestBathTime(c.ParticleBath);
        double needed = SubstepCount.Needed(c.Numerics.TimeStep, limit);
        return c.Model == ModelKind.MeanForce ? Math.Max(needed, MeanForceWell.RequiredSubsteps(c)) : needed;
    }

    public static void Validate(RunConfig c, bool checkNumerics = true)
    {
        var ch = c.Chain;
        var lb = c.LangevinBath;
        var nu = c.Numerics;
        if (c.Model == ModelKind.Probe)
        {
            if (ch.Sites != 1)
                throw new ConfigException("chain.sites", $"value {ch.Sites} is not allowed for model = probe: the probe is one oscillator (1)");
            if (lb.Friction != 0)
                throw new ConfigException("langevinBath.friction", $"value {F(lb.Friction)} is not allowed for model = probe: the released probe has no right bath (0)");
        }
        else if (c.Model is ModelKind.Full or ModelKind.Effective && lb.Friction <= 0)
        {
            throw new ConfigException("langevinBath.friction",
                $"value {F(lb.Friction)} is not allowed for model = {ModelName(c.Model)}: without a right bath there is no steady current; must be > 0");
        }

        if (!checkNumerics)
            return;

        EnsembleSize.Check(c);
        // The automatic burn-in tests two windows of at least one step each before it may stop.
        if (nu.AutoBurnIn && c.Model != ModelKind.Probe && nu.BurnInMaxTime < 2 * nu.TimeStep)
            throw new ConfigException("numerics.burnInMaxTime",
                $"value {F(nu.BurnInMaxTime)} is shorter than two time steps (2 x {F(nu.TimeStep)}): burnInTime = auto compares two " +
                "windows of the burn-in; raise numerics.burnInMaxTime, or give numerics.burnInTime a number");

        if (c.Model != ModelKind.MeanForce)
        {
            double omegaMax = HighestChainFrequency(ch);
            if (omegaMax * nu.TimeStep > MaxChainPhasePerStep)
                throw new ConfigException("numerics.timeStep",
                    $"value {F(nu.TimeStep)} cannot resolve the chain: its highest frequency is at most {F(omegaMax)}, " +
                    $"and timeStep * omega_max = {F(omegaMax * nu.TimeStep)} must be <= {F(MaxChainPhasePerStep)}; " +
                    $"use timeStep <= {F(MaxChainPhasePerStep / omegaMax)}");
        }

        if (c.Model != ModelKind.Effective)
        {
            var pb = c.ParticleBath;
            double tau1 = SlowestBathTime(pb);
            double h = nu.TimeStep / nu.ParticleSubsteps;
            double ratio = MaxSubstepOverTau1For(c.Model, nu.ParticleScheme);
            if (h > ratio * tau1)
            {
                // In double: a tiny tau_1 (T_L = 1e30) asks for more substeps than int holds, and more than the catalog allows.
                double needed = Math.Ceiling(nu.TimeStep / (ratio * tau1));
                double maxSubsteps = ParameterCatalog.Get("numerics.particleSubsteps").Max;
                string fix = needed <= maxSubsteps
                    ? $"use particleSubsteps >= {needed:F0}"
                    : $"no allowed particleSubsteps (at most {maxSubsteps:F0}) is fine enough: that needs timeStep <= " +
                      $"{F(maxSubsteps * ratio * tau1)}; or lengthen tau_1: lower particleBath.temperature, " +
                      "raise particleBath.friction or particleBath.ringLength";
                string scheme = ratio == MaxSubstepOverTau1 ? ""
                    : $" for numerics.particleScheme = {ParticleSchemes.Name(nu.ParticleScheme)} with a moving probe (first order in J, " +
                      $"with a larger constant; eulerMaruyama allows {F(MaxSubstepOverTau1)} tau_1)";
                throw new ConfigException("numerics.particleSubsteps",
                    $"value {nu.ParticleSubsteps} cannot resolve the bath: the particle step timeStep/particleSubsteps = {F(h)} " +
                    $"must be <= {F(ratio)} tau_1 = {F(ratio * tau1)}{scheme} " +
                    $"(tau_1 = zeta L^2 / (4 pi^2 T_L) = {F(tau1)}); {fix}");
            }
            if (c.Model == ModelKind.MeanForce)
                MeanForceWell.Check(c);
        }
    }

    /// <summary>
    /// Upper bound on the chain's highest normal-mode frequency (Gershgorin on the stiffness matrix;
    /// the particle bath only softens site 1, so the bare pinning bounds it).
    /// </summary>
    public static double HighestChainFrequency(ChainParameters ch)
    {
        double rowMax = ch.Sites == 1 ? ch.PinningConstant
            : Math.Max(2 * ch.SpringConstant + ch.PinningConstant, ch.Sites > 2 ? 4 * ch.SpringConstant : 0);
        return Math.Sqrt(rowMax / ch.Mass);
    }

    public static string ModelName(ModelKind m) => m switch
    {
        ModelKind.Effective => "effective",
        ModelKind.Probe => "probe",
        ModelKind.MeanForce => "meanForce",
        _ => "full",
    };

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
