namespace GpuThermoChain.Config;

/// <summary>
/// Every configuration parameter the tool knows, with its default. Physics defaults are the paper's
/// values (docs/model.md, "The system", table); numerics defaults give a small run that finishes in about a
/// minute on a laptop CPU.
/// </summary>
public static class ParameterCatalog
{
    public static readonly IReadOnlyList<ParameterDefinition> All =
    [
        new("model", ParameterKind.Choice, "full", "which system to simulate",
            Choices: ["full", "effective", "probe", "meanForce"]),

        // The exact theory every run is checked against costs ~N^3 (about 40 s at N = 256), hence the cap.
        new("chain.sites", ParameterKind.Integer, 8.0, "N, oscillators in the chain", Min: 1, Max: 256),
        new("chain.mass", ParameterKind.Real, 1.0, "m, mass of each oscillator", Min: 0, MinExclusive: true),
        new("chain.coupling", ParameterKind.Real, 1.0, "k, spring between neighbours", Min: 0),
        new("chain.pinning", ParameterKind.Real, 1.0, "K, pinning spring on sites 1 and N", Min: 0, MinExclusive: true),

        new("particleBath.particles", ParameterKind.Integer, 40.0, "N_b, bath particles per trajectory", Min: 1, Max: 1_000_000),
        new("particleBath.epsilon", ParameterKind.Real, 0.1, "eps, coupling strength", Min: 0),
        new("particleBath.amplitude", ParameterKind.Real, 1.0, "A, ring average of the coupling F", Min: 0, MinExclusive: true),
        new("particleBath.rho", ParameterKind.Real, 2.0, "rho, localisation of the von Mises coupling", Min: 0, Max: 50),
        new("particleBath.ringLength", ParameterKind.Real, 25.0, "L, ring circumference", Min: 0, MinExclusive: true),
        new("particleBath.friction", ParameterKind.Real, 0.1, "zeta, particle friction", Min: 0, MinExclusive: true),
        new("particleBath.temperature", ParameterKind.Real, 5.0, "T_L, particle bath temperature", Min: 0, MinExclusive: true),

        new("langevinBath.friction", ParameterKind.Real, 1.0, "gamma_R, right-bath friction", Min: 0),
        new("langevinBath.temperature", ParameterKind.Real, 0.0, "T_R, right-bath temperature", Min: 0),

        new("numerics.timeStep", ParameterKind.Real, 0.01, "dt, chain time step", Min: 0, MinExclusive: true),
        new("numerics.particleSubsteps", ParameterKind.Integer, 1.0, "particle substeps per chain step", Min: 1, Max: 1 << 20),
        new("numerics.particleScheme", ParameterKind.Choice, ParticleSchemes.Name(ParticleSchemes.Default),
            "how a particle moves over one substep: eulerMaruyama (first order) or leimkuhlerMatthews (second order in stationary averages, same forces; the meanForce model's default)",
            Choices: ParticleSchemes.Names, Before: ParticleSchemes.Name(ParticleScheme.EulerMaruyama)),
        // auto: the burn-in grows until the ensemble tests stationary (models full, effective, meanForce), up to
        // burnInMaxTime; a number is used as given. The cap allows 8 doubling stages from the first (10 time units), far
        // past the chain's relaxation at the paper's parameters (tens of time units) and past the 1000 the low-T_L runs need.
        new("numerics.burnInTime", ParameterKind.RealOrAuto, ParameterDefinition.Auto,
            "time discarded before measuring; auto: grown until the ensemble tests stationary, up to numerics.burnInMaxTime", Min: 0),
        new("numerics.burnInMaxTime", ParameterKind.Real, 1280.0, "the longest burn-in numerics.burnInTime = auto may take", Min: 0,
            MinExclusive: true, Before: 1280.0),
        new("numerics.measureTime", ParameterKind.Real, 200.0, "measured time per trajectory", Min: 0, MinExclusive: true),
        new("numerics.trajectories", ParameterKind.Integer, 256.0, "independent trajectories in the ensemble", Min: 2, Max: 1 << 30),
        new("numerics.seed", ParameterKind.UnsignedInteger, 1UL, "64-bit Philox key"),
        new("numerics.initialState", ParameterKind.Choice, "theory", "rest, or the Gaussian stationary state of the memory-kernel theory",
            Choices: ["rest", "theory"]),
        new("numerics.stepsPerLaunch", ParameterKind.Integer, 2000.0, "chain steps per kernel launch", Min: 1, Max: 1 << 24),
        // How a GPU kernel maps trajectories onto threads; auto picks by trajectories per device (KernelLayoutRule).
        new("numerics.kernelLayout", ParameterKind.Choice, "auto", "GPU kernel layout: threads per trajectory (auto: by ensemble size and device)",
            Choices: ["auto", "thread", "lanes4", "lanes8", "lanes16", "thread-global", "lanes4-global", "lanes8-global", "lanes16-global", "thread-registers"]),

        // The probe model's own default is ProbeDefaults.InitialVelocity (ConfigLoader); this one is what the other models
        // carry, unused, and stays as it was so their resolved configs (and sweep keys) do not change.
        new("probe.initialVelocity", ParameterKind.Real, 50.0, "v(0) of the released probe (model = probe; default 10 there)"),
        new("probe.sampleInterval", ParameterKind.Real, 0.05, "time between recorded ensemble means of q and v (model = probe)", Min: 0, MinExclusive: true),

        // Sized for the default eps = 0.1: eps |q| <= 1 (the bath's force is already nonlinear in q there), and at the
        // default step (dt = 0.01, 1 substep) the particle step resolves the tilted well (MeanForceWell: h = 0.041 tau_q
        // at |q| = 10). Fig. 2a's +-2000 belong to eps = 1e-3 (runs/fig2a-mean-force).
        new("meanForce.positions", ParameterKind.RealList, new[] { -10.0, -5.0, -2.0, 0.0, 2.0, 5.0, 10.0 },
            "frozen probe positions q (model = meanForce)"),
    ];

