using System.Text.Json;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>
/// What makes two pieces of a run (a checkpoint and the run resuming it, or shards being merged) parts of the same
/// run: the gtc version, the full resolved config (seed included) in canonical JSON, and the shard.
/// </summary>
public sealed record RunIdentity(string Version, string ConfigJson, ulong Seed, ShardSpec Shard)
{
    /// <summary>The resolved config as canonical nested JSON (the "config" block of result.json).</summary>
    public static string Canonical(ResolvedConfig config) =>
        JsonText.Write(w => Config.ConfigJson.WriteNested(w, config.Values));

    public static RunIdentity Of(ResolvedConfig config, ShardSpec shard) =>
        new(BuildInfo.Version, Canonical(config), config.Run.Numerics.Seed, shard);

    /// <summary>The config this identity records, loaded and validated again.</summary>
    public ResolvedConfig LoadConfig(string source) => ConfigLoader.Parse(ConfigJson, null, source);

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteString("version", Version);
        w.WriteNumber("seed", Seed);
        w.WriteString("shard", Shard.ToString());
        w.WriteString("config", ConfigJson);
    }

    public static RunIdentity ReadFrom(JsonElement h, string what)
    {
        try
        {
            var identity = new RunIdentity(h.RequiredString("version"), h.RequiredString("config"),
                h.Required("seed").GetUInt64(), ShardSpec.Parse(h.RequiredString("shard"), what));
            // The header's seed is a copy of the config's: two different ones leave it open which run this is.
            if (ConfigSeed(identity.ConfigJson) is var seed && seed != identity.Seed)
                throw new LongRunFileException($"{what} is inconsistent: its header says seed {identity.Seed}, its config numerics.seed {seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}");
            return identity;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ConfigException or JsonException)
        {
            throw new LongRunFileException($"{what} has an incomplete header ({e.Message})");
        }
    }

    /// <summary>numerics.seed of a canonical config, or null when it has none.</summary>
    private static ulong? ConfigSeed(string configJson)
    {
        using var doc = JsonDocument.Parse(configJson);
        return doc.RootElement.ValueKind == JsonValueKind.Object
               && doc.RootElement.TryGetProperty("numerics", out var n) && n.ValueKind == JsonValueKind.Object
               && n.TryGetProperty("seed", out var s) && s.TryGetUInt64(out ulong seed)
            ? seed
            : null;
    }

    /// <summary>
    /// Settings that change how a run is carried out but not one bit of its result: the steps per kernel launch
    /// (the noise is keyed by step, and every reduction runs in a fixed trajectory order). Pieces of one run may
    /// differ in them: a checkpoint resumed, or shards run, with other launch sizes (a GPU wants longer launches
    /// than a CPU). The kernel layout is treated as the device is: it moves only the float summation order of the
    /// bath force, and the layout each piece ran with is part of the device its result records, so a shard on a GPU
    /// (lanes4, say) merges with one on the CPU, and a checkpoint may resume on a device without that layout.
    /// </summary>
    public static IReadOnlySet<string> ResultNeutral { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "numerics.stepsPerLaunch", "numerics.kernelLayout" };

    /// <summary>
    /// <see cref="ConfigDifferences"/> less the <see cref="ResultNeutral"/> settings: empty when two canonical configs
    /// describe the same run.
    /// </summary>
    public static IReadOnlyList<string> RunDifferences(string a, string b) =>
        ConfigDifferences(a, b).Where(d => !ResultNeutral.Contains(d[..d.IndexOf(' ', StringComparison.Ordinal)])).ToList();

    /// <summary>
    /// The dotted names whose values differ between two canonical configs (for messages saying what changed).
    /// </summary>
    public static IReadOnlyList<string> ConfigDifferences(string a, string b)
    {
        var fa = Flatten(a);
        var fb = Flatten(b);
        return fa.Keys.Union(fb.Keys).Where(k => !fa.TryGetValue(k, out var x) || !fb.TryGetValue(k, out var y) || x != y)
            .Select(k => $"{k} ({(fa.TryGetValue(k, out var x) ? x : "absent")} vs {(fb.TryGetValue(k, out var y) ? y : "absent")})")
            .ToList();
    }

    /// <summary>A JSON value written compactly (what JsonSerializer.Serialize(e) writes, without its reflection, which the native build lacks).</summary>
    private static string Compact(JsonElement e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) e.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonElement e, string prefix)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject()) Walk(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name);
            // Compact re-serialisation, not the raw text: an indented result.json and a canonical config compare equal.
            else d[prefix] = Compact(e);
        }
        using var doc = JsonDocument.Parse(json);
        Walk(doc.RootElement, "");
        return d;
    }
}
