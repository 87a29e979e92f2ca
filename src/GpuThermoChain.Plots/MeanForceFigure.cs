using System.Globalization;
using System.Text;
using GpuThermoChain.Engine.Sweeps;
using ScottPlot;

namespace GpuThermoChain.Plots;

/// <summary>Figures: Fig. 2a, the mean force on a frozen probe.</summary>
public static partial class Figures
{

    private static void MeanForceFigure(PointsTable t, string dir, string figure, List<string> files, StringBuilder a)
    {
        var groups = t.Rows.GroupBy(r => (r.Text("block"), r.Text("series"), r.Text("x"))).ToList();
        var first = t.Rows[0];
        var plt = NewPlot($"Fig. 2a: mean bath force on a frozen probe (ε = {G(first.Num("particleBath.epsilon"))})",
            "frozen probe position q", "mean bath force F_qs(q)");
        UnsteadyParagraph(t, a, r => $"T_L = {G(r.Num("particleBath.temperature"))}, q = {G(r.Num("q"))}");
        a.Append("| T_L | q | force | stdErr | exact | z exact | 2nd order | z 2nd order | steady | burn-in |\n|---|---|---|---|---|---|---|---|---|---|\n");
        int i = 0;
        bool marked = false;
        foreach (var g in groups)
        {
            var rows = g.OrderBy(r => r.Num("q")).ToList();
            var color = plt.Add.Palette.GetColor(i++);
            double tl = rows[0].Num("particleBath.temperature");
            AddData(plt, rows.Select(r => r.Num("q")).ToList(), rows.Select(r => r.Num("force")).ToList(),
                rows.Select(r => r.Num("force_err")).ToList(), color, $"T_L = {G(tl)}", log: false);
            MarkUnsteady(plt, rows, "q", r => r.Num("force"), log: false, labelled: ref marked);
            var grid = TheoryCurves.Grid(rows.Min(r => r.Num("q")), rows.Max(r => r.Num("q")));
            var p = TheoryCurves.Params(rows[0]);
            AddCurve(plt, grid, grid.Select(q => Theory.MeanForce.Exact(p, q)).ToArray(), color, dashed: false, log: false);
            AddCurve(plt, grid, grid.Select(q => Theory.MeanForce.SecondOrder(p, q)).ToArray(), color, dashed: true, log: false);
            foreach (var r in rows)
                a.Append(CultureInfo.InvariantCulture, $"| {G(tl)} | {G(r.Num("q"))} | {r.Num("force"):G5} | {r.Num("force_err"):G2} | {r.Num("exact"):G5} | {r.Num("z_exact"):F1} | {r.Num("secondOrder"):G5} | {r.Num("z_secondOrder"):F1} | {SteadyCell(r)} | {Cell(r.Num("burnIn"), "G4")} |\n");
        }
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "exact quadrature (solid)", LineColor = Colors.Gray, LineWidth = 2 });
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "order ε² (dashed)", LineColor = Colors.Gray, LineWidth = 2, LinePattern = LinePattern.Dashed });
        plt.ShowLegend(Edge.Right);
        Save(plt, dir, figure, files);
        a.Append('\n');
    }

}