    /// <summary>
    /// The released probe's default v(0): small enough that the probe stays in the bath's linear response, eps q_max / T_L =
    /// 0.21 at the paper's parameters (q_max = v(0) / sqrt(k_eff / m)). Measured with <c>gtc run --set model=probe</c> (CPU,
    /// 256 trajectories, seed 1): at the former 50 (eps q_max / T_L = 1.05) gamma_eff = 0.02222 +- 0.00012 sat 14
    /// standard errors below the expected fit 0.02385 (chi2/dof 93), a 6.8 % nonlinear bias; at 10 it is 0.02301 +- 0.00056
    /// (z = -1.5, chi2/dof 0.48), the bias (as eps^2 q_max^2, ~0.3 %) well inside the error.
    /// </summary>
    public const double ProbeDefaultInitialVelocity = 10.0;

    private static readonly Dictionary<string, ParameterDefinition> ByName =
        All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Looks a parameter up by its exact dotted name; unknown names get a "did you mean" error.</summary>
    public static ParameterDefinition Get(string name) =>
        ByName.TryGetValue(name, out var d) ? d : throw Unknown(name);

    public static bool Contains(string name) => ByName.ContainsKey(name);

    /// <summary>The error for an unknown name, suggesting the closest known one.</summary>
    public static ConfigException Unknown(string name)
    {
        if (NameSuggester.Near(name, All.Select(d => d.Name)) is { } closest)
            return new ConfigException(name, $"unknown parameter; did you mean {closest}?");
        return new ConfigException(name, $"unknown parameter; the parameters are {string.Join(", ", All.Select(d => d.Name))}");
    }

    /// <summary>The section names that may appear as objects in a config file.</summary>
    public static IEnumerable<string> Sections =>
        All.Where(d => d.Name.Contains('.')).Select(d => d.Name[..d.Name.IndexOf('.')]).Distinct();
}
