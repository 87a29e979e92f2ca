using System.Globalization;
using System.Text.Json;

namespace GpuThermoChain.Config;

/// <summary>A validated configuration together with every resolved value under its dotted name.</summary>
public sealed record ResolvedConfig(RunConfig Run, IReadOnlyDictionary<string, object> Values, string? SourcePath);

/// <summary>
/// Reads a JSON config (nested objects keyed by the dotted names' sections), applies repeated
/// <c>--set name=value</c> overrides, fills defaults and validates. Any problem is a
/// <see cref="ConfigException"/> naming the parameter; nothing is half-applied.
/// </summary>
public static class ConfigLoader
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Loads <paramref name="path"/> (null: defaults only) and applies the overrides in order.</summary>
    /// <param name="checkNumerics">false for commands that never integrate (theory): skip the time-step checks.</param>
    public static ResolvedConfig Load(string? path, IEnumerable<string>? overrides = null, bool checkNumerics = true)
    {
        string? text = path is null ? null : UserFile.ReadText(path, "config");
        return Parse(text, overrides, path, checkNumerics);
    }

    /// <summary>Parses config text (null: defaults only); <paramref name="sourceName"/> is only for messages.</summary>
    public static ResolvedConfig Parse(string? json, IEnumerable<string>? overrides = null, string? sourceName = null,
        bool checkNumerics = true)
    {
        var given = new Dictionary<string, object>(StringComparer.Ordinal);
        if (json is not null)
            ReadJson(json, sourceName ?? "config", given);
        foreach (string assignment in overrides ?? [])
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new ConfigException("--set", $"'{Shown.Text(assignment)}' is not of the form name=value");
            string name = assignment[..eq].Trim();
            var def = ParameterCatalog.Get(name);
            given[name] = def.ParseText(assignment[(eq + 1)..]);
        }
        var values = ApplyModelDefaults(given);
        var run = RunConfigBuilder.Build(values);
        ConfigValidator.Validate(run, checkNumerics);
        return new ResolvedConfig(run, values, sourceName);
    }

    /// <summary>
    /// Fills every missing value with its default. The probe experiment is one free oscillator with no
    /// right bath, so for <c>model = probe</c> those keys default accordingly (and the validator
    /// refuses explicit values that contradict it), and its v(0) defaults to one inside linear response. The meanForce
    /// model, a stationary average, defaults to the particle scheme that is second order for it
    /// (<see cref="ParticleSchemes.MeanForceDefault"/>).
    /// </summary>
    private static Dictionary<string, object> ApplyModelDefaults(Dictionary<string, object> given)
    {
        string model = given.TryGetValue("model", out var m) ? (string)m : (string)ParameterCatalog.Get("model").Default;
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var def in ParameterCatalog.All)
        {
            object value = given.TryGetValue(def.Name, out var v) ? v : def.Default;
            if (!given.ContainsKey(def.Name) && model == "meanForce" && def.Name == "numerics.particleScheme")
            {
                value = ParticleSchemes.Name(ParticleSchemes.MeanForceDefault);
            }
            if (!given.ContainsKey(def.Name) && model == "probe")
            {
                value = def.Name switch
                {
                    "chain.sites" => 1.0,
                    "chain.coupling" => 0.0,
                    "langevinBath.friction" => 0.0,
                    "probe.initialVelocity" => ParameterCatalog.ProbeDefaultInitialVelocity,
                    _ => value,
                };
            }
            values[def.Name] = value;
        }
        return values;
    }

    /// <summary>
    /// Parses a file the user wrote (a run config, a sweep file): comments and trailing commas allowed; text that is not
    /// JSON is a <see cref="ConfigException"/> on <paramref name="parameter"/> naming <paramref name="sourceName"/>.
    /// </summary>
    public static JsonDocument ParseJson(string json, string parameter, string sourceName)
    {
        try
        {
            return JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ConfigException(parameter, $"'{sourceName}' is not valid JSON: {e.Message}");
        }
    }

    private static void ReadJson(string json, string sourceName, Dictionary<string, object> into)
    {
        using (var doc = ParseJson(json, "config", sourceName))
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ConfigException("config", $"'{sourceName}' must hold one JSON object, not {doc.RootElement.ValueKind}");
            ReadObject(doc.RootElement, "", into);
        }
    }

    private static void ReadObject(JsonElement obj, string prefix, Dictionary<string, object> into)
    {
        foreach (var prop in obj.EnumerateObject())
        {
            string name = prefix + prop.Name;
            bool isSection = prefix.Length == 0 && ParameterCatalog.Sections.Contains(prop.Name);
            if (isSection)
            {
                if (prop.Value.ValueKind != JsonValueKind.Object)
                    throw new ConfigException(name, $"must be an object holding the {name}.* parameters, not {Describe(prop.Value)}");
                ReadObject(prop.Value, name + ".", into);
                continue;
            }
            var def = ParameterCatalog.Get(name);
            if (into.ContainsKey(name))
                throw new ConfigException(name, "is given twice");
            into[name] = ReadValue(def, prop.Value);
        }
    }

    private static object ReadValue(ParameterDefinition def, JsonElement e)
    {
        switch (def.Kind)
        {
            case ParameterKind.Choice:
                if (e.ValueKind != JsonValueKind.String)
                    throw new ConfigException(def.Name, $"expected a string ({def.AllowedRange}), got {Describe(e)}");
                return def.ParseText(e.GetString()!);
            case ParameterKind.UnsignedInteger:
                if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out ulong u)) return u;
                // A number in quotes is refused as for every other numeric parameter (the config written into results
                // holds the seed as a JSON number, exact to all 64 bits).
                throw new ConfigException(def.Name, $"value {Describe(e)} is not allowed: must be {def.AllowedRange}");
            case ParameterKind.RealList:
                if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
                    throw new ConfigException(def.Name, $"expected {def.AllowedRange}, got {Describe(e)}");
                return e.EnumerateArray().Select(x => Number(def, x)).ToArray();
            case ParameterKind.RealOrAuto when e.ValueKind == JsonValueKind.String:
                return def.ParseText(e.GetString()!) is string auto ? auto
                    : throw new ConfigException(def.Name, $"expected {def.AllowedRange}, got {Describe(e)} (a number is written without quotes)");
            default:
                return Number(def, e);
        }
    }

    private static double Number(ParameterDefinition def, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Number)
            throw new ConfigException(def.Name, $"expected {def.AllowedRange}, got {Describe(e)}");
        double v = e.GetDouble();
        def.CheckRange(v, e.GetRawText());
        return v;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shown.Text(e.GetString()!)}\"",
        JsonValueKind.Number => e.GetRawText(),
        _ => e.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
