namespace GpuThermoChain.Config;

/// <summary>The config names of <see cref="ParticleScheme"/> and the default.</summary>
public static class ParticleSchemes
{
    /// <summary>
    /// The scheme a config that names none runs, except for the meanForce model (<see cref="MeanForceDefault"/>):
    /// Euler-Maruyama, whose heat current at the default step is within 0.1 % of its h -> 0 limit, where
    /// Leimkuhler-Matthews's is 1.8 % off (first order in J, larger constant; docs/precision.md, "Particle scheme").
    /// </summary>
    public const ParticleScheme Default = ParticleScheme.EulerMaruyama;

    /// <summary>
    /// The meanForce model's default: Leimkuhler-Matthews, second order for the stationary mean force, which reaches a
    /// bias of 0.1 % at a deep well for about 50 times less work than Euler-Maruyama.
    /// </summary>
    public const ParticleScheme MeanForceDefault = ParticleScheme.LeimkuhlerMatthews;

    /// <summary>Every scheme's config name, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Name(ParticleScheme.EulerMaruyama), Name(ParticleScheme.LeimkuhlerMatthews)];

    /// <summary>The config value for <paramref name="scheme"/>.</summary>
    public static string Name(ParticleScheme scheme) => scheme switch
    {
        ParticleScheme.EulerMaruyama => "eulerMaruyama",
        ParticleScheme.LeimkuhlerMatthews => "leimkuhlerMatthews",
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "unknown particle scheme"),
    };

    /// <summary>The scheme a config value names (the loader has already checked it is one of <see cref="Names"/>).</summary>
    public static ParticleScheme Parse(string name) => name switch
    {
        "eulerMaruyama" => ParticleScheme.EulerMaruyama,
        "leimkuhlerMatthews" => ParticleScheme.LeimkuhlerMatthews,
        _ => throw new ConfigException("numerics.particleScheme", $"value '{name}' is not allowed; must be one of {string.Join(", ", Names)}"),
    };
}
