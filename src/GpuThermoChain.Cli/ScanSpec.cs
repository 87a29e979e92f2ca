using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Cli;

/// <summary>A one-parameter scan, <c>name=FROM:TO:COUNT[:log]</c>: COUNT points, linear or logarithmic.</summary>
public sealed record ScanSpec(string Parameter, double From, double To, int Count, bool Logarithmic)
{
    public static ScanSpec Parse(string text)
    {
        const string form = "expected name=FROM:TO:COUNT[:log], e.g. particleBath.temperature=0.5:20:40:log";
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new ConfigException("--scan", $"'{text}': {form}");
        string name = text[..eq].Trim();
        var def = ParameterCatalog.Get(name);
        if (def.Kind is not (ParameterKind.Real or ParameterKind.Integer))
            throw new ConfigException("--scan", $"'{name}' is not a numeric parameter and cannot be scanned");
        string[] parts = text[(eq + 1)..].Split(':');
        if (parts.Length is < 3 or > 4 || (parts.Length == 4 && parts[3] != "log"))
            throw new ConfigException("--scan", $"'{text}': {form}");
        double from = Number(parts[0]), to = Number(parts[1]);
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 2 || count > 100_000)
            throw new ConfigException("--scan", $"'{text}': COUNT must be an integer in [2, 100000]");
        bool log = parts.Length == 4;
        if (log && (from <= 0 || to <= 0))
            throw new ConfigException("--scan", $"'{text}': a log scan needs FROM > 0 and TO > 0");
        var spec = new ScanSpec(name, from, to, count, log);
        // An integer parameter is scanned only on a grid of whole numbers: rounding one would move and merge points
        // (1:20:5 would give 1, 6, 10, 15, 20, with 10.5 rounded to even) without a word in the output.
        if (def.Kind == ParameterKind.Integer && SweepSpec.IntegerGridProblem(spec.Grid(), from, to, count, log) is { } problem)
            throw new ConfigException("--scan", $"'{text}': {name} is an integer parameter: {problem}");
        def.CheckRange(from, parts[0]);
        def.CheckRange(to, parts[1]);
        return spec;

        double Number(string s) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                ? v
                : throw new ConfigException("--scan", $"'{text}': '{s}' is not a number");
    }

    /// <summary>
    /// The scan points, in order, without repeats. For an integer parameter <see cref="Parse"/> has checked that the grid is
    /// whole numbers; rounding here only removes the float noise of FROM + (TO - FROM) t.
    /// </summary>
    public IReadOnlyList<double> Points()
    {
        bool integer = ParameterCatalog.Get(Parameter).Kind == ParameterKind.Integer;
        var pts = new List<double>(Count);
        foreach (double g in Grid())
        {
            double v = integer ? Math.Round(g) : g;
            if (pts.Count == 0 || pts[^1] != v) pts.Add(v);
        }
        return pts;
    }

    private double[] Grid()
    {
        var grid = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            double t = (double)i / (Count - 1);
            grid[i] = i == Count - 1 ? To : Logarithmic ? From * Math.Pow(To / From, t) : From + (To - From) * t;
        }
        return grid;
    }
}
