using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Engine.GaussianLimit;

/// <summary>
/// A Gaussian-limit study as a sweep: one point per bath size N_b, with eps scaled so that N_b eps^2 stays the
/// configuration's (the memory-kernel theory depends on them only through that product: docs/model.md, "Memory-kernel
/// theory"). It is written as an ordinary sweep file (a union of one-point grids over particleBath.particles and
/// particleBath.epsilon, the base being the fully resolved configuration), so its points run, resume, shard into a
/// Slurm plan and collect exactly as a sweep's do. Each point's seed is its own (the sweep's perPoint seeds), so the
/// points are independent, as the fit assumes; numerics.particleSubsteps is raised per point where the validator's
/// particle-step rule needs it (the sweep's autoSubsteps), and every point passes the validator before anything runs.
/// </summary>
public sealed record GaussianLimitPlan(ResolvedConfig Base, IReadOnlyList<int> BathSizes, string SweepJson, SweepSpec Spec,
    IReadOnlyList<SweepPoint> Points)
{
    /// <summary>The default sizes: the configured N_b, 4 N_b and 16 N_b (a lever arm of 16 in 1 / N_b).</summary>
    public static IReadOnlyList<int> DefaultSizes(int configured) => [configured, 4 * configured, 16 * configured];

    public int ConfiguredParticles => Base.Run.ParticleBath.Particles;
    public double ConfiguredEpsilon => Base.Run.ParticleBath.CouplingStrength;

    /// <summary>N_b eps^2, held fixed along the study.</summary>
    public double Product => ConfiguredParticles * ConfiguredEpsilon * ConfiguredEpsilon;

    /// <summary>eps at <paramref name="particles"/> that keeps N_b eps^2 (exact for the configured N_b itself).</summary>
    public static double EpsilonAt(ResolvedConfig c, int particles)
    {
        int n0 = c.Run.ParticleBath.Particles;
        double eps0 = c.Run.ParticleBath.CouplingStrength;
        return particles == n0 ? eps0 : eps0 * Math.Sqrt((double)n0 / particles);
    }

    /// <summary>
    /// Validates and expands the study; every problem is a <see cref="ConfigException"/> naming the parameter (the
    /// config's, --bath-sizes, or a point's).
    /// </summary>
    public static GaussianLimitPlan Create(ResolvedConfig baseConfig, IReadOnlyList<int>? bathSizes)
    {
        var c = baseConfig.Run;
        if (c.Model != ModelKind.Full)
            throw new ConfigException("model", $"value {ConfigValidator.ModelName(c.Model)} has no particle bath to extrapolate: a Gaussian-limit study runs model full");
        if (!(c.ParticleBath.CouplingStrength > 0))
            throw new ConfigException("particleBath.epsilon", "value 0 couples no bath: with eps = 0 there is no current and nothing to extrapolate; must be > 0");
        var sizes = bathSizes ?? DefaultSizes(c.ParticleBath.Particles);
        if (sizes.Count < 2)
            throw new ConfigException("--bath-sizes", "give at least two bath sizes (three or more also test the 1/N_b form; four or more allow a 1/N_b^2 term)");
        if (sizes.Any(n => n < 1))
            throw new ConfigException("--bath-sizes", $"value {sizes.First(n => n < 1)} is not allowed: a bath has at least 1 particle");
        if (sizes.Distinct().Count() != sizes.Count)
            throw new ConfigException("--bath-sizes", $"{sizes.GroupBy(n => n).First(g => g.Count() > 1).Key} appears twice: each bath size is one point");
        var ordered = sizes.Order().ToList();
        string json = SweepText(baseConfig, ordered);
        var spec = SweepSpec.Parse(json, Directory.GetCurrentDirectory(), "gtc converge");
        var points = SweepPlan.Expand(spec);
        return new GaussianLimitPlan(baseConfig, ordered, json, spec, points);
    }

    /// <summary>
    /// The study's sweep file. The base is the resolved configuration written out whole, so the file alone reproduces
    /// the study. autoSubsteps is the validator's own limit: it raises the substeps only where a point would otherwise
    /// be refused, never lowers the configured ones.
    /// </summary>
    private static string SweepText(ResolvedConfig c, IReadOnlyList<int> sizes) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("description", string.Create(CultureInfo.InvariantCulture,
            $"Gaussian-limit study (gtc converge): J at N_b = {string.Join(", ", sizes)} with N_b eps^2 = {c.Run.ParticleBath.Particles * c.Run.ParticleBath.CouplingStrength * c.Run.ParticleBath.CouplingStrength:R} fixed; fitted in 1/N_b and extrapolated to the Gaussian bath, N_b to infinity"));
        w.WritePropertyName("base");
        ConfigJson.WriteNested(w, c.Values);
        w.WriteStartArray("grids");
        foreach (int n in sizes)
        {
            w.WriteStartArray();
            Axis(w, "particleBath.particles", n);
            Axis(w, "particleBath.epsilon", EpsilonAt(c, n));
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteString("seeds", "perPoint");
        w.WriteNumber("autoSubsteps", ConfigValidator.MaxSubstepOverTau1);
        w.WriteEndObject();
    });

    private static void Axis(System.Text.Json.Utf8JsonWriter w, string name, double value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteStartArray("values");
        w.WriteNumberValue(value);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Parses "10,40,160" (--bath-sizes).</summary>
    public static IReadOnlyList<int> ParseSizes(string text)
    {
        var list = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                throw new ConfigException("--bath-sizes", $"'{part}' is not a whole number: give bath sizes as a comma-separated list, e.g. --bath-sizes 10,40,160");
            list.Add(n);
        }
        return list;
    }
}
