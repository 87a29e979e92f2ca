using System.Globalization;
using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Results;

namespace GpuThermoChain.Engine.Sweeps;

/// <summary>One swept parameter and the values it takes, in order.</summary>
public sealed record SweepAxis(string Name, IReadOnlyList<double> Values);

/// <summary>A product grid over one or two axes; a sweep is the union of its blocks, in order.</summary>
public sealed record SweepBlock(IReadOnlyList<SweepAxis> Axes)
{
    /// <summary>The plot's x axis: the last axis. With two axes the first one labels the series.</summary>
    public SweepAxis X => Axes[^1];
}

/// <summary>
/// A sweep file: a base run config (inline object in the run-config format, or a path relative to the sweep file),
/// <c>set</c> overrides applied to every point, and a grid over one or two parameters (<c>grid</c>: a list of axes,
/// their product) or a union of such grids (<c>grids</c>: a list of grids). Each axis is
/// <c>{"name": ..., "values": [...]}</c> or <c>{"name": ..., "from": a, "to": b, "count": n, "scale": "linear"|"log"}</c>.
/// Optional: <c>figure</c> (fig2a, fig2b, fig3, fig4a, fig4b, maximum) picks what <c>gtc plot</c> draws;
/// <c>seeds</c> ("perPoint", the default: each point's seed is derived from the base seed and its resolved parameters,
/// so points are statistically independent; "shared": every point uses the base seed); <c>autoSubsteps</c> (a number
/// r: numerics.particleSubsteps is raised where needed so the particle step is at most r tau_1 at every point);
/// <c>estimator</c> (bond, rightBath or leftBath: the estimator tabulated as J, with its z-scores; default the runner's
/// quoted one; every estimator is tabulated anyway); <c>description</c> (free text).
/// </summary>
public sealed record SweepSpec(
    string? Figure,
    string? Description,
    string? BaseJson,
    string BaseSource,
    IReadOnlyList<string> Set,
    IReadOnlyList<SweepBlock> Blocks,
    bool SeedPerPoint,
    double? AutoSubsteps,
    string? Estimator = null)
{
    public static readonly IReadOnlyList<string> Figures = ["fig2a", "fig2b", "fig3", "fig4a", "fig4b", "maximum"];

    private static readonly HashSet<string> Keys =
        ["figure", "description", "base", "set", "grid", "grids", "seeds", "autoSubsteps", "estimator"];

    /// <summary>Reads a sweep file; every problem is a <see cref="ConfigException"/> naming the entry.</summary>
    public static SweepSpec Load(string path)
    {
        return Parse(UserFile.ReadText(path, "sweep"), Path.GetDirectoryName(Path.GetFullPath(path))!, path);
    }

    /// <summary>Parses sweep text; a base given as a path is read relative to <paramref name="folder"/>.</summary>
    public static SweepSpec Parse(string json, string folder, string sourceName = "sweep")
    {
        using (var doc = ConfigLoader.ParseJson(json, "sweep", sourceName))
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ConfigException("sweep", $"'{sourceName}' must hold one JSON object");
            foreach (var p in root.EnumerateObject())
                if (!Keys.Contains(p.Name))
                    throw new ConfigException($"sweep.{p.Name}",
                        $"unknown entry; a sweep file holds {string.Join(", ", Keys.Order())}");

            string? figure = OptionalString(root, "figure");
            if (figure is not null && !Figures.Contains(figure))
                throw new ConfigException("sweep.figure", $"'{figure}' is not a known figure: one of {string.Join(", ", Figures)}");
            string? description = OptionalString(root, "description");

            string? baseJson = null;
            string baseSource = "defaults";
            if (root.TryGetProperty("base", out var b))
            {
                switch (b.ValueKind)
                {
                    case JsonValueKind.Object:
                        baseJson = b.GetRawText();
                        baseSource = $"{sourceName} (inline base)";
                        break;
                    case JsonValueKind.String:
                        string path = Path.Combine(folder, b.GetString()!);
                        if (!File.Exists(path))
                            throw new ConfigException("sweep.base", $"base config '{b.GetString()}' does not exist (looked for '{path}')");
                        baseJson = UserFile.ReadText(path, "sweep.base");
                        baseSource = path;
                        break;
                    default:
                        throw new ConfigException("sweep.base", "must be a run config object or the path of a run config file");
                }
            }

            var set = new List<string>();
            if (root.TryGetProperty("set", out var s))
            {
                if (s.ValueKind != JsonValueKind.Array || s.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                    throw new ConfigException("sweep.set", "must be a list of \"name=value\" strings");
                set.AddRange(s.EnumerateArray().Select(e => e.GetString()!));
            }

            bool hasGrid = root.TryGetProperty("grid", out var grid);
            bool hasGrids = root.TryGetProperty("grids", out var grids);
            if (hasGrid == hasGrids)
                throw new ConfigException("sweep.grid", "give exactly one of \"grid\" (a list of one or two axes) or \"grids\" (a list of such grids)");
            var blocks = new List<SweepBlock>();
            if (hasGrid)
            {
                blocks.Add(ParseBlock(grid, "sweep.grid"));
            }
            else
            {
                if (grids.ValueKind != JsonValueKind.Array || grids.GetArrayLength() == 0)
                    throw new ConfigException("sweep.grids", "must be a non-empty list of grids (each a list of one or two axes)");
                int i = 0;
                foreach (var g in grids.EnumerateArray())
                    blocks.Add(ParseBlock(g, $"sweep.grids[{i++}]"));
            }

            bool perPoint = true;
            if (OptionalString(root, "seeds") is { } seeds)
            {
                perPoint = seeds switch
                {
                    "perPoint" => true,
                    "shared" => false,
                    _ => throw new ConfigException("sweep.seeds", $"'{seeds}' is not allowed: one of perPoint, shared"),
                };
            }

            double? auto = null;
            if (root.TryGetProperty("autoSubsteps", out var a))
            {
                if (a.ValueKind != JsonValueKind.Number || a.GetDouble() is not (> 0 and <= ConfigValidator.MaxSubstepOverTau1))
                    throw new ConfigException("sweep.autoSubsteps",
                        $"must be a number in (0, {ConfigValidator.MaxSubstepOverTau1}]: the largest particle step in units of tau_1");
                auto = a.GetDouble();
            }
            string? estimator = OptionalString(root, "estimator");
            if (estimator is not null && Observables.FindHeatCurrent(estimator) is null)
                throw new ConfigException("sweep.estimator", $"'{estimator}' is not allowed: one of {Observables.HeatCurrentNames}");
            return new SweepSpec(figure, description, baseJson, baseSource, set, blocks, perPoint, auto, estimator);
        }
    }

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var e)) return null;
        if (e.ValueKind != JsonValueKind.String)
            throw new ConfigException($"sweep.{name}", "must be a string");
        return e.GetString();
    }

    private static SweepBlock ParseBlock(JsonElement g, string where)
    {
        if (g.ValueKind != JsonValueKind.Array || g.GetArrayLength() is < 1 or > 2)
            throw new ConfigException(where, "must be a list of one or two axes, e.g. [{\"name\": \"particleBath.temperature\", \"values\": [1, 2, 5]}]");
        var axes = new List<SweepAxis>();
        int i = 0;
        foreach (var a in g.EnumerateArray())
            axes.Add(ParseAxis(a, $"{where}[{i++}]"));
        if (axes.Count == 2 && axes[0].Name == axes[1].Name)
            throw new ConfigException(where, $"sweeps {axes[0].Name} twice");
        return new SweepBlock(axes);
    }

    private static SweepAxis ParseAxis(JsonElement a, string where)
    {
        if (a.ValueKind != JsonValueKind.Object)
            throw new ConfigException(where, "an axis is an object: {\"name\": ..., \"values\": [...]} or {\"name\": ..., \"from\": a, \"to\": b, \"count\": n, \"scale\": \"linear\"|\"log\"}");
        foreach (var p in a.EnumerateObject())
            if (p.Name is not ("name" or "values" or "from" or "to" or "count" or "scale"))
                throw new ConfigException($"{where}.{p.Name}", "unknown entry; an axis holds name and values, or name, from, to, count and scale");
        if (!a.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
            throw new ConfigException($"{where}.name", "missing: the dotted name of the swept parameter");
        string name = n.GetString()!;
        ParameterDefinition def;
        try
        {
            def = ParameterCatalog.Get(name);
        }
        catch (ConfigException e)
        {
            throw new ConfigException($"{where}.name", $"'{name}': {e.Detail}");
        }
        // numerics.burnInTime (a number or auto) is swept over numbers.
        if (def.Kind is not (ParameterKind.Real or ParameterKind.Integer or ParameterKind.RealOrAuto))
            throw new ConfigException($"{where}.name", $"'{name}' cannot be swept: only numeric parameters can (set it in base or set)");

        double[] values;
        if (a.TryGetProperty("values", out var v))
        {
            if (a.TryGetProperty("from", out _) || a.TryGetProperty("to", out _) || a.TryGetProperty("count", out _))
                throw new ConfigException(where, "give either values or from/to/count, not both");
            if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0 || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number))
                throw new ConfigException($"{where}.values", "must be a non-empty list of numbers");
            values = v.EnumerateArray().Select(x => x.TryGetDouble(out double d) ? d
                : throw new ConfigException($"{where}.values", $"{x.GetRawText()} is not a finite number")).ToArray();
            // Listed values are what the user asked for: a value the parameter cannot take is refused, as --set refuses it.
            if (def.Kind == ParameterKind.Integer)
                foreach (double x in values)
                    if (x != Math.Floor(x))
                        throw new ConfigException($"{where}.values", $"{name} is an integer parameter: {Show(x)} is not a whole number");
        }
        else
        {
            double from = Number(a, "from", where), to = Number(a, "to", where);
            double countD = Number(a, "count", where);
            if (countD < 1 || countD != Math.Floor(countD) || countD > 10_000)
                throw new ConfigException($"{where}.count", $"value {countD} must be a whole number in [1, 10000]");
            int count = (int)countD;
            string scale = "linear";
            if (a.TryGetProperty("scale", out var sc))
            {
                scale = sc.ValueKind == JsonValueKind.String ? sc.GetString()! : "";
                if (scale is not ("linear" or "log"))
                    throw new ConfigException($"{where}.scale", "must be \"linear\" or \"log\"");
            }
            if (scale == "log" && (from <= 0 || to <= 0))
                throw new ConfigException(where, $"a log range needs from > 0 and to > 0 (got {from} .. {to})");
            values = Range(from, to, count, scale == "log");
            if (def.Kind == ParameterKind.Integer && IntegerGridProblem(values, from, to, count, scale == "log") is { } problem)
                throw new ConfigException(where, $"{name} is an integer parameter: {problem} (or list the values)");
            values = values.Select(x => def.Kind == ParameterKind.Integer ? Math.Round(x) : x).ToArray();
        }
        // A repeated value is the same point twice: the same derived seed gives a bit-identical row that fits would
        // count as an independent point.
        var seen = new HashSet<double>();
        foreach (double x in values)
            if (!seen.Add(x))
                throw new ConfigException(where, $"{name} = {Show(x)} appears twice: each value is one point, so give it once");
        return new SweepAxis(name, values);
    }

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Null when every value of a range of an integer parameter is a whole number (to rounding noise), else why not and
    /// which counts would give whole steps. Rounding the grid instead would change and merge points without a word.
    /// </summary>
    public static string? IntegerGridProblem(IReadOnlyList<double> values, double from, double to, int count, bool log)
    {
        static bool Whole(double x) => Math.Abs(x - Math.Round(x)) <= 1e-9 * Math.Max(1, Math.Abs(x));
        if (!Whole(from) || !Whole(to))
            return $"the range {Show(from)} .. {Show(to)} must start and end at whole numbers";
        var bad = values.Where(x => !Whole(x)).ToList();
        if (bad.Count == 0) return null;
        string shown = string.Join(", ", bad.Take(3).Select(x => x.ToString("G6", CultureInfo.InvariantCulture))) + (bad.Count > 3 ? ", ..." : "");
        string problem = $"the {(log ? "log" : "linear")} range {Show(from)} .. {Show(to)} in {count} points has values that are not whole numbers ({shown})";
        long span = (long)Math.Abs(Math.Round(to) - Math.Round(from));
        var counts = Enumerable.Range(2, (int)Math.Min(span, 10_000))
            .Where(c => span % (c - 1) == 0).OrderBy(c => Math.Abs(c - count)).Take(3).Order().ToList();
        return counts.Count > 0 ? $"{problem}; a linear range with count {string.Join(" or ", counts)} has whole steps" : problem;
    }

    private static double Number(JsonElement a, string key, string where)
    {
        if (!a.TryGetProperty(key, out var e) || e.ValueKind != JsonValueKind.Number)
            throw new ConfigException($"{where}.{key}", "missing or not a number (a range needs from, to and count)");
        return e.GetDouble();
    }

    /// <summary>count values from a to b inclusive, evenly spaced in x or (log) in ln x; the ends are exact.</summary>
    public static double[] Range(double from, double to, int count, bool log)
    {
        if (count == 1) return [from];
        var r = new double[count];
        for (int i = 0; i < count; i++)
        {
            double f = (double)i / (count - 1);
            r[i] = log ? Math.Exp(Math.Log(from) + f * (Math.Log(to) - Math.Log(from))) : from + f * (to - from);
        }
        r[0] = from;
        r[^1] = to;
        // Round to 12 significant digits so the values read back the same from the CSV and the key.
        return r.Select(x => double.Parse(x.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();
    }
}
