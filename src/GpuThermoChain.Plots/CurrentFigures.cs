using System.Text;
using GpuThermoChain.Engine.Sweeps;
using ScottPlot;

namespace GpuThermoChain.Plots;

/// <summary>Figures: the heat-current figures (fig3, fig4a, fig4b, maximum, any current sweep) and their theory curves.</summary>
public static partial class Figures
{

    private static void CurrentFigure(PointsTable t, string dir, string figure, PlotOptions o, List<string> files, StringBuilder a)
    {
        var all = GroupSeries(t, FixedLabel);
        ZTable(t, a);
        TheoryDeviationNotes.Append(t, dir, a);
        foreach (var byX in all.GroupBy(s => s.XName))
        {
            var series = byX.ToList();
            string xName = byX.Key;
            string suffix = all.Select(s => s.XName).Distinct().Count() > 1 ? "-vs-" + Symbol(xName).Replace("_", "") : "";
            string name = figure + suffix;
            var curves = series.Select(s => CurvesFor(s, xName)).ToList();
            string title = figure switch
            {
                "fig3" => "Fig. 3: heat current vs particle-bath temperature (T_R = 0)",
                "fig4a" => $"Fig. 4a: J vs T_L at T_R = {G(series[0].First.Num("langevinBath.temperature"))}",
                "fig4b" => xName == "langevinBath.temperature" ? "Fig. 4b: J vs T_R at fixed T_L (linear law)" : "Fig. 4b: J vs T_L at fixed T_R (not linear)",
                "maximum" => "Conductivity maximum: J vs T_L",
                _ => $"J vs {Symbol(xName)}",
            };
            bool logToo = figure is "fig3" or "sweep" && series.All(s => s.Rows.All(r => r.Num("x") > 0 && r.Num("J") > 0));
            if (figure is "fig3" or "sweep" && !logToo) NoteNoLog(a, series.SelectMany(s => s.Rows), "J", name);
            foreach (bool log in logToo ? new[] { false, true } : new[] { false })
            {
                var plt = NewPlot(log ? title + ", log-log" : title, AxisName(xName), "heat current J");
                bool marked = false;
                for (int i = 0; i < series.Count; i++)
                {
                    var s = series[i];
                    var color = plt.Add.Palette.GetColor(i);
                    AddData(plt, s.Rows.Select(r => r.Num("x")).ToList(), s.Rows.Select(r => r.Num("J")).ToList(),
                        s.Rows.Select(r => r.Num("J_err")).ToList(), color, s.Label, log);
                    AddCurve(plt, curves[i].X, curves[i].Markov, color, dashed: true, log);
                    AddCurve(plt, curves[i].X, curves[i].Memory, color, dashed: false, log);
                    MarkUnsteady(plt, s.Rows, "x", r => r.Num("J"), log, labelled: ref marked);
                }
                if (figure == "fig3" && log) SlopeFits(plt, series, o, a);
                if (figure == "maximum" && !log) MaximumFit(plt, series, o, a, dir, name, files);
                if (log) LogAxes(plt);
                else if (series.Any(s => s.Rows.Any(r => r.Num("J") < 0)))
                    plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.4));
                StyleLegend(plt, theoryKey: true);
                Save(plt, dir, log ? name + "-loglog" : name + (logToo ? "-linear" : ""), files);
            }
            if (figure == "fig4a" && series.All(s => s.Rows.All(r => r.Num("x") > 0)))
                AboveRightTemperature(series, curves, xName, title, dir, name, files);
        }
    }

    /// <summary>
    /// Fig. 4a on a log T_L axis: the whole range (J spans -1 .. 0.015), and the range T_L &gt;= T_R alone, where the
    /// current is small, positive and non-monotonic.
    /// </summary>
    private static void AboveRightTemperature(List<Series> series, List<Curves> curves, string xName, string title, string dir, string name, List<string> files)
    {
        foreach (bool above in new[] { false, true })
        {
            double tr = series[0].First.Num("langevinBath.temperature");
            var plt = NewPlot(above ? title + ", T_L >= T_R" : title + ", log T_L axis", AxisName(xName) + " (log scale)", "heat current J");
            bool marked = false;
            for (int i = 0; i < series.Count; i++)
            {
                var s = series[i];
                var color = plt.Add.Palette.GetColor(i);
                var rows = s.Rows.Where(r => !above || r.Num("x") >= tr * (1 - 1e-9)).ToList();
                AddData(plt, rows.Select(r => r.Num("x")).ToList(), rows.Select(r => r.Num("J")).ToList(),
                    rows.Select(r => r.Num("J_err")).ToList(), color, s.Label, log: false, logX: true);
                MarkUnsteady(plt, rows, "x", r => r.Num("J"), log: false, logX: true, labelled: ref marked);
                var keep = Enumerable.Range(0, curves[i].X.Length).Where(j => !above || curves[i].X[j] >= tr * (1 - 1e-9)).ToArray();
                AddCurve(plt, keep.Select(j => curves[i].X[j]).ToArray(), keep.Select(j => curves[i].Markov[j]).ToArray(), color, dashed: true, log: false, logX: true);
                AddCurve(plt, keep.Select(j => curves[i].X[j]).ToArray(), keep.Select(j => curves[i].Memory[j]).ToArray(), color, dashed: false, log: false, logX: true);
            }
            plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.4));
            LogAxes(plt, xOnly: true);
            StyleLegend(plt, theoryKey: true);
            Save(plt, dir, name + (above ? "-above-TR" : "-logx"), files);
        }
    }

    private sealed record Curves(double[] X, double[] Markov, double[] Memory);

    private static Curves CurvesFor(Series s, string xName)
    {
        double lo = s.Rows.Min(r => r.Num("x")), hi = s.Rows.Max(r => r.Num("x"));
        var grid = TheoryCurves.Grid(lo, hi);
        return new Curves(grid,
            TheoryCurves.Evaluate(s.First, xName, grid, TheoryCurves.Markov),
            TheoryCurves.Evaluate(s.First, xName, grid, TheoryCurves.MemoryKernelCurrent));
    }
}
