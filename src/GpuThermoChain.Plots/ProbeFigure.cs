using System.Globalization;
using System.Text;
using GpuThermoChain.Engine.Sweeps;
using ScottPlot;

namespace GpuThermoChain.Plots;

/// <summary>Figures: Fig. 2b, the effective friction of a released probe.</summary>
public static partial class Figures
{
    private static void ProbeFigure(PointsTable t, string dir, string figure, List<string> files, StringBuilder a)
    {
        var series = GroupSeries(t);
        a.Append("| T_L | gamma_eff | stdErr | gamma_L (Markov) | z gamma_L | expected fit gamma (memory kernel) | z expected |\n|---|---|---|---|---|---|---|\n");
        foreach (var r in t.Rows)
            a.Append(CultureInfo.InvariantCulture, $"| {G(r.Num("particleBath.temperature"))} | {r.Num("gammaEff"):G5} | {r.Num("gammaEff_err"):G2} | {r.Num("gammaL"):G5} | {r.Num("z_gammaL"):F1} | {r.Num("expectedFitGamma"):G5} | {r.Num("z_expectedFitGamma"):F1} |\n");
        a.Append('\n');
        bool logToo = t.Rows.All(r => r.Num("x") > 0 && r.Num("gammaEff") > 0);
        if (!logToo) NoteNoLog(a, t.Rows, "gammaEff", figure);
        foreach (bool log in logToo ? new[] { false, true } : new[] { false })
        {
            var plt = NewPlot("Fig. 2b: effective friction of a released probe" + (log ? ", log-log" : ""), AxisName(series[0].XName),
                "friction γ_eff (fit of the <v(t)> envelope)");
            for (int i = 0; i < series.Count; i++)
            {
                var s = series[i];
                var color = plt.Add.Palette.GetColor(i);
                AddData(plt, s.Rows.Select(r => r.Num("x")).ToList(), s.Rows.Select(r => r.Num("gammaEff")).ToList(),
                    s.Rows.Select(r => r.Num("gammaEff_err")).ToList(), color, "γ_eff, " + s.Label, log);
                var grid = TheoryCurves.Grid(s.Rows.Min(r => r.Num("x")), s.Rows.Max(r => r.Num("x")));
                AddCurve(plt, grid, TheoryCurves.Evaluate(s.First, s.XName, grid, TheoryCurves.GammaL), color, dashed: true, log, "γ_L (Markov)");
                AddCurve(plt, grid, TheoryCurves.Evaluate(s.First, s.XName, grid, TheoryCurves.MemoryKernelGamma), color, dashed: false, log, "memory-kernel slow mode 2m·rate");
                var ex = s.Rows.Where(r => double.IsFinite(r.Num("expectedFitGamma"))).ToList();
                var sc = plt.Add.ScatterPoints(ex.Select(r => T(r.Num("x"), log)).ToArray(), ex.Select(r => T(r.Num("expectedFitGamma"), log)).ToArray(), color);
                sc.MarkerShape = MarkerShape.OpenSquare;
                sc.MarkerSize = 9;
                sc.LegendText = "same fit on the exact linear-response <v(t)>";
            }
            if (log) LogAxes(plt);
            plt.ShowLegend(Edge.Right);
            Save(plt, dir, log ? figure + "-loglog" : figure + (logToo ? "-linear" : ""), files);
        }
    }
}
