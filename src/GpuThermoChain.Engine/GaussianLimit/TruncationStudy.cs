using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Engine.GaussianLimit;

/// <summary>
/// A finished Gaussian-limit study read back from its converge.json, to set beside a run or a sweep point of the same
/// physical parameters: the truncation J(N_b) - J_inf it measured at its configured N_b, with standard errors.
/// </summary>
public sealed record TruncationStudy(string Source, IReadOnlyDictionary<string, object> Values, int Particles,
    double Truncation, double TruncationStdErr, double Relative, double RelativeStdErr, double Limit, double LimitStdErr)
{
    /// <summary>
    /// The parameters a study and a run must share: the model and the physics (chain and both baths, N_b and eps
    /// included). The numerics (time step, ensemble, seed) may differ: the truncation is a property of the bath.
    /// </summary>
    public static bool IsPhysics(string name) =>
        name == "model" || name.StartsWith("chain.", StringComparison.Ordinal) ||
        name.StartsWith("particleBath.", StringComparison.Ordinal) || name.StartsWith("langevinBath.", StringComparison.Ordinal);

    /// <summary>Null if the study is of these physical parameters, else the first that differs ("name: study vs run").</summary>
    public string? Mismatch(IReadOnlyDictionary<string, object> values)
    {
        foreach (var def in ParameterCatalog.All.Where(d => IsPhysics(d.Name)))
        {
            string a = SweepPlan.FormatValue(Values[def.Name]), b = SweepPlan.FormatValue(values[def.Name]);
            if (a != b) return $"{def.Name}: {a} in the study, {b} here";
        }
        return null;
    }

    /// <summary>As <see cref="Mismatch"/>, for a sweep row (which carries every parameter under its dotted name).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> row) =>
        ParameterCatalog.All.Where(d => IsPhysics(d.Name)).All(d => row.TryGetValue(d.Name, out var v) && v == SweepPlan.FormatValue(Values[d.Name]));

    /// <summary>The study for <c>gtc run --truncation</c>: refused (exit 2) unless it is of this run's model (full) and physical parameters.</summary>
    public static TruncationStudy ReadFor(string path, ResolvedConfig resolved)
    {
        if (resolved.Run.Model != ModelKind.Full)
            throw new ConfigException("--truncation", $"a Gaussian-limit study measures the truncation of the full model's theory, not of model {ConfigValidator.ModelName(resolved.Run.Model)}");
        var study = Read(path);
        if (study.Mismatch(resolved.Values) is { } differs)
            throw new ConfigException("--truncation", $"the study '{study.Source}' is of other physical parameters ({differs}): its truncation does not apply to this run");
        return study;
    }

    /// <summary>Reads a converge.json, or the converge.json in a study's folder; a problem is a <see cref="ConfigException"/> on <paramref name="option"/>.</summary>
    public static TruncationStudy Read(string path, string option = "--truncation")
    {
        if (Directory.Exists(path)) path = Path.Combine(path, GaussianLimitJson.FileName);
        if (!File.Exists(path))
            throw new ConfigException(option, $"'{path}' does not exist: give the converge.json of a Gaussian-limit study (gtc converge CONFIG --out DIR), or its folder");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (!root.TryGetProperty("kind", out var k) || k.GetString() != GaussianLimitJson.Kind)
                throw new ConfigException(option, $"'{path}' is not a Gaussian-limit study (no \"kind\": \"{GaussianLimitJson.Kind}\"; gtc converge writes one)");
            var t = root.GetProperty("truncation");
            var g = root.GetProperty("gaussianLimit");
            var values = ConfigLoader.Parse(root.GetProperty("config").GetRawText(), null, path, checkNumerics: false).Values;
            return new TruncationStudy(Path.GetFullPath(path), values, t.GetProperty("particles").GetInt32(),
                Num(t, "value"), Num(t, "stdErr"), Num(t, "relative"), Num(t, "relativeStdErr"), Num(g, "value"), Num(g, "stdErr"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ConfigException(option, $"'{path}' is not a readable Gaussian-limit study ({e.Message})");
        }
    }

    /// <summary>
    /// The studies kept with a sweep: every converge.json under DIR/gaussian-limit/ (one folder per study, e.g.
    /// gtc converge CONFIG --out DIR/gaussian-limit/TL-0.6). Unreadable ones are skipped: they are notes, not the sweep.
    /// </summary>
    public static IReadOnlyList<TruncationStudy> FindIn(string sweepDir)
    {
        string root = Path.Combine(sweepDir, FolderInSweep);
        if (!Directory.Exists(root)) return [];
        var list = new List<TruncationStudy>();
        foreach (string f in Directory.EnumerateFiles(root, GaussianLimitJson.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                list.Add(Read(f));
            }
            catch (ConfigException)
            {
            }
        }
        return list;
    }

    /// <summary>Where a sweep's folder keeps its Gaussian-limit studies.</summary>
    public const string FolderInSweep = "gaussian-limit";

    private static double Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
}
