using System.Globalization;
using System.Text;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Plots;

/// <summary>Figures: the analysis written beside them as Markdown (z-score tables, unsteady points, notes).</summary>
public static partial class Figures
{
    /// <summary>A table cell: the number, or "n/a" where the theory has no value (k_eff &lt;= 0: no stationary state).</summary>
    private static string Cell(double v, string format) => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A row whose point failed its stationarity checks (column steady = no): marked, never used in a fit.</summary>
    public static bool Unsteady(IReadOnlyDictionary<string, string> r) => r.Text("steady") == PointRows.SteadyNo;

    /// <summary>The analysis' paragraph on points that failed their stationarity checks (nothing when every point passed).</summary>
    private static void UnsteadyParagraph(PointsTable t, StringBuilder a, Func<IReadOnlyDictionary<string, string>, string> label)
    {
        var bad = t.Rows.Where(Unsteady).ToList();
        if (bad.Count == 0) return;
        a.Append(CultureInfo.InvariantCulture, $"**{bad.Count} of {t.Rows.Count} rows did not pass their stationarity checks** (steady = no in points.csv): ")
         .Append("they are marked with a red cross in the figures and left out of every fit below; their numbers are not steady-state results.\n\n");
        foreach (var r in bad)
            a.Append(CultureInfo.InvariantCulture, $"- point {r.Text("index")} ({label(r)}): {r.Text("steadyNote")}\n");
        a.Append('\n');
    }

    private static string SteadyCell(IReadOnlyDictionary<string, string> r) => r.Text("steady") switch
    {
        PointRows.SteadyNo => "**NO**",
        "" => "-",
        var v => v,
    };

    /// <summary>The analysis says why a logarithmic figure is missing, rather than leaving the reader to wonder.</summary>
    private static void NoteNoLog(StringBuilder a, IEnumerable<IReadOnlyDictionary<string, string>> rows, string y, string figureName)
    {
        var bad = rows.Where(r => !(r.Num("x") > 0 && r.Num(y) > 0)).Select(r => r.Text("index")).ToList();
        a.Append(CultureInfo.InvariantCulture,
            $"Note: no log-log figure {figureName}-loglog: {(bad.Count == 1 ? "1 point has" : $"{bad.Count} points have")} x <= 0 or {y} <= 0 " +
            $"(index {string.Join(", ", bad.Take(10))}{(bad.Count > 10 ? ", ..." : "")}); only the linear figure is drawn.\n\n");
    }

    private static void ZTable(PointsTable t, StringBuilder a)
    {
        static string Values(IReadOnlyDictionary<string, string> r)
        {
            var axes = r.Text("axes").Split('|');
            return axes.Length == 2 ? $"{Symbol(axes[0])} = {G(r.Num("series"))}, {Symbol(axes[1])} = {G(r.Num("x"))}" : $"{Symbol(axes[0])} = {G(r.Num("x"))}";
        }
        UnsteadyParagraph(t, a, Values);
        a.Append("How far the simulation sits from each theory, in standard errors (z = (J - theory) / stdErr); steady: the point passed ")
         .Append("its stationarity checks (automatic burn-in, estimator agreement):\n\n");
        a.Append("| point | swept values | J | stdErr | Markov | z Markov | memory kernel | z memory kernel | steady | burn-in | wall s |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in t.Rows)
        {
            a.Append(CultureInfo.InvariantCulture, $"| {r.Text("index")} | {Values(r)} | {r.Num("J"):G5} | {r.Num("J_err"):G2} | {Cell(r.Num("markov"), "G5")} | {Cell(r.Num("z_markov"), "F1")} | {Cell(r.Num("memoryKernel"), "G5")} | {Cell(r.Num("z_memoryKernel"), "F1")} | {SteadyCell(r)} | {Cell(r.Num("burnIn"), "G4")} | {r.Num("wallSeconds"):F1} |\n");
        }
        a.Append('\n');
    }
}
