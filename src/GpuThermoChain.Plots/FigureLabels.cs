using System.Globalization;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Plots;

/// <summary>Figures: the symbols and axis names of config parameters, and the grouping of rows into series.</summary>
public static partial class Figures
{
    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["particleBath.temperature"] = "T_L",
        ["langevinBath.temperature"] = "T_R",
        ["particleBath.friction"] = "ζ",
        ["chain.coupling"] = "k",
        ["chain.pinning"] = "K",
        ["chain.sites"] = "N",
        ["chain.mass"] = "m",
        ["particleBath.epsilon"] = "ε",
        ["particleBath.rho"] = "ρ",
        ["particleBath.particles"] = "N_b",
        ["particleBath.ringLength"] = "L",
        ["langevinBath.friction"] = "γ_R",
    };

    private static readonly Dictionary<string, string> AxisNames = new()
    {
        ["particleBath.temperature"] = "particle-bath temperature T_L",
        ["langevinBath.temperature"] = "Langevin-bath temperature T_R",
        ["particleBath.friction"] = "particle friction ζ",
        ["chain.coupling"] = "coupling k",
    };

    public static string Symbol(string name) => Symbols.TryGetValue(name, out var s) ? s : name;
    private static string AxisName(string name) => AxisNames.TryGetValue(name, out var s) ? s : Symbol(name);
    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);


    private sealed record Series(string Label, string XName, List<IReadOnlyDictionary<string, string>> Rows)
    {
        public IReadOnlyDictionary<string, string> First => Rows[0];
    }

    private static List<Series> GroupSeries(PointsTable t, Func<IReadOnlyDictionary<string, string>, string>? singleLabel = null)
    {
        var list = new List<Series>();
        foreach (var g in t.Rows.GroupBy(r => (r.Text("block"), r.Text("series"))))
        {
            var rows = g.OrderBy(r => r.Num("x")).ToList();
            var axes = rows[0].Text("axes").Split('|');
            string label = axes.Length == 2 ? $"{Symbol(axes[0])} = {G(rows[0].Num("series"))}" : singleLabel?.Invoke(rows[0]) ?? "simulation";
            list.Add(new Series(label, axes[^1], rows));
        }
        return list;
    }

    private static string FixedLabel(IReadOnlyDictionary<string, string> r)
    {
        var axes = r.Text("axes").Split('|');
        return axes[^1] switch
        {
            "particleBath.temperature" => $"T_R = {G(r.Num("langevinBath.temperature"))}",
            "langevinBath.temperature" => $"T_L = {G(r.Num("particleBath.temperature"))}",
            _ => "simulation",
        };
    }
}
